"""Softmax classifier with cross-entropy loss, trained by minibatch SGD; numpy and PyTorch.

Lecture 3 (28:02, 35:11, 38:51). Softmax turns ``K`` arbitrary scores into probabilities;
cross-entropy is the negative log-likelihood of the right class, so minimising it is maximum
likelihood. Its gradient with respect to the scores is simply ``(p − onehot(y)) / N``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.losses import l2_penalty, softmax_cross_entropy
from lectureref.training import minibatches, sgd_param_groups, TrainConfig


class SoftmaxFit(NamedTuple):
    """Weights ``W`` (D, K), bias ``b`` (K,) and the minibatch loss before each step."""

    W: np.ndarray
    b: np.ndarray
    losses: list[float]


def softmax_loss_grad(
    X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray, l2: float = 0.0
) -> tuple[float, np.ndarray, np.ndarray]:
    """Loss (cross-entropy + ``l2·‖W‖²``) and ``(loss, dW, db)`` for the linear scores ``XW + b``."""
    # --8<-- [start:grad]
    loss, dlogits = softmax_cross_entropy(X @ W + b, y)
    dW, db = X.T @ dlogits, dlogits.sum(axis=0)      # (D, K), (K,)
    # --8<-- [end:grad]
    if l2:
        penalty, dpenalty = l2_penalty(W, l2)
        loss, dW = loss + penalty, dW + dpenalty
    return loss, dW, db


def fit_softmax(
    X: np.ndarray, y: np.ndarray, n_classes: int, l2: float = 0.0, config: TrainConfig = TrainConfig(),
) -> SoftmaxFit:
    """Minibatch SGD from ``W = 0, b = 0`` (the loss is convex: zero is a fine start)."""
    cfg = config.over(TrainConfig(lr=0.5, epochs=10, batch_size=32, seed=0))
    lr, epochs, batch_size, seed = cfg.lr, cfg.epochs, cfg.batch_size, cfg.seed
    X = np.asarray(X, dtype=np.float64)
    W, b, losses = np.zeros((X.shape[1], n_classes)), np.zeros(n_classes), []
    # --8<-- [start:numpy_loop]
    for idx in minibatches(len(X), batch_size, epochs, seed):
        loss, dW, db = softmax_loss_grad(X[idx], y[idx], W, b, l2)   # gradient on one batch only
        W, b = W - lr * dW, b - lr * db
        losses.append(loss)
    # --8<-- [end:numpy_loop]
    return SoftmaxFit(W, b, losses)


def fit_softmax_torch(
    X: np.ndarray, y: np.ndarray, n_classes: int, l2: float = 0.0, config: TrainConfig = TrainConfig(),
) -> SoftmaxFit:
    """The same SGD in PyTorch (float64): ``F.cross_entropy``, autograd, ``weight_decay = 2·l2``.

    Recorded losses are the data term (cross-entropy) only.
    """
    cfg = config.over(TrainConfig(lr=0.5, epochs=10, batch_size=32, seed=0))
    lr, epochs, batch_size, seed, device = cfg.lr, cfg.epochs, cfg.batch_size, cfg.seed, cfg.device
    Xt = torch.as_tensor(X, dtype=torch.float64, device=device)
    yt = torch.as_tensor(y, dtype=torch.int64, device=device)
    W = torch.zeros(X.shape[1], n_classes, dtype=torch.float64, device=device, requires_grad=True)
    b = torch.zeros(n_classes, dtype=torch.float64, device=device, requires_grad=True)
    optimizer = torch.optim.SGD(sgd_param_groups([W], [b], l2), lr=lr)
    losses = []
    # --8<-- [start:torch_loop]
    for idx in minibatches(len(X), batch_size, epochs, seed):
        idx = torch.as_tensor(idx, device=device)
        loss = F.cross_entropy(Xt[idx] @ W + b, yt[idx])   # log_softmax + NLL in one stable op
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    # --8<-- [end:torch_loop]
    return SoftmaxFit(W.detach().cpu().numpy(), b.detach().cpu().numpy(), losses)


def predict(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The most probable class for each row of ``X``: argmax of the scores (softmax keeps the order)."""
    return np.argmax(X @ W + b, axis=1)
