"""Classification metrics from scratch: accuracy, confusion matrix, precision, recall, F1.

Lecture 2 (36:32, 37:25, 39:35, 45:34). Every metric is a ratio of counts read off the
confusion matrix ``C[t, p]`` = how many examples of true class ``t`` were predicted as ``p``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from lectureref.nn.functional import class_labels


class PRF(NamedTuple):
    """Precision, recall and F1: floats (binary) or ``(K,)`` arrays (one per class)."""

    precision: float | np.ndarray
    recall: float | np.ndarray
    f1: float | np.ndarray


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of correct predictions, ``mean(y_pred == y_true)``."""
    if np.shape(y_true) != np.shape(y_pred):
        raise ValueError(f"y_true and y_pred differ in shape: {np.shape(y_true)} vs {np.shape(y_pred)}")
    if np.size(y_true) == 0:
        raise ValueError("accuracy of no predictions is undefined")
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int | None = None) -> np.ndarray:
    """``(K, K)`` int matrix, rows = true class, columns = predicted class (sklearn's layout).

    One ``bincount`` over the pair index ``K·t + p`` counts every cell at once.
    """
    y_true, y_pred = class_labels(y_true, n_classes), class_labels(y_pred, n_classes)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {y_true.shape} vs {y_pred.shape}")
    if n_classes is None and y_true.size == 0:
        raise ValueError("confusion_matrix of no predictions needs n_classes")
    k = n_classes or int(max(y_true.max(), y_pred.max())) + 1
    # --8<-- [start:confusion]
    return np.bincount(k * y_true + y_pred, minlength=k * k).reshape(k, k)
    # --8<-- [end:confusion]


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` with 0 where ``den == 0`` (sklearn's ``zero_division=0``)."""
    return np.divide(num, den, out=np.zeros_like(num, dtype=np.float64), where=den > 0)


def precision_recall_f1_per_class(cm: np.ndarray) -> PRF:
    """Per-class precision, recall, F1 ``(K,)`` from a confusion matrix ``cm`` ``(K, K)``.

    For class ``c``: TP is the diagonal, FP the rest of column ``c`` (predicted ``c`` wrongly),
    FN the rest of row ``c`` (missed ``c``).
    """
    # --8<-- [start:per_class]
    tp = np.diag(cm).astype(np.float64)
    predicted = cm.sum(axis=0)               # TP + FP: column sums
    actual = cm.sum(axis=1)                  # TP + FN: row sums
    precision = _ratio(tp, predicted)        # of those we called c, how many are c
    recall = _ratio(tp, actual)              # of the real c, how many we found
    f1 = _ratio(2 * precision * recall, precision + recall)  # harmonic mean
    # --8<-- [end:per_class]
    return PRF(precision, recall, f1)


def precision_recall_f1(y_true: np.ndarray, y_pred: np.ndarray, positive: int = 1) -> PRF:
    """Binary precision, recall and F1 of the class ``positive`` (labels 0/1 or any ints)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    # --8<-- [start:binary]
    tp = np.sum((y_pred == positive) & (y_true == positive))
    fp = np.sum((y_pred == positive) & (y_true != positive))   # false alarm
    fn = np.sum((y_pred != positive) & (y_true == positive))   # missed positive
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # --8<-- [end:binary]
    return PRF(float(precision), float(recall), float(f1))


def macro_average(prf: PRF) -> PRF:
    """Unweighted mean over classes: each class counts the same, however rare."""
    return PRF(*(float(np.mean(v)) for v in prf))
