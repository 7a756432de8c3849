"""Stateless functions the layers and losses share: sigmoid, log-sigmoid, softmax, log-softmax.

Each is written to be finite for any input (no ``exp`` of a large positive number), so the
losses built on them never return ``inf`` or ``nan`` for extreme logits.
"""

from __future__ import annotations

import numpy as np


def class_labels(y: np.ndarray, n_classes: int | None = None) -> np.ndarray:
    """``y`` as an int64 array of class labels ``0..K−1``, or ``ValueError`` saying what is wrong.

    Labels index rows and columns (one-hot, confusion matrices, votes): a negative label would
    index from the end and a float one would be truncated, silently. ``n_classes`` is ``K`` when
    known; otherwise only ``y ≥ 0`` is checked.
    """
    y = np.asarray(y)
    if y.size and not np.issubdtype(y.dtype, np.integer):
        if not np.issubdtype(y.dtype, np.floating) or not np.all(y == np.round(y)):
            raise ValueError(f"class labels must be integers 0..K−1; got dtype {y.dtype}")
    y = y.astype(np.int64)
    if y.size and y.min() < 0:
        raise ValueError(f"class labels must be 0..K−1; got {y.min()}")
    if n_classes is not None and y.size and y.max() >= n_classes:
        raise ValueError(f"class labels must be in 0..{n_classes - 1} for {n_classes} classes; got {y.max()}")
    return y


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
