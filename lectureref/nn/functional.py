"""Stateless functions the layers and losses share: sigmoid, log-sigmoid, softmax, log-softmax.

Each is written to be finite for any input (no ``exp`` of a large positive number), so the
losses built on them never return ``inf`` or ``nan`` for extreme logits.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """``1 / (1 + e^{−z})`` without overflow: ``exp(−log(1 + e^{−z}))`` via ``logaddexp``."""
    return np.exp(-np.logaddexp(0.0, -z))


def log_sigmoid(z: np.ndarray) -> np.ndarray:
    """``log σ(z) = −log(1 + e^{−z})``, finite for any ``z`` (``log(sigmoid(z))`` gives ``−inf``)."""
    return -np.logaddexp(0.0, -z)


def log_softmax(z: np.ndarray) -> np.ndarray:
    """``log softmax`` along the last axis, stable for any logits (log-sum-exp trick)."""
    # --8<-- [start:log_softmax]
    shifted = z - z.max(axis=-1, keepdims=True)    # softmax(z) = softmax(z − c): the largest is 0
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))   # exp(≤ 0) never overflows
    # --8<-- [end:log_softmax]


def softmax(z: np.ndarray) -> np.ndarray:
    """Probabilities along the last axis: ``e^{z_k} / Σ_j e^{z_j}`` (``z`` (..., K))."""
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)
