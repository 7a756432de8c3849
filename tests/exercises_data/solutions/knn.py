import numpy as np


def knn_predict(X_train, y_train, X, k):
    d = ((X[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)   # (M, N)
    nearest = np.argsort(d, axis=1, kind="stable")[:, :k]
    votes = y_train[nearest]
    return np.array([np.bincount(row).argmax() for row in votes])


def kfold_indices(n, n_folds):
    sizes = np.full(n_folds, n // n_folds)
    sizes[: n % n_folds] += 1
    folds, start = [], 0
    for size in sizes:
        val = np.arange(start, start + size)
        folds.append((np.setdiff1d(np.arange(n), val), val))
        start += size
    return folds
