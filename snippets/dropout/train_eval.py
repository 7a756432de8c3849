"""Dropout in training and in inference: inverted scaling keeps the mean activation."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.nn.layers import Dropout


def main() -> None:
    seed = reproducible(0)
    x = np.ones((1000, 100), np.float32)
    # --8<-- [start:main]
    layer = Dropout(p=0.5, seed=seed)
    train_out = layer.forward(x)                 # training: half the units zeroed, the rest ×2
    layer.training = False
    eval_out = layer.forward(x)                  # inference: the layer does nothing
    print(f"train: {np.mean(train_out == 0):.1%} zeros, values {np.unique(train_out)}, mean {train_out.mean():.3f}")
    print(f"eval:  mean {eval_out.mean():.3f}")
    # --8<-- [end:main]
    # The page claims: ≈ 50 % zeros, kept units are 2.0, the mean stays ≈ 1 in both modes.
    claim("|share of zeros − 0.5|", abs(np.mean(train_out == 0) - 0.5), "<", 0.01)
    assert set(np.unique(train_out)) == {0.0, 2.0}
    claim("train mode: |mean − 1|", abs(train_out.mean() - 1.0), "<", 0.01)
    assert eval_out.mean() == 1.0


if __name__ == "__main__":
    main()
