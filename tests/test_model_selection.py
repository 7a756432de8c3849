"""lectureref.model_selection: k-fold indices and scores against sklearn, choosing k, the curve."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.model_selection import KFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier

from lectureref.data import digits_split
from lectureref.knn import knn_predict
from lectureref.model_selection import choose_k, cross_val_scores, kfold_indices, knn_train_val_curve, train_val_test_indices


@pytest.mark.parametrize(("n", "folds"), [(10, 5), (23, 5), (7, 3)])
def test_kfold_matches_sklearn(n: int, folds: int) -> None:
    ours = list(kfold_indices(n, folds))
    theirs = list(KFold(folds).split(np.zeros(n)))
    assert len(ours) == len(theirs) == folds
    for (tr, va), (str_, sva) in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(tr, str_)
        np.testing.assert_array_equal(va, sva)
    shuffled = np.concatenate([va for _, va in kfold_indices(n, folds, shuffle=True, seed=1)])
    assert sorted(shuffled) == list(range(n))  # each example validates exactly once


def test_split_indices_are_disjoint_and_complete() -> None:
    tr, va, te = train_val_test_indices(100, 0.15, 0.2, seed=0)
    assert (len(tr), len(va), len(te)) == (65, 15, 20)
    assert sorted(np.concatenate([tr, va, te])) == list(range(100))


def test_cross_val_scores_match_sklearn_and_choose_k() -> None:
    s = digits_split()
    X, y = s.X_train[:300], s.y_train[:300]
    ours = cross_val_scores(X, y, lambda a, b, c: knn_predict(a, b, c, 3), n_folds=4)
    theirs = cross_val_score(KNeighborsClassifier(3, algorithm="brute"), X, y, cv=KFold(4))
    np.testing.assert_allclose(ours, theirs)
    best, scores = choose_k(X, y, [1, 3, 50], n_folds=4)
    assert scores[50] < scores[best] and best in (1, 3)
    assert scores[3] == pytest.approx(
        cross_val_scores(X, y, lambda a, b, c: knn_predict(a, b, c, 3), n_folds=4, shuffle=True).mean()
    )


def test_curve_shows_overfitting_at_k1_and_underfitting_at_large_k() -> None:
    s = digits_split()
    curve = knn_train_val_curve(s.X_train[:300], s.y_train[:300], s.X_val, s.y_val, [1, 3, 150])
    assert curve.train_acc[0] == 1.0 and curve.val_acc[0] < 1.0
    assert curve.train_acc[2] < curve.train_acc[1] and curve.val_acc[2] < curve.val_acc[1]
