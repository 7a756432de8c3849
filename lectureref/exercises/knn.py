"""Lecture 2: k nearest neighbours and the folds of cross-validation."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, CheckFailed, as_array, call, compare, describe, need
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["knn"]


def _data(n_train: int, n_query: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # Continuous points and two classes: with an odd k neither distances nor votes tie.
    rng = np.random.default_rng(seed)
    X_train = rng.normal(size=(n_train, 4))
    y_train = (X_train[:, 0] + 0.7 * rng.normal(size=n_train) > 0).astype(np.int64)
    return X_train, y_train, rng.normal(size=(n_query, 4))


def _predict(m: ModuleType, k: int, n_train: int, n_query: int, seed: int) -> None:
    X_train, y_train, X = _data(n_train, n_query, seed)
    got = as_array(call(need(m, "knn_predict"), X_train, y_train, X, k), "knn_predict")
    where = describe(X_train=X_train, X=X, k=k)
    if got.shape != (n_query,):
        raise CheckFailed(f"knn_predict: форма {got.shape}, ожидалась ({n_query},) — одна метка на строку X; вход: {where}")
    compare("knn_predict", got, REF["knn_predict"](X_train, y_train, X, k), where, rtol=0, atol=0)


def predict_k1(m: ModuleType) -> str:
    """1-NN: the training points get their own labels back; unseen points match the reference."""
    X_train, y_train, _ = _data(15, 1, 0)
    got = as_array(call(need(m, "knn_predict"), X_train, y_train, X_train, 1), "knn_predict")
    compare("knn_predict на самих train-точках", got, y_train, describe(X_train=X_train, X=X_train, k=1), rtol=0, atol=0)
    _predict(m, 1, 20, 7, 1)
    return "1-NN совпадает с эталоном; на train-точках — 100 %"


def predict_vote(m: ModuleType) -> str:
    """k = 3, 5, 7: the majority vote matches the reference (two classes, odd k: no ties)."""
    for k, seed in [(3, 2), (5, 3), (7, 4)]:
        _predict(m, k, 30, 11, seed)
    return "голосование k = 3, 5, 7 совпадает с эталоном"


def kfold(m: ModuleType) -> str:
    """Every example is in exactly one validation fold; fold sizes differ by at most one."""
    fn = need(m, "kfold_indices")
    for n, n_folds in [(10, 5), (11, 3), (7, 7)]:
        where = f"n={n}, n_folds={n_folds}"
        folds = call(fn, n, n_folds)
        try:
            folds = [(np.asarray(tr).astype(np.int64).ravel(), np.asarray(va).astype(np.int64).ravel()) for tr, va in folds]
        except (TypeError, ValueError):
            raise CheckFailed(f"kfold_indices должна вернуть пары (train_idx, val_idx); вход: {where}") from None
        if len(folds) != n_folds:
            raise CheckFailed(f"kfold_indices: {len(folds)} фолдов, ожидалось {n_folds}; вход: {where}")
        counts = np.bincount(np.concatenate([va for _, va in folds]), minlength=n)
        if len(counts) != n or np.any(counts != 1):
            bad = int(np.argmax(counts != 1)) if len(counts) == n else n
            raise CheckFailed(
                f"kfold_indices: пример {bad} попал в validation {counts[bad] if bad < n else '?'} раз, "
                f"а должен ровно один; вход: {where}"
            )
        sizes = [len(va) for _, va in folds]
        if max(sizes) - min(sizes) > 1:
            raise CheckFailed(f"kfold_indices: размеры фолдов {sizes} различаются больше чем на 1; вход: {where}")
        for i, (tr, va) in enumerate(folds):
            if set(tr) & set(va) or len(set(tr) | set(va)) != n:
                raise CheckFailed(f"kfold_indices: в фолде {i} train и validation пересекаются или не покрывают "
                                  f"все {n} примеров; вход: {where}")
    return "каждый пример ровно раз в validation, фолды почти равны"


CHECKS = [
    Check("predict_k1", predict_k1, ("knn#one-nn",)),
    Check("predict_vote", predict_vote, ("knn#k",)),
    Check("kfold", kfold, ("model_selection#cross-validation",)),
]
