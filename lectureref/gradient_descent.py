r"""Linear regression trained by gradient descent: numpy from scratch and PyTorch.

Lecture 3 (21:12, 46:17, 53:52). The model is $\hat y = Xw + b$, the loss is the mean
squared error $L = \frac1N\sum_i (\hat y_i - y_i)^2$, and each step moves the
parameters against the gradient: $w \leftarrow w - \eta\,\partial L/\partial w$.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch

from lectureref.device import get_device


class LinearFit(NamedTuple):
    """Fitted weights ``w`` (D,), bias ``b`` and the loss before each step."""

    w: np.ndarray
    b: float
    losses: list[float]


def make_regression(
    n: int = 200, n_features: int = 3, noise: float = 0.1, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Generate ``y = X @ w_true + b_true + noise``.

    Returns
    -------
    X : (n, n_features) float64, standard normal features
    y : (n,) float64 targets
    w_true : (n_features,) the weights that generated ``y``
    b_true : the bias that generated ``y``
    """
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, n_features))
    w_true = rng.uniform(-2.0, 2.0, n_features)
    b_true = float(rng.uniform(-1.0, 1.0))
    y = X @ w_true + b_true + noise * rng.standard_normal(n)
    return X, y, w_true, b_true


def mse_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple[float, np.ndarray, float]:
    """MSE loss and its gradients ``(loss, dL/dw, dL/db)`` for ``y_hat = X @ w + b``."""
    # --8<-- [start:grad]
    residual = X @ w + b - y                 # (N,)
    loss = float(np.mean(residual**2))
    dw = 2.0 * X.T @ residual / len(y)       # dL/dw = 2/N · Xᵀ(ŷ − y)
    db = 2.0 * float(np.mean(residual))      # dL/db = 2/N · Σ(ŷ − y)
    # --8<-- [end:grad]
    return loss, dw, db


def fit_numpy(X: np.ndarray, y: np.ndarray, lr: float = 0.1, steps: int = 100) -> LinearFit:
    """Full-batch gradient descent from ``w = 0, b = 0`` in numpy."""
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    # --8<-- [start:numpy_loop]
    for _ in range(steps):
        loss, dw, db = mse_grad(X, y, w, b)
        w, b = w - lr * dw, b - lr * db
        losses.append(loss)
    # --8<-- [end:numpy_loop]
    return LinearFit(w, b, losses)


def fit_torch(
    X: np.ndarray, y: np.ndarray, lr: float = 0.1, steps: int = 100, device: torch.device | None = None
) -> LinearFit:
    """The same gradient descent with PyTorch autograd (float64, on :func:`get_device`)."""
    device = device or get_device()
    Xt = torch.as_tensor(X, dtype=torch.float64, device=device)
    yt = torch.as_tensor(y, dtype=torch.float64, device=device)
    w = torch.zeros(X.shape[1], dtype=torch.float64, device=device, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, device=device, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    losses = []
    # --8<-- [start:torch_loop]
    for _ in range(steps):
        loss = torch.mean((Xt @ w + b - yt) ** 2)
        optimizer.zero_grad()
        loss.backward()                      # autograd fills w.grad and b.grad
        optimizer.step()                     # w ← w − lr · w.grad
        losses.append(loss.item())
    # --8<-- [end:torch_loop]
    return LinearFit(w.detach().cpu().numpy(), float(b.item()), losses)


def fit_closed_form(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The exact least-squares solution ``(w, b)``, the target gradient descent approaches."""
    Xb = np.column_stack([X, np.ones(len(X))])
    coef, *_ = np.linalg.lstsq(Xb, y, rcond=None)
    return coef[:-1], float(coef[-1])
