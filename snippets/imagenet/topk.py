"""Top-1 and top-5 error of a linear classifier on the digits, in numpy and with torch.topk."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.imagenet import topk_error, topk_error_torch


def main() -> None:
    seed = reproducible(0)
    s = digits_split(seed=seed)
    # --8<-- [start:main]
    # a linear classifier in closed form: least squares from pixels (+ 1) to one-hot labels
    ones = lambda X: np.hstack([X, np.ones((len(X), 1), X.dtype)])   # noqa: E731
    W, *_ = np.linalg.lstsq(ones(s.X_train), np.eye(10)[s.y_train], rcond=None)
    logits = ones(s.X_test) @ W                                       # (360, 10) scores
    for k in (1, 2, 5):
        ours = topk_error(logits, s.y_test, k)
        theirs = topk_error_torch(torch.as_tensor(logits), torch.as_tensor(s.y_test), k)
        print(f"top-{k} error: {ours:.3f} (torch.topk: {theirs:.3f})")
    # --8<-- [end:main]
    # The page claims, for seeds 0–9: numpy and torch agree, the error falls as k grows,
    # top-1 below 0.1 and top-5 below 0.01.
    errors = [topk_error(logits, s.y_test, k) for k in (1, 2, 5)]
    for k, e in zip((1, 2, 5), errors):
        claim(f"|numpy − torch| top-{k}", abs(e - topk_error_torch(torch.as_tensor(logits), torch.as_tensor(s.y_test), k)), "==", 0)
    claim("top-2 − top-1", errors[1] - errors[0], "<=", 0)
    claim("top-5 − top-2", errors[2] - errors[1], "<=", 0)
    claim("top-1 error", errors[0], "<", 0.1)
    claim("top-5 error", errors[2], "<", 0.01)


if __name__ == "__main__":
    main()
