"""FastText gives unseen word forms a vector from their n-grams, next to their known relatives."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.device import get_device
from lectureref.fasttext import CLASSES, HELD_OUT, make_forms_corpus, train_fasttext
from lectureref.word2vec import build_vocab, cosine_matrix
from lectureref.training import TrainConfig


def main() -> None:
    seed = reproducible(0)
    # --8<-- [start:main]
    corpus = make_forms_corpus(800, held_out=HELD_OUT)      # "elephants", "chocolates", "mountains" never occur
    model, losses = train_fasttext(corpus, n_buckets=2000, dim=16,
                                   config=TrainConfig(epochs=3, seed=seed, device=get_device()))
    # The page says: 700 sentences are left after the filter, 51 words (the corpus is fixed).
    claim("sentences after the filter", len(corpus), "==", 700)
    claim("vocabulary size", len(build_vocab(corpus).words), "==", 51)
    known = [w for words in CLASSES.values() for w in words]
    sim = cosine_matrix(model.vectors(HELD_OUT + known))[: len(HELD_OUT), len(HELD_OUT):]
    for word, row in zip(HELD_OUT, sim):
        nearest = [known[j] for j in np.argsort(-row)[:3]]
        print(f"{word} (unseen) → nearest known words: {nearest}")
    # --8<-- [end:main]
        # The page claims: the singular is among the two nearest known words (which one is first
        # depends on the seed and the device's negatives), and the three nearest are of its class.
        singular = word[:-1]
        claim(f"{word}: rank of {singular!r} among the nearest", nearest.index(singular) + 1 if singular in nearest else 4, "<=", 2)
        cls = next(c for c, words in CLASSES.items() if singular in words)
        claim(f"{word}: nearest three of its class", sum(w in CLASSES[cls] for w in nearest), "==", 3)


if __name__ == "__main__":
    main()
