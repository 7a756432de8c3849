"""lectureref.knn: distances against a brute-force loop, votes, sklearn and torch agreement."""

from __future__ import annotations

import numpy as np
import torch
from sklearn.neighbors import KNeighborsClassifier

from lectureref.data import digits_split
from lectureref.knn import knn_predict, knn_predict_many, knn_predict_torch, pairwise_sq_distances, vote


def test_distances_match_a_double_loop() -> None:
    rng = np.random.default_rng(0)
    A, B = rng.standard_normal((5, 3)) + 2.0, rng.standard_normal((7, 3))
    loop = np.array([[np.sum((a - b) ** 2) for b in B] for a in A])
    np.testing.assert_allclose(pairwise_sq_distances(A, B), loop, rtol=1e-12)
    assert np.all(pairwise_sq_distances(A, A).diagonal() == 0.0)  # clipped, never −1e-15


def test_vote_majority_and_ties() -> None:
    labels = np.array([[2, 2, 1], [0, 1, 1], [3, 1, 0]])
    np.testing.assert_array_equal(vote(labels, n_classes=4), [2, 1, 0])  # a 3-way tie → smallest label


def test_matches_sklearn_and_torch_on_digits() -> None:
    s = digits_split()
    X_train, y_train, X = s.X_train[:400], s.y_train[:400], s.X_test[:150]
    for k in (1, 3, 5):
        ours = knn_predict(X_train, y_train, X, k)
        sk = KNeighborsClassifier(k, algorithm="brute").fit(X_train, y_train).predict(X)
        np.testing.assert_array_equal(ours, sk)
        np.testing.assert_array_equal(knn_predict_torch(X_train, y_train, X, k, device=torch.device("cpu")), ours)
    many = knn_predict_many(X_train, y_train, X, [1, 5])
    np.testing.assert_array_equal(many[5], knn_predict(X_train, y_train, X, 5))


def test_one_nn_memorises_training_data() -> None:
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((60, 4)), rng.integers(0, 3, 60)  # random labels: nothing to learn
    assert np.all(knn_predict(X, y, X, k=1) == y)
    assert np.mean(knn_predict(X, y, X, k=15) == y) < 0.9
