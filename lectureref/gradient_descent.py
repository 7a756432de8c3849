r"""Linear regression trained by gradient descent: numpy from scratch and PyTorch.

Lecture 3 (21:12, 46:17, 53:52). The model is $\hat y = Xw + b$, the loss is the mean
squared error $L = \frac1N\sum_i (\hat y_i - y_i)^2$, and each step moves the
parameters against the gradient: $w \leftarrow w - \eta\,\partial L/\partial w$.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch

from lectureref.training import minibatches, TrainConfig


class LinearFit(NamedTuple):
    """Fitted weights ``w`` (D,), bias ``b`` and the loss before each step."""

    w: np.ndarray
    b: float
    losses: list[float]


def mse_grad(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple[float, np.ndarray, float]:
    """MSE loss and its gradients ``(loss, dL/dw, dL/db)`` for ``y_hat = X @ w + b``."""
    # --8<-- [start:grad]
    residual = X @ w + b - y                 # (N,)
    loss = float(np.mean(residual**2))
    dw = 2.0 * X.T @ residual / len(y)       # dL/dw = 2/N · Xᵀ(ŷ − y)
    db = 2.0 * float(np.mean(residual))      # dL/db = 2/N · Σ(ŷ − y)
    # --8<-- [end:grad]
    return loss, dw, db


def fit_linear(X: np.ndarray, y: np.ndarray, config: TrainConfig = TrainConfig()) -> LinearFit:
    """Full-batch gradient descent from ``w = 0, b = 0`` in numpy."""
    cfg = config.over(TrainConfig(lr=0.1, steps=100))
    lr, steps = cfg.lr, cfg.steps
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    # --8<-- [start:numpy_loop]
    for _ in range(steps):
        loss, dw, db = mse_grad(X, y, w, b)
        w, b = w - lr * dw, b - lr * db
        losses.append(loss)
    # --8<-- [end:numpy_loop]
    return LinearFit(w, b, losses)


def fit_linear_torch(X: np.ndarray, y: np.ndarray, config: TrainConfig = TrainConfig()) -> LinearFit:
    """The same gradient descent with PyTorch autograd (float64, on ``config.device``, `lectureref.device.get_device` by default)."""
    cfg = config.over(TrainConfig(lr=0.1, steps=100))
    lr, steps, device = cfg.lr, cfg.steps, cfg.device
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


# ---------------------------------------------------------------------------------------------
# Learning rate and feature scaling (Skoltech slides; preprocessing: lecture 4, 51:45), minibatches (lecture 3, 53:52).


def standardize(
    X: np.ndarray, mean: np.ndarray | None = None, std: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shift and scale every feature to mean 0, standard deviation 1.

    Pass the ``mean`` and ``std`` of the training set to transform validation/test data the
    same way (statistics come from training data only). Returns ``(X_scaled, mean, std)``.
    """
    # --8<-- [start:standardize]
    mean = X.mean(axis=0) if mean is None else mean
    std = X.std(axis=0) if std is None else std
    return (X - mean) / std, mean, std
    # --8<-- [end:standardize]


def max_stable_lr(X: np.ndarray) -> float:
    """The learning rate above which full-batch gradient descent on the MSE diverges.

    The MSE is a quadratic with Hessian ``H = 2/N · X̃ᵀX̃`` (``X̃`` = ``X`` with a column of ones
    for the bias). A step multiplies the error along an eigenvector of ``H`` with eigenvalue ``h``
    by ``1 − lr·h``: it shrinks for every direction only while ``lr < 2 / h_max``.
    """
    # --8<-- [start:max_lr]
    Xb = np.column_stack([X, np.ones(len(X))])
    h_max = np.linalg.eigvalsh(2.0 / len(X) * Xb.T @ Xb).max()
    return float(2.0 / h_max)
    # --8<-- [end:max_lr]


def fit_sgd(X: np.ndarray, y: np.ndarray, config: TrainConfig = TrainConfig()) -> LinearFit:
    """Minibatch SGD from ``w = 0, b = 0``; ``losses`` holds the full-data MSE after each epoch.

    Each step uses the gradient of ``batch_size`` examples only: a noisy estimate of the full
    gradient, but ``N / batch_size`` steps per pass over the data instead of one.
    """
    cfg = config.over(TrainConfig(lr=0.1, epochs=10, batch_size=16, seed=0))
    lr, epochs, batch_size, seed = cfg.lr, cfg.epochs, cfg.batch_size, cfg.seed
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    steps_per_epoch = -(-len(X) // batch_size)
    # --8<-- [start:sgd_loop]
    for step, idx in enumerate(minibatches(len(X), batch_size, epochs, seed), start=1):
        _, dw, db = mse_grad(X[idx], y[idx], w, b)      # gradient on one batch
        w, b = w - lr * dw, b - lr * db
        if step % steps_per_epoch == 0:                  # end of an epoch: log the full loss
            losses.append(mse_grad(X, y, w, b)[0])
    # --8<-- [end:sgd_loop]
    return LinearFit(w, b, losses)
