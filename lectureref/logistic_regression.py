"""Logistic regression: sigmoid, binary cross-entropy, gradient descent; numpy and PyTorch.

Lecture 3 (14:55: separating hyperplanes); the two-class model, its loss and gradient as on the
Skoltech slides. The model gives $p = \\sigma(w^\\top x + b)$, the probability of class 1; the
boundary $w^\\top x + b = 0$ is a line (a hyperplane).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.functional import sigmoid
from lectureref.nn.losses import bce_with_logits, l2_penalty
from lectureref.training import sgd_param_groups, TrainConfig


class LogisticFit(NamedTuple):
    """Fitted weights ``w`` (D,), bias ``b`` and the loss before each step."""

    w: np.ndarray
    b: float
    losses: list[float]


def logistic_loss_grad(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, l2: float = 0.0
) -> tuple[float, np.ndarray, float]:
    """Loss (BCE + ``l2·‖w‖²``) and gradients ``(loss, dL/dw, dL/db)`` for ``X`` (N, D)."""
    # --8<-- [start:grad]
    z = X @ w + b                            # logits (N,)
    loss, dz = bce_with_logits(z, y)
    dw, db = X.T @ dz, float(dz.sum())       # chain rule through z = Xw + b
    # --8<-- [end:grad]
    if l2:
        penalty, dpenalty = l2_penalty(w, l2)
        loss, dw = loss + penalty, dw + dpenalty
    return loss, dw, db


def fit_logistic(
    X: np.ndarray, y: np.ndarray, l2: float = 0.0, config: TrainConfig = TrainConfig(),
) -> LogisticFit:
    """Full-batch gradient descent from ``w = 0, b = 0``."""
    cfg = config.over(TrainConfig(lr=1.0, steps=300))
    lr, steps = cfg.lr, cfg.steps
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    # --8<-- [start:numpy_loop]
    for _ in range(steps):
        loss, dw, db = logistic_loss_grad(X, y, w, b, l2)
        w, b = w - lr * dw, b - lr * db
        losses.append(loss)
    # --8<-- [end:numpy_loop]
    return LogisticFit(w, b, losses)


def fit_logistic_torch(
    X: np.ndarray, y: np.ndarray, l2: float = 0.0, config: TrainConfig = TrainConfig(),
) -> LogisticFit:
    """The same descent in PyTorch (float64): ``binary_cross_entropy_with_logits`` + autograd.

    The L2 term is ``weight_decay = 2·l2`` on ``w`` (see `lectureref.regularization`), so the
    recorded loss is the data term only; `fit_logistic` adds the penalty to its losses.
    """
    cfg = config.over(TrainConfig(lr=1.0, steps=300))
    lr, steps, device = cfg.lr, cfg.steps, cfg.device
    Xt = torch.as_tensor(X, dtype=torch.float64, device=device)
    yt = torch.as_tensor(y, dtype=torch.float64, device=device)
    w = torch.zeros(X.shape[1], dtype=torch.float64, device=device, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, device=device, requires_grad=True)
    optimizer = torch.optim.SGD(sgd_param_groups([w], [b], l2), lr=lr)
    losses = []
    # --8<-- [start:torch_loop]
    for _ in range(steps):
        loss = F.binary_cross_entropy_with_logits(Xt @ w + b, yt)   # stable: log-sigmoid inside
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    # --8<-- [end:torch_loop]
    return LogisticFit(w.detach().cpu().numpy(), float(b.item()), losses)


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """``P(y = 1 | x)`` for each row of ``X``: (N,)."""
    return sigmoid(X @ w + b)


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Class 1 where ``w·x + b > 0`` (i.e. ``p > 0.5``), else 0: (N,) int64."""
    return (X @ w + b > 0).astype(np.int64)


def boundary_x2(x1: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """For 2-D inputs: the ``x2`` on the decision line ``w1·x1 + w2·x2 + b = 0`` at each ``x1``."""
    return -(w[0] * x1 + b) / w[1]


