"""Logistic regression with polynomial features: a linear model whose boundary is a circle.

The Skoltech slides: with ``wᵀx = w0 + w1 x1 + w2 x2`` the decision boundary
``wᵀx = 0`` is a straight line; add the features ``x1²`` and ``x2²`` and the same linear model
draws a circle. `fit_logistic` is the slides' gradient descent,
``w ← w − lr · (1/N) Σ (σ(wᵀx) − y) x``, in numpy; `fit_logistic_torch` the same with
``nn.Linear`` and ``BCEWithLogitsLoss``.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.nn.functional import sigmoid


# --8<-- [start:data]
def make_disc(n: int = 400, radius: float = 1.2, flip: float = 0.05, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Points uniform in the square [−2, 2]², class 1 inside the circle of ``radius`` around 0.

    A share ``flip`` of the labels is flipped, so the classes overlap and the best weights are finite.
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, (n, 2))
    y = (np.sum(X**2, axis=1) < radius**2).astype(float)
    flipped = rng.random(n) < flip
    y[flipped] = 1 - y[flipped]
    return X, y


def polynomial(X: np.ndarray) -> np.ndarray:
    """``[x1, x2, x1², x2²]``: the slides' features (the bias is the model's own ``w0``)."""
    return np.column_stack([X, X**2])
# --8<-- [end:data]


# --8<-- [start:fit]
def fit_logistic(Phi: np.ndarray, y: np.ndarray, lr: float = 0.5, steps: int = 2000) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent on the mean binary cross-entropy; returns ``(w, w0)``."""
    w, w0 = np.zeros(Phi.shape[1]), 0.0
    for _ in range(steps):
        error = sigmoid(Phi @ w + w0) - y              # h_w(x) − y
        w -= lr * Phi.T @ error / len(y)               # (1/N) Σ (h − y) x_j
        w0 -= lr * error.mean()
    return w, w0
# --8<-- [end:fit]


def fit_logistic_torch(Phi: np.ndarray, y: np.ndarray, lr: float = 0.5, steps: int = 2000) -> tuple[np.ndarray, float]:
    """The same descent with ``nn.Linear`` (zero start), ``BCEWithLogitsLoss`` and ``torch.optim.SGD``."""
    # --8<-- [start:fit_torch]
    model = nn.Linear(Phi.shape[1], 1, dtype=torch.float64)
    nn.init.zeros_(model.weight), nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    Phit, yt = torch.as_tensor(Phi), torch.as_tensor(y)[:, None]
    for _ in range(steps):
        opt.zero_grad()
        nn.functional.binary_cross_entropy_with_logits(model(Phit), yt).backward()
        opt.step()
    # --8<-- [end:fit_torch]
    return model.weight.detach().numpy()[0].copy(), model.bias.item()


def accuracy(Phi: np.ndarray, y: np.ndarray, w: np.ndarray, w0: float) -> float:
    """Share of points on the right side of ``wᵀf + w0 = 0``."""
    return float(np.mean((Phi @ w + w0 > 0) == (y == 1)))
