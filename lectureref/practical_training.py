"""Lessons from training networks in practice, each a small experiment with a verdict.

- an imbalanced set: high accuracy while the minority class is never predicted;
- the "easy way out": the loss rests at the value of "always predict the prior";
- overfitting one tiny batch: the sanity check that catches most bugs;
- a bug that stops the loss from falling (an optimizer that holds other parameters);
- batch size vs memory: what backward must keep grows with the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.training import TrainConfig


class BinaryReport(NamedTuple):
    """Accuracy and the minority (positive) class's recall and precision."""

    accuracy: float
    recall: float
    precision: float


def train_logistic(
    X: np.ndarray, y: np.ndarray, pos_weight: float = 1.0, config: TrainConfig = TrainConfig(),
) -> nn.Linear:
    """Full-batch logistic regression in torch; ``pos_weight`` scales the positives' loss."""
    cfg = config.over(TrainConfig(steps=300, lr=0.5))
    steps, lr = cfg.steps, cfg.lr
    torch.manual_seed(0)
    device = cfg.device
    model = nn.Linear(X.shape[1], 1).to(device)
    Xt, yt = torch.as_tensor(X, device=device), torch.as_tensor(y, device=device)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weight, device=device))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss_fn(model(Xt).squeeze(1), yt).backward()
        optimizer.step()
    return model


@torch.no_grad()
def binary_report(model: nn.Module, X: np.ndarray, y: np.ndarray) -> BinaryReport:
    """Accuracy, recall and precision of ``logit > 0`` against ``y``."""
    device = next(model.parameters()).device
    predicted = (model(torch.as_tensor(X, device=device)).squeeze(1) > 0).cpu().numpy()
    truth = y.astype(bool)
    hits = float(np.sum(predicted & truth))
    return BinaryReport(
        accuracy=float(np.mean(predicted == truth)),
        recall=hits / max(float(truth.sum()), 1.0),
        precision=hits / max(float(predicted.sum()), 1.0),
    )


def xor_losses(init_scale: float, config: TrainConfig = TrainConfig()) -> list[float]:
    """BCE per step of a 2-8-1 tanh net learning XOR, from weights of std ``init_scale``.

    With tiny weights the net starts next to a saddle point where "always 50 %" is the
    cheapest answer: the loss rests at ln 2 for a long time before it learns.
    """
    cfg = config.over(TrainConfig(steps=1500, lr=0.5, seed=0))
    steps, lr, seed, device = cfg.steps, cfg.lr, cfg.seed, cfg.device
    torch.manual_seed(seed)
    X = (torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]) * 2 - 1).to(device)
    y = torch.tensor([0.0, 1.0, 1.0, 0.0], device=device)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
    with torch.no_grad():   # drawn on the CPU, so a seed gives the same start on every device
        for p in model.parameters():
            p.normal_(0.0, init_scale)
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(model(X).squeeze(1), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def plateau_length(losses: list[float], level: float, tolerance: float = 0.01) -> int:
    """How many first steps the loss stays within ``tolerance`` (relative) of ``level``."""
    for step, loss in enumerate(losses):
        if abs(loss - level) > tolerance * level:
            return step
    return len(losses)


def overfit_batch(
    model: nn.Module, X: torch.Tensor, y: torch.Tensor, steps: int = 200, make_optimizer: Callable | None = None
) -> list[float]:
    """Train on one small batch only; return the loss per step.

    A correct model and loop drive this loss near zero: if it does not fall, look for a bug
    before tuning anything. ``make_optimizer(model)`` builds the optimizer (Adam by default).
    """
    make_optimizer = make_optimizer or (lambda m: torch.optim.Adam(m.parameters(), lr=1e-2))
    device = get_device()
    model.to(device)
    X, y = X.to(device), y.to(device)
    optimizer = make_optimizer(model)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def saved_bytes(model: nn.Module, x: torch.Tensor) -> int:
    """Bytes of the tensors autograd keeps from the forward pass for the backward pass.

    This is the memory that grows with the batch size (parameters do not): counted exactly
    with ``saved_tensors_hooks``, on any device.
    """
    total = 0

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        nonlocal total
        total += tensor.numel() * tensor.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        model(x).sum().backward()
    return total


def parameter_bytes(model: nn.Module) -> int:
    """Bytes of the model's parameters."""
    return sum(p.numel() * p.element_size() for p in model.parameters())
