r"""Learning without labels: clustering and outlier detection, numpy from scratch.

Lecture 8, at the start of its part on autoencoders: unsupervised learning works on data without labels; instead of predicting,
an algorithm finds what the data have in common — similar groups (clustering), unusual examples
(outlier detection), features useful to another model (learning features) and new examples
(generation). Two of them are small enough to write here in numpy: k-means (Lloyd's algorithm)

$$
c(i) = \arg\min_j \|x_i - m_j\|^2, \qquad m_j = \frac{1}{|\{i: c(i) = j\}|} \sum_{i:\,c(i) = j} x_i,
$$

and outliers found by how badly a model of the normal data — here principal components (PCA), a
linear autoencoder — reconstructs them. Features and generation are the autoencoder and GAN pages.
"""

from __future__ import annotations

import numpy as np


# --8<-- [start:kmeans]
def kmeans(X: np.ndarray, centers: np.ndarray, iters: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's algorithm from the given initial ``centers`` (k, D): the labels (N,) and the centres."""
    centers = centers.astype(np.float64).copy()
    for _ in range(iters):
        d = ((X[:, None, :] - centers[None]) ** 2).sum(-1)          # (N, k) squared distances
        labels = d.argmin(1)                                        # assign: the nearest centre
        new = np.stack([X[labels == j].mean(0) if np.any(labels == j) else centers[j]
                        for j in range(len(centers))])              # update: the mean of its points
        if np.allclose(new, centers, rtol=0, atol=1e-12):
            break
        centers = new
    return labels, centers


def kmeans_plus_plus(X: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """k-means++ initial centres: each next one drawn with probability ∝ squared distance to the chosen."""
    rng = np.random.default_rng(seed)
    chosen = [X[rng.integers(len(X))]]
    for _ in range(k - 1):
        d = np.min([((X - c) ** 2).sum(1) for c in chosen], axis=0)
        chosen.append(X[rng.choice(len(X), p=d / d.sum())])
    return np.stack(chosen)
# --8<-- [end:kmeans]


def purity(labels: np.ndarray, classes: np.ndarray) -> float:
    """Share of points whose class is their cluster's most common class (the labels are not used to cluster)."""
    return sum(np.bincount(classes[labels == j]).max() for j in np.unique(labels)) / len(labels)


# --8<-- [start:outliers]
def pca_fit(X: np.ndarray, n_components: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean (D,) and the top ``n_components`` principal directions (n_components, D) of ``X``."""
    mean = X.mean(0)
    _, _, vt = np.linalg.svd(X - mean, full_matrices=False)
    return mean, vt[:n_components]


def reconstruction_error(X: np.ndarray, mean: np.ndarray, components: np.ndarray) -> np.ndarray:
    """‖x − x̂‖² with x̂ the projection on the principal directions: large for what the data are not like."""
    codes = (X - mean) @ components.T                              # encoder: D → n_components
    return (((codes @ components) + mean - X) ** 2).sum(1)         # decoder: back to D
# --8<-- [end:outliers]


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count one half)."""
    pos, neg = scores[positive], scores[~positive]
    return float(((pos[:, None] > neg[None]).sum() + 0.5 * (pos[:, None] == neg[None]).sum()) / (len(pos) * len(neg)))
