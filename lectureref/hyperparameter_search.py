r"""Hyperparameter search: a sweep of the learning rate, the LR range test, random against grid search.

Lecture 5 (1:17:27): the engineering way to choose hyperparameters; the notes say the learning
rate is chosen «линейно, потом смотреть лучший» — try a row of values and keep the best one.
The model is softmax regression on the digits, trained by minibatch SGD, so one trial costs
milliseconds and a search of dozens of trials runs in a second. `train_softmax_regression`
(numpy) and `range_test_torch` (PyTorch) walk the same `lectureref.training.minibatches`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.nn.functional import log_softmax
from lectureref.nn.losses import softmax_cross_entropy
from lectureref.training import minibatches


class Trial(NamedTuple):
    """One point of a search: its hyperparameters and the validation loss they gave."""

    lr: float
    lam: float
    val_loss: float


# --8<-- [start:train]
def train_softmax_regression(
    X: np.ndarray, y: np.ndarray, lrs: Sequence[float], lam: float = 0.0, batch_size: int = 64, seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Minibatch SGD on ``softmax(X W + b)``, one step per entry of ``lrs`` (its learning rate).

    Weights start at zero; ``lam`` is the L2 penalty ``λ‖W‖²``. Returns ``(W, b, losses)``, the
    loss of every step's batch before its update. A diverging run stops at the first non-finite loss.
    """
    W, b = np.zeros((X.shape[1], 10)), np.zeros(10)
    batches = minibatches(len(X), batch_size, epochs=len(lrs) * batch_size // len(X) + 1, seed=seed)
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for lr, idx in zip(lrs, batches):
            loss, dlogits = softmax_cross_entropy(X[idx] @ W + b, y[idx])
            losses.append(loss)
            if not np.isfinite(loss):
                break
            W -= lr * (X[idx].T @ dlogits + 2 * lam * W)
            b -= lr * dlogits.sum(0)
    return W, b, np.array(losses)
# --8<-- [end:train]


def val_loss(X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray, lr: float,
             lam: float = 0.0, steps: int = 60, seed: int = 0) -> float:
    """Train ``steps`` SGD steps with a constant ``lr`` and return the validation cross-entropy
    (``inf`` if training diverged)."""
    W, b, _ = train_softmax_regression(X, y, np.full(steps, lr), lam=lam, seed=seed)
    with np.errstate(over="ignore", invalid="ignore"):
        loss, _ = softmax_cross_entropy(X_val @ W + b, y_val)
    return loss if np.isfinite(loss) else float("inf")


# --8<-- [start:range_test]
def smooth(losses: np.ndarray, beta: float = 0.9) -> np.ndarray:
    """Exponential moving average with bias correction (as Adam's): one batch's loss is noisy."""
    avg, out = 0.0, []
    for i, loss in enumerate(losses, start=1):
        avg = beta * avg + (1 - beta) * loss
        out.append(avg / (1 - beta**i))
    return np.array(out)


def range_test(X: np.ndarray, y: np.ndarray, lr_min: float = 1e-3, lr_max: float = 100.0,
               steps: int = 100, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """One training run whose learning rate grows geometrically from ``lr_min`` to ``lr_max``.

    Returns the rates and the smoothed losses up to the point where the loss has grown to four
    times its minimum (or stopped being finite): past it training diverges.
    """
    lrs = lr_min * (lr_max / lr_min) ** (np.arange(steps) / (steps - 1))   # geometric: × a constant each step
    _, _, losses = train_softmax_regression(X, y, lrs, seed=seed)
    smoothed = smooth(losses)
    running_min = np.minimum.accumulate(smoothed)
    blown = ~np.isfinite(smoothed) | (smoothed > 4 * running_min)
    end = int(np.argmax(blown)) if blown.any() else len(smoothed)
    return lrs[:end], smoothed[:end]
# --8<-- [end:range_test]


def range_test_torch(X: np.ndarray, y: np.ndarray, lr_min: float = 1e-3, lr_max: float = 100.0,
                     steps: int = 100, seed: int = 0) -> np.ndarray:
    """The same growing-rate run with ``nn.Linear``, ``torch.optim.SGD`` and a ``LambdaLR`` that
    multiplies the rate by a constant factor each step; returns the raw (unsmoothed) losses."""
    # --8<-- [start:range_test_torch]
    model = nn.Linear(X.shape[1], 10, dtype=torch.float64)
    nn.init.zeros_(model.weight), nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=lr_min)
    factor = (lr_max / lr_min) ** (1 / (steps - 1))            # lr_min · factor^step
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: factor**step)
    Xt, yt = torch.as_tensor(X, dtype=torch.float64), torch.as_tensor(y)
    losses = []
    for idx in minibatches(len(X), 64, epochs=steps * 64 // len(X) + 1, seed=seed)[:steps]:
        loss = nn.functional.cross_entropy(model(Xt[idx]), yt[idx])
        losses.append(loss.item())
        if not np.isfinite(losses[-1]):
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    # --8<-- [end:range_test_torch]
    return np.array(losses)


# --8<-- [start:search]
def grid_points(n_per_axis: int, lr_range: tuple[float, float], lam_range: tuple[float, float],
                rng: np.random.Generator) -> np.ndarray:
    """An ``n × n`` grid in log-space, shifted as a whole by a random fraction of its step.

    Where to put a grid is as arbitrary as a random draw: the shift makes repeated searches fair.
    """
    cells = (np.arange(n_per_axis) + rng.random(2)[:, None]) / n_per_axis     # (2, n) in [0, 1)
    log_lr = np.log10(lr_range[0]) + np.log10(lr_range[1] / lr_range[0]) * cells[0]
    log_lam = np.log10(lam_range[0]) + np.log10(lam_range[1] / lam_range[0]) * cells[1]
    return 10 ** np.array([(a, c) for a in log_lr for c in log_lam])          # (n², 2)


def random_points(n: int, lr_range: tuple[float, float], lam_range: tuple[float, float],
                  rng: np.random.Generator) -> np.ndarray:
    """``n`` points drawn log-uniformly: every trial tries a new value of every hyperparameter."""
    low = np.log10([lr_range[0], lam_range[0]])
    high = np.log10([lr_range[1], lam_range[1]])
    return 10 ** rng.uniform(low, high, (n, 2))
# --8<-- [end:search]


def run_search(points: np.ndarray, X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray,
               seed: int = 0) -> list[Trial]:
    """Train once per ``(lr, λ)`` row of ``points``; the trials in the order given."""
    return [Trial(float(lr), float(lam), val_loss(X, y, X_val, y_val, lr, lam, seed=seed)) for lr, lam in points]


def val_losses(points: np.ndarray, X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray,
               steps: int = 60, seed: int = 0) -> np.ndarray:
    """`val_loss` of every ``(lr, λ)`` row of ``points`` at once: ``T`` models trained side by side.

    The same batches and updates as ``T`` calls of `val_loss` (the tests hold them equal); the
    weights are stacked as ``(T, F, 10)`` so that one step of all models is a few matrix products.
    """
    lr, lam = points[:, 0, None, None], points[:, 1, None, None]            # (T, 1, 1)
    T, F = len(points), X.shape[1]
    W, b = np.zeros((T, F, 10)), np.zeros((T, 1, 10))

    def logits(Xb: np.ndarray) -> np.ndarray:                               # (T, N, 10)
        flat = Xb @ W.transpose(1, 0, 2).reshape(F, T * 10)                 # one product for all models
        return flat.reshape(len(Xb), T, 10).transpose(1, 0, 2) + b

    with np.errstate(over="ignore", invalid="ignore"):
        for idx in minibatches(len(X), 64, epochs=steps * 64 // len(X) + 1, seed=seed)[:steps]:
            dlogits = np.exp(log_softmax(logits(X[idx])))                   # softmax − onehot, / N
            dlogits[:, np.arange(len(idx)), y[idx]] -= 1.0
            dlogits /= len(idx)
            W -= lr * (np.matmul(X[idx].T, dlogits) + 2 * lam * W)
            b -= lr * dlogits.sum(1, keepdims=True)
        logp = log_softmax(logits(X_val))
    loss = -logp[:, np.arange(len(y_val)), y_val].mean(1)
    return np.where(np.isfinite(loss), loss, np.inf)
