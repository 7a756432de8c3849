"""Choosing hyperparameters honestly: train/val/test split, k-fold cross-validation.

Lecture 2 (19:58, 20:43, 24:58, 28:11, 51:10). ``k`` of kNN is a hyperparameter: it is chosen
on data the model was not fitted on (validation folds), and the test set is touched once, at
the very end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import numpy as np

from lectureref.knn import knn_predict_many
from lectureref.metrics import accuracy


class Curve(NamedTuple):
    """Train and validation accuracy for each value of a hyperparameter."""

    values: list[int]
    train_acc: list[float]
    val_acc: list[float]


def train_val_test_indices(
    n: int, val_size: float = 0.15, test_size: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle ``range(n)`` once and cut it into train / val / test index arrays."""
    if val_size < 0 or test_size < 0 or val_size + test_size >= 1:
        raise ValueError(f"val_size + test_size must leave a training set: got {val_size} + {test_size}")
    order = np.random.default_rng(seed).permutation(n)
    n_test, n_val = round(n * test_size), round(n * val_size)
    return order[n_test + n_val :], order[n_test : n_test + n_val], order[:n_test]


def kfold_indices(
    n: int, n_folds: int = 5, shuffle: bool = False, seed: int = 0
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield ``(train_idx, val_idx)`` for each of ``n_folds`` folds.

    Fold sizes follow scikit-learn's ``KFold``: the first ``n % n_folds`` folds get one
    extra example; without shuffling the indices match ``KFold(n_folds)`` exactly.
    """
    if not 2 <= n_folds <= n:
        raise ValueError(f"n_folds must be between 2 and the number of examples ({n}); got {n_folds}")
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    # --8<-- [start:kfold]
    sizes = np.full(n_folds, n // n_folds)
    sizes[: n % n_folds] += 1                 # spread the remainder over the first folds
    start = 0
    for size in sizes:
        val = order[start : start + size]
        train = np.concatenate([order[:start], order[start + size :]])
        yield train, val                      # every example is in exactly one val fold
        start += size
    # --8<-- [end:kfold]


def cross_val_scores(
    X: np.ndarray,
    y: np.ndarray,
    predict: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    n_folds: int = 5,
    shuffle: bool = False,
    seed: int = 0,
) -> np.ndarray:
    """Validation accuracy ``(n_folds,)`` of ``predict(X_train, y_train, X_val)`` on each fold."""
    return np.array(
        [accuracy(y[va], predict(X[tr], y[tr], X[va])) for tr, va in kfold_indices(len(X), n_folds, shuffle, seed)]
    )


def choose_k(
    X: np.ndarray, y: np.ndarray, ks: Sequence[int], n_folds: int = 5, shuffle: bool = True, seed: int = 0
) -> tuple[int, dict[int, float]]:
    """Pick the number of neighbours with the best mean cross-validation accuracy.

    Returns the best ``k`` (the smallest one on a tie) and ``{k: mean accuracy}``.
    """
    # --8<-- [start:choose_k]
    fold_acc = {k: [] for k in ks}
    for tr, va in kfold_indices(len(X), n_folds, shuffle, seed):
        for k, pred in knn_predict_many(X[tr], y[tr], X[va], list(ks)).items():
            fold_acc[k].append(accuracy(y[va], pred))
    scores = {k: float(np.mean(acc)) for k, acc in fold_acc.items()}
    best = max(ks, key=lambda k: (scores[k], -k))   # the simplest (smallest) k on a tie
    # --8<-- [end:choose_k]
    return best, scores


def knn_train_val_curve(
    X_train: np.ndarray, y_train: np.ndarray, X_val: np.ndarray, y_val: np.ndarray, ks: Sequence[int]
) -> Curve:
    """Train and validation accuracy of kNN for each ``k``.

    ``k = 1`` remembers the training set (train accuracy 1.0: overfitting); a very large ``k``
    votes over most of the data and both accuracies fall (underfitting).
    """
    on_train = knn_predict_many(X_train, y_train, X_train, list(ks))
    on_val = knn_predict_many(X_train, y_train, X_val, list(ks))
    train_acc = [accuracy(y_train, on_train[k]) for k in ks]
    val_acc = [accuracy(y_val, on_val[k]) for k in ks]
    return Curve(list(ks), train_acc, val_acc)
