"""lectureref.unsupervised: k-means against scikit-learn, k-means++, PCA reconstruction, ROC AUC."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import roc_auc_score

from lectureref.unsupervised import kmeans, kmeans_plus_plus, pca_fit, purity, reconstruction_error, roc_auc


def _blobs(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centers = np.array([[0.0, 0.0], [5.0, 5.0], [0.0, 6.0]])
    y = rng.integers(0, 3, 300)
    return centers[y] + rng.normal(0, 0.5, (300, 2)), y


def test_kmeans_equals_scikit_learn_from_the_same_start() -> None:
    X, y = _blobs()
    start = kmeans_plus_plus(X, 3, seed=1)
    labels, centers = kmeans(X, start)
    theirs = KMeans(3, init=start, n_init=1, algorithm="lloyd", tol=0).fit(X)
    np.testing.assert_array_equal(labels, theirs.labels_)
    np.testing.assert_allclose(centers, theirs.cluster_centers_, atol=1e-12)
    assert purity(labels, y) == 1.0                           # well-separated blobs: every cluster one class


def test_kmeans_plus_plus_picks_distinct_data_points() -> None:
    X, _ = _blobs(2)
    start = kmeans_plus_plus(X, 3, seed=0)
    assert all(any(np.array_equal(c, x) for x in X) for c in start)
    assert len({tuple(c) for c in start}) == 3


def test_pca_reconstruction_equals_scikit_learn() -> None:
    X = np.random.default_rng(0).normal(size=(50, 6)) @ np.random.default_rng(1).normal(size=(6, 6))
    mean, comp = pca_fit(X, 3)
    pca = PCA(3).fit(X)
    ours = reconstruction_error(X, mean, comp)
    np.testing.assert_allclose(ours, ((pca.inverse_transform(pca.transform(X)) - X) ** 2).sum(1), rtol=1e-10)
    assert reconstruction_error(X, *pca_fit(X, 6)).max() < 1e-20     # all directions: nothing lost


@pytest.mark.parametrize("seed", [0, 1])
def test_roc_auc_equals_scikit_learn_with_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores, positive = rng.integers(0, 5, 80).astype(float), rng.random(80) < 0.3
    assert roc_auc(scores, positive) == pytest.approx(roc_auc_score(positive, scores), abs=1e-12)
