r"""Ensembles: average the predicted probabilities of several independently trained models.

Lecture 5: train several models, predict with all of them and output the average — the result
is usually a bit better than any single model. Models started from different random weights
(and batch orders) end in different minima and make partly different mistakes; averaging
cancels the uncorrelated part of those mistakes. Almost every classification competition
has been won by an ensemble of deep models.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.nn.functional import class_labels
from lectureref.training import fit, loader, TrainConfig


def make_member(n_in: int = 64, n_classes: int = 10, hidden: int = 32, seed: int = 0) -> nn.Sequential:
    """A small MLP ``n_in → hidden → ReLU → n_classes``; ``seed`` fixes its initial weights."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, n_classes))


# --8<-- [start:train]
def train_members(
    X: np.ndarray, y: np.ndarray, n_models: int = 5, hidden: int = 32, config: TrainConfig = TrainConfig(),
) -> list[nn.Module]:
    """``n_models`` MLPs on the same data, differing only in the seed (initial weights, batch order):
    seeds ``seed``, ``seed + 1``, … Defaults: 10 epochs, lr 1e-2, seed 0."""
    cfg = config.over(TrainConfig(epochs=10, lr=1e-2, seed=0))
    members = []
    for seed in range(cfg.seed, cfg.seed + n_models):
        model = make_member(X.shape[1], int(y.max()) + 1, hidden, seed)
        fit(model, loader(X, y, batch_size=64, shuffle=True, seed=seed), config=cfg,
            optimizer=torch.optim.Adam(model.parameters(), lr=cfg.lr), progress=False)
        members.append(model)
    return members
# --8<-- [end:train]


# --8<-- [start:average]
@torch.no_grad()
def predict_proba(model: nn.Module, X: np.ndarray) -> np.ndarray:
    """Softmax probabilities (N, K) of one model."""
    model.eval()
    device = next(model.parameters()).device
    return torch.softmax(model(torch.as_tensor(X, device=device)), dim=1).cpu().numpy()


def ensemble_proba(models: list[nn.Module], X: np.ndarray) -> np.ndarray:
    """The ensemble's prediction: the mean of the members' probabilities (N, K)."""
    return np.mean([predict_proba(m, X) for m in models], axis=0)
# --8<-- [end:average]


def disagreement(models: list[nn.Module], X: np.ndarray) -> float:
    """Share of examples on which the members do not all predict the same class."""
    votes = np.stack([predict_proba(m, X).argmax(axis=1) for m in models])
    return float(np.mean((votes != votes[0]).any(axis=0)))


def log_loss(proba: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-probability of the true class (the cross-entropy of the predictions).

    A probability of exactly 0 or 1 is clipped to ``[ε, 1 − ε]`` with ``ε`` the float type's
    machine epsilon, as scikit-learn's ``log_loss`` does: a confident wrong answer costs
    ``−log ε`` (36 in float64) instead of infinity.
    """
    proba = np.asarray(proba)
    if len(proba) == 0:
        raise ValueError("log_loss of no predictions is undefined")
    y = class_labels(y, proba.shape[1])
    eps = np.finfo(proba.dtype).eps
    return float(-np.mean(np.log(np.clip(proba[np.arange(len(y)), y], eps, 1 - eps))))
