r"""Overfitting and early stopping.

Lecture 5 (27:55). With enough parameters a network memorises a small
training set: the training loss keeps falling while the validation loss, after a minimum,
starts to grow — the curves diverge. Early stopping watches the validation loss, stops when
it has not improved for ``patience`` epochs and restores the weights of the best epoch.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
import math

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader

from lectureref.training import fit, History, TrainConfig


# --8<-- [start:early_stopping]
class EarlyStopping:
    """Stop when the validation loss has not improved by ``min_delta`` for ``patience`` epochs.

    Call `step` once per epoch; it keeps a copy of the best model's weights, and
    `restore` puts them back.
    """

    def __init__(self, patience: int = 5, min_delta: float = 0.0) -> None:
        self.patience, self.min_delta = patience, min_delta
        self.best, self.best_epoch, self.epoch, self.bad_epochs = math.inf, -1, -1, 0
        self.best_state: dict[str, torch.Tensor] | None = None

    def step(self, val_loss: float, model: nn.Module | None = None) -> bool:
        """Record this epoch's ``val_loss``; ``True`` means: stop training now."""
        self.epoch += 1
        if val_loss < self.best - self.min_delta:          # an improvement: remember it
            self.best, self.best_epoch, self.bad_epochs = val_loss, self.epoch, 0
            if model is not None:
                self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.bad_epochs += 1
        return self.bad_epochs >= self.patience

    def restore(self, model: nn.Module) -> None:
        """Load the weights of the best epoch into ``model``."""
        if self.best_state is None:
            raise RuntimeError("no epoch has been recorded with a model")
        model.load_state_dict(self.best_state)
# --8<-- [end:early_stopping]


# --8<-- [start:fit]
def fit_early_stopping(
    model: nn.Module,
    train: DataLoader,
    val: DataLoader,
    *,
    optimizer: torch.optim.Optimizer,
    patience: int = 10,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] = nn.functional.cross_entropy,
    config: TrainConfig = TrainConfig(),
) -> tuple[History, EarlyStopping]:
    """`lectureref.training.fit` one epoch at a time until `EarlyStopping` says stop.

    The model ends with the weights of its best validation epoch.
    """
    cfg = config.over(TrainConfig(epochs=200))
    max_epochs = cfg.epochs
    history, stopper = History(), EarlyStopping(patience)
    for _ in range(max_epochs):
        h = fit(model, train, config=TrainConfig(epochs=1), optimizer=optimizer, loss_fn=loss_fn, val=val, progress=False)
        for name in ("train_loss", "val_loss", "train_acc", "val_acc"):
            getattr(history, name).extend(getattr(h, name))
        if stopper.step(h.val_loss[-1], model):
            break
    stopper.restore(model)
    return history, stopper
# --8<-- [end:fit]


def small_subset(X: np.ndarray, y: np.ndarray, per_class: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` random examples of every class: a training set small enough to memorise."""
    rng = np.random.default_rng(seed)
    idx = np.concatenate([rng.choice(np.flatnonzero(y == c), per_class, replace=False) for c in np.unique(y)])
    return X[idx], y[idx]


def overfit_model(n_in: int = 64, n_classes: int = 10, hidden: int = 256, seed: int = 0) -> nn.Sequential:
    """A wide two-layer MLP: far more parameters than a small training set has examples."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(),
                         nn.Linear(hidden, n_classes))
