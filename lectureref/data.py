"""Small datasets that ship with scikit-learn or are generated: nothing is downloaded."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


class Split(NamedTuple):
    """Train / validation / test arrays."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def digits_split(val_size: float = 0.15, test_size: float = 0.2, seed: int = 0, images: bool = False) -> Split:
    """scikit-learn's 8×8 digits (1797 images, 10 classes), split with stratification.

    Pixels are scaled to [0, 1] (the raw values are 0..16) as ``float32``. ``images=True``
    returns ``(N, 1, 8, 8)`` arrays for convolutional nets, else ``(N, 64)``.
    Classes are ``int64`` labels 0..9.
    """
    digits = load_digits()
    X = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    if images:
        X = X.reshape(-1, 1, 8, 8)
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    val_share = val_size / (1.0 - test_size)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=val_share, random_state=seed, stratify=y_rest
    )
    return Split(X_train, y_train, X_val, y_val, X_test, y_test)


def make_regression(
    n: int = 200, n_features: int = 3, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Generate ``y = X @ w_true + b_true + noise``.

    Returns
    -------
    X : np.ndarray
        ``(n, n_features)`` float64, standard normal features.
    y : np.ndarray
        ``(n,)`` float64 targets.
    w_true : np.ndarray
        ``(n_features,)``, the weights that generated ``y``.
    b_true : float
        The bias that generated ``y``.
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, n_features))
    w_true = rng.uniform(-2.0, 2.0, n_features)
    b_true = float(rng.uniform(-1.0, 1.0))
    y = X @ w_true + b_true + noise * rng.standard_normal(n)
    return X, y, w_true, b_true


def make_two_blobs(n: int = 200, distance: float = 2.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping Gaussian clouds in 2-D, ``n // 2`` points each, centres ``distance`` apart.

    They overlap, so the maximum-likelihood weights are finite (on separable data they grow
    without bound).
    """
    rng = np.random.default_rng(seed)
    half = n // 2
    centre = np.array([distance / 2, distance / 4])
    X = np.concatenate([rng.standard_normal((half, 2)) - centre, rng.standard_normal((n - half, 2)) + centre])
    y = np.concatenate([np.zeros(half), np.ones(n - half)])
    return X, y


class Shapes(NamedTuple):
    """Generated images ``(N, 1, S, S)``, masks ``(N, 1, S, S)`` in {0, 1}, and per image the boxes
    ``(k, 4)`` as ``(x1, y1, x2, y2)`` in pixels (``x2``, ``y2`` exclusive)."""

    images: np.ndarray
    masks: np.ndarray
    boxes: list[np.ndarray]


def make_shapes(
    n: int, size: int = 24, max_shapes: int = 3, kinds: tuple[str, ...] = ("circle", "rect"),
    min_side: int = 5, max_side: int = 10, noise: float = 0.3, seed: int = 0,
) -> Shapes:
    """``n`` images with 1..``max_shapes`` non-overlapping shapes (brightness 1) on Gaussian noise.

    The loop runs over shapes, never over pixels: each shape is one vectorised comparison of the
    pixel grid with its equation.
    """
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:size, 0:size]
    masks = np.zeros((n, 1, size, size), dtype=np.float32)
    all_boxes = []
    for i in range(n):
        boxes: list[tuple[int, int, int, int]] = []
        for _ in range(rng.integers(1, max_shapes + 1)):
            for _try in range(20):  # rejection sampling: shapes must not touch
                w, h = rng.integers(min_side, max_side + 1, 2)
                kind = kinds[rng.integers(len(kinds))]
                if kind == "circle":
                    h = w
                x1, y1 = rng.integers(0, size - w + 1), rng.integers(0, size - h + 1)
                box = (int(x1), int(y1), int(x1 + w), int(y1 + h))
                if all(box[0] > b[2] or b[0] > box[2] or box[1] > b[3] or b[1] > box[3] for b in boxes):
                    break
            else:
                continue
            if kind == "circle":
                r = w / 2
                shape = (xx + 0.5 - x1 - r) ** 2 + (yy + 0.5 - y1 - r) ** 2 <= r**2
            else:
                shape = (xx >= x1) & (xx < x1 + w) & (yy >= y1) & (yy < y1 + h)
            masks[i, 0][shape] = 1.0
            boxes.append(box)
        all_boxes.append(np.array(boxes, dtype=np.float32).reshape(-1, 4))
    images = (masks + noise * rng.standard_normal(masks.shape)).astype(np.float32)
    return Shapes(images, masks, all_boxes)


def make_rectangles(n: int, size: int = 32, seed: int = 0) -> Shapes:
    """Images with 1–3 non-overlapping rectangles (6–12 px) on noise, from `make_shapes`."""
    return make_shapes(n, size=size, max_shapes=3, kinds=("rect",), min_side=6, max_side=12, seed=seed)


def make_imbalanced(n: int = 4000, positive_share: float = 0.02, shift: float = 1.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping 2-D Gaussian classes; the positive one is rare.

    Returns ``X`` (n, 2) float32 and ``y`` (n,) float32 labels in {0, 1}.
    """
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < positive_share).astype(np.float32)
    X = rng.standard_normal((n, 2)).astype(np.float32) + shift * y[:, None]
    return X, y


def ring_centers(k: int = 8, radius: float = 2.0) -> np.ndarray:
    """The ``(k, 2)`` centres of the mixture, evenly spaced on a circle."""
    angle = 2 * np.pi * np.arange(k) / k
    return radius * np.column_stack([np.cos(angle), np.sin(angle)])


def ring_of_gaussians(n: int, k: int = 8, radius: float = 2.0, std: float = 0.05, seed: int = 0) -> np.ndarray:
    """``n`` samples ``(n, 2)`` float32 of an equal mixture of ``k`` Gaussians on a ring."""
    rng = np.random.default_rng(seed)
    centers = ring_centers(k, radius)
    return (centers[rng.integers(0, k, n)] + std * rng.standard_normal((n, 2))).astype(np.float32)


def digit_pairs(X: np.ndarray, y: np.ndarray, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` images of two random digits side by side (N, 128) and which digits they show (N, 10).

    A pair of two different digits has two labels at once — softmax cannot express that.
    """
    rng = np.random.default_rng(seed)
    i, j = rng.integers(0, len(X), (2, n))
    images = np.concatenate([X[i].reshape(n, 8, 8), X[j].reshape(n, 8, 8)], axis=2).reshape(n, 128)
    targets = np.zeros((n, 10), dtype=np.float32)
    targets[np.arange(n), y[i]] = 1.0
    targets[np.arange(n), y[j]] = 1.0
    return images, targets
