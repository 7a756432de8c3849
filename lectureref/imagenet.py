"""ImageNet: the table of error rates from lecture 6, and the top-k error it is measured in.

Lecture 6, from the course notes between 50:15 and 1:07:55: ImageNet has about a million
images in 1000 classes; AlexNet (2012) made 15.4 % errors with 16M parameters, VGG (2014)
6.8 % with 140M, ResNet (2015) 3.57 %. These are top-5 errors: a picture counts as an error
when its class is not among the five the network finds most likely. `topk_error` computes
that in numpy, `topk_error_torch` with ``torch.topk``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch


class Entry(NamedTuple):
    """One row of the lecture's table: year, network, top-5 error in %, parameters in millions (or None)."""

    year: int
    net: str
    top5_error: float
    params_m: float | None


# --8<-- [start:table]
# As the course notes give them (lecture 6); the notes name no parameter count for ResNet.
IMAGENET_TABLE = [
    Entry(2012, "AlexNet", 15.4, 16),
    Entry(2014, "VGG", 6.8, 140),
    Entry(2015, "ResNet", 3.57, None),
]
# --8<-- [end:table]


# --8<-- [start:topk]
def topk_error(logits: np.ndarray, y: np.ndarray, k: int = 5) -> float:
    """Share of rows of ``logits`` (N, K) whose true class ``y`` (N,) is not among the ``k`` largest."""
    top = np.argpartition(-logits, k - 1, axis=1)[:, :k]       # the k largest, in any order
    return float(np.mean(~(top == y[:, None]).any(axis=1)))
# --8<-- [end:topk]


# --8<-- [start:topk_torch]
def topk_error_torch(logits: torch.Tensor, y: torch.Tensor, k: int = 5) -> float:
    """The same with ``torch.topk``."""
    top = logits.topk(k, dim=1).indices                        # (N, k)
    return (top != y[:, None]).all(dim=1).double().mean().item()
# --8<-- [end:topk_torch]
