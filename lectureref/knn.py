"""k nearest neighbours (kNN): numpy with vectorised distances, and PyTorch.

Lecture 2 (10:05, 12:21, 15:25). "Training" only stores the data; prediction finds the ``k``
closest training points and takes a majority vote of their labels.
"""

from __future__ import annotations

import numpy as np
import torch

from lectureref.device import get_device
from lectureref.nn.functional import class_labels


def _check_k(k: int, n_train: int) -> None:
    """``k`` neighbours must exist: 1 ≤ k ≤ N (scikit-learn refuses the same)."""
    if not 1 <= k <= n_train:
        raise ValueError(f"k must be between 1 and the number of training points ({n_train}); got {k}")


def pairwise_sq_distances(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances ``D[i, j] = ‖A[i] − B[j]‖²`` without a loop over pairs.

    Parameters
    ----------
    A : np.ndarray
        Query points ``(M, D)``.
    B : np.ndarray
        Reference points ``(N, D)``.

    Returns
    -------
    np.ndarray
        ``(M, N)`` float64, never negative.
    """
    A, B = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    # --8<-- [start:distances]
    # ‖a − b‖² = ‖a‖² + ‖b‖² − 2·a·b: one matrix product instead of M·N vector differences
    sq = (A**2).sum(1)[:, None] + (B**2).sum(1)[None, :] - 2.0 * A @ B.T
    return np.maximum(sq, 0.0)               # rounding can give −1e-15 for identical points
    # --8<-- [end:distances]


def vote(neighbor_labels: np.ndarray, n_classes: int) -> np.ndarray:
    """Majority vote along axis 1 of ``(M, k)`` labels; a tie goes to the smaller label."""
    # --8<-- [start:vote]
    counts = np.zeros((len(neighbor_labels), n_classes), dtype=np.int64)
    rows = np.repeat(np.arange(len(neighbor_labels)), neighbor_labels.shape[1])
    np.add.at(counts, (rows, neighbor_labels.ravel()), 1)   # counts[i, c] = votes for c
    return counts.argmax(axis=1)             # argmax takes the first maximum
    # --8<-- [end:vote]


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X: np.ndarray, k: int = 1) -> np.ndarray:
    """Labels ``(M,)`` for ``X`` ``(M, D)`` by a majority vote of the ``k`` nearest training points.

    Equal distances are broken by the lower training index (a stable sort), as scikit-learn's
    brute-force search does.
    """
    y_train = class_labels(y_train)
    # --8<-- [start:predict]
    nearest = nearest_indices(X_train, X, k)                  # (M, k) training indices
    return vote(y_train[nearest], n_classes=int(y_train.max()) + 1)
    # --8<-- [end:predict]


def nearest_indices(X_train: np.ndarray, X: np.ndarray, k: int) -> np.ndarray:
    """Indices ``(M, k)`` of the ``k`` closest training points to each row of ``X``, closest first."""
    _check_k(k, len(X_train))
    if np.shape(X)[-1] != np.shape(X_train)[-1]:
        raise ValueError(f"queries have {np.shape(X)[-1]} features, the training points {np.shape(X_train)[-1]}")
    dist = pairwise_sq_distances(X, X_train)                  # (M, N)
    return np.argsort(dist, axis=1, kind="stable")[:, :k]


def knn_predict_many(X_train: np.ndarray, y_train: np.ndarray, X: np.ndarray, ks: list[int]) -> dict[int, np.ndarray]:
    """``{k: knn_predict(X_train, y_train, X, k)}`` for several ``k``, sorting the distances once."""
    if not ks:
        raise ValueError("knn_predict_many needs at least one k")
    y_train = class_labels(y_train)
    for k in ks:
        _check_k(k, len(X_train))
    nearest = nearest_indices(X_train, X, max(ks))
    n_classes = int(y_train.max()) + 1
    return {k: vote(y_train[nearest[:, :k]], n_classes) for k in ks}


def knn_predict_torch(
    X_train: np.ndarray, y_train: np.ndarray, X: np.ndarray, k: int = 1, device: torch.device | None = None
) -> np.ndarray:
    """The same prediction in PyTorch: ``torch.cdist`` + a stable sort on `get_device`.

``dist.topk(k, largest=False)`` is faster, but the order it gives equal distances is
unspecified (and may differ between CPU and CUDA); the digits have many exact ties, so a
stable sort keeps the predictions identical to numpy and scikit-learn everywhere.
"""
    _check_k(k, len(X_train))
    y_train = class_labels(y_train)
    device = device or get_device()
    Xtr = torch.as_tensor(X_train, dtype=torch.float64, device=device)
    ytr = torch.as_tensor(y_train, dtype=torch.int64, device=device)
    Xq = torch.as_tensor(X, dtype=torch.float64, device=device)
    n_classes = int(ytr.max()) + 1
    # --8<-- [start:torch_predict]
    # "use_mm_for_euclid_dist" is the same ‖a‖² + ‖b‖² − 2ab trick as the numpy version
    dist = torch.cdist(Xq, Xtr, compute_mode="use_mm_for_euclid_dist")          # (M, N)
    nearest = torch.argsort(dist, dim=1, stable=True)[:, :k]   # ties: lower index first  (M, k)
    votes = torch.nn.functional.one_hot(ytr[nearest], n_classes).sum(dim=1)     # (M, C)
    pred = votes.argmax(dim=1)
    # --8<-- [end:torch_predict]
    return pred.cpu().numpy()
