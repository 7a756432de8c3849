"""The three kinds of RNN models on one batch: what goes in and what comes out."""

import torch

from lectureref.claims import reproducible
from lectureref.rnn_tasks import ManyToMany, ManyToOne, OneToMany


def main() -> None:
    reproducible(0)
    # --8<-- [start:main]
    N, T, D, H = 4, 7, 3, 16
    x = torch.randn(N, T, D)                              # 4 sequences of 7 steps
    scores = ManyToOne(D, H, classes=2)(x)                # sentiment: one answer per sequence
    tags = ManyToMany(D, H, classes=5)(x)                 # tagging: one answer per step
    caption = OneToMany(D, H, vocab=10)(x[:, 0], steps=5) # one vector in, 5 tokens out
    print(tuple(scores.shape), tuple(tags.shape), tuple(caption.shape))
    assert scores.shape == (N, 2) and tags.shape == (N, T, 5) and caption.shape == (N, 5)
    # --8<-- [end:main]


if __name__ == "__main__":
    main()
