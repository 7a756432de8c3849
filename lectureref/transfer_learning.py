r"""Transfer learning without downloads: pretrain on digits 0–4, fine-tune on digits 5–9.

Lecture 6 (1:07:55). A network trained on a big dataset has already learned useful features;
a new task with only 10–100 labelled examples reuses them. With so few examples one freezes
everything except a new last layer; with more (about a thousand), one unfreezes more layers.

Nothing is downloaded: the "big" task is the digits 0–4 of `lectureref.data.digits_split`,
the new task is the digits 5–9. Each 8×8 digit is placed at a random position on a 12×12 canvas
(`lectureref.augmentation.place_on_canvas`):
the network must learn to find a digit wherever it is, which 721 images of 0–4 teach and 10
images of 5–9 do not. The convolutions are those of `lectureref.cnn_architectures.lenet`.

This small source shows the lecture's rule at 10 images (the frozen net beats training from
scratch) but not at 100: there training from scratch wins, because 721 images of five classes
teach far narrower features than ImageNet does.
"""

from __future__ import annotations

import copy
from typing import Literal, NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.cnn_architectures import lenet
from lectureref.device import get_device
from lectureref.training import evaluate, fit, loader, TrainConfig

Mode = Literal["scratch", "frozen", "full"]

# Layers of small_cnn: 0–5 conv/ReLU/pool ×2, 6 Flatten, 7 Linear, 8 ReLU, 9 Linear (the head).
HEAD = 9


class Task(NamedTuple):
    """Images ``X`` (N, 1, H, W) and labels ``y`` (N,) renumbered 0..K-1 in the order of the classes."""

    X: np.ndarray
    y: np.ndarray


class ParamCount(NamedTuple):
    """Parameters the optimizer updates, and those that stay fixed."""

    trainable: int
    frozen: int


def select_classes(X: np.ndarray, y: np.ndarray, classes: tuple[int, ...]) -> Task:
    """The examples of ``classes`` only, labels renumbered ``classes[k] → k``
    (with ``classes = (5, 6, 7, 8, 9)`` digit 7 becomes label 2)."""
    keep = np.isin(y, classes)
    relabel = np.full(max(int(y.max()), *classes) + 1, -1, dtype=np.int64)
    relabel[list(classes)] = np.arange(len(classes))
    return Task(X[keep], relabel[y[keep]])


def few_shot(task: Task, per_class: int, seed: int = 0) -> Task:
    """``per_class`` random examples of every class: a small labelled set (2 × 5 classes = 10 images)."""
    rng = np.random.default_rng(seed)
    idx = np.concatenate([rng.choice(np.flatnonzero(task.y == k), per_class, replace=False)
                          for k in np.unique(task.y)])
    return Task(task.X[idx], task.y[idx])


# --8<-- [start:small_cnn]
def small_cnn(n_classes: int, size: int = 12, channels: tuple[int, int] = (16, 32), hidden: int = 64,
              seed: int = 0) -> nn.Sequential:
    """LeNet on ``size×size`` images: the two conv → ReLU → pool blocks of
    `lectureref.cnn_architectures.lenet`, then FC ``c2·(size/4)² → hidden → n_classes``."""
    convs = lenet(channels, hidden, n_classes, seed).to_torch()[:6]   # lenet's FC layers expect 8×8
    torch.manual_seed(seed)
    return nn.Sequential(*convs, nn.Flatten(), nn.Linear(channels[1] * (size // 4) ** 2, hidden), nn.ReLU(),
                         nn.Linear(hidden, n_classes))
# --8<-- [end:small_cnn]


def pretrain(task: Task, config: TrainConfig = TrainConfig()) -> nn.Sequential:
    """Train `small_cnn` on the big ``task`` with Adam."""
    cfg = config.over(TrainConfig(epochs=8, lr=3e-3, batch_size=64, seed=0))
    lr, batch_size, seed = cfg.lr, cfg.batch_size, cfg.seed
    model = small_cnn(int(task.y.max()) + 1, task.X.shape[-1], seed=seed)
    fit(model, loader(task.X, task.y, batch_size=batch_size, shuffle=True, seed=seed), config=cfg,
        optimizer=torch.optim.Adam(model.parameters(), lr=lr), progress=False)
    return model


# --8<-- [start:prepare]
def prepare(pretrained: nn.Sequential, n_classes: int, mode: Mode, seed: int = 0) -> nn.Sequential:
    """A model for the new task.

    ``"scratch"``: a fresh random network of the same shape. ``"full"``: a copy of ``pretrained``
    with a new random last layer (``n_classes`` outputs), everything trainable. ``"frozen"``: the
    same, but every layer except the new last one is frozen (``requires_grad = False``).
    """
    model = copy.deepcopy(pretrained)
    torch.manual_seed(seed)
    if mode == "scratch":
        for layer in model:                          # forget everything: the same random init
            if isinstance(layer, nn.Conv2d):          # as small_cnn (He init, as in lenet)
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
                nn.init.zeros_(layer.bias)
            elif isinstance(layer, nn.Linear):
                layer.reset_parameters()
    model[HEAD] = nn.Linear(model[HEAD].in_features, n_classes)   # new head for the new classes
    if mode == "frozen":
        for p in model[:HEAD].parameters():
            p.requires_grad_(False)                   # no gradient is computed, nothing is updated
    return model
# --8<-- [end:prepare]


# --8<-- [start:count]
def count_params(model: nn.Module) -> ParamCount:
    """How many parameters will be trained and how many are frozen."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    return ParamCount(trainable, frozen)
# --8<-- [end:count]


# --8<-- [start:fine_tune]
def fine_tune(model: nn.Module, task: Task, config: TrainConfig = TrainConfig()) -> nn.Module:
    """Full-batch Adam on the small ``task``, over the trainable parameters only."""
    cfg = config.over(TrainConfig(epochs=30, lr=3e-3, seed=0))
    lr, seed = cfg.lr, cfg.seed
    torch.manual_seed(seed)
    params = [p for p in model.parameters() if p.requires_grad]   # frozen ones never reach the optimizer
    fit(model, loader(task.X, task.y, batch_size=len(task.X)), config=cfg,
        optimizer=torch.optim.Adam(params, lr=lr), progress=False)
    return model
# --8<-- [end:fine_tune]


def task_accuracy(model: nn.Module, task: Task, device: torch.device | None = None) -> float:
    """Accuracy of ``model`` on ``task``."""
    return evaluate(model, loader(task.X, task.y, batch_size=1024), nn.functional.cross_entropy,
                    device or get_device())[1]
