"""What every training loop shares: minibatch indices, the per-epoch history, and a small PyTorch loop.

The numpy loops of the topics (`lectureref.mlp.fit_sequential`, …) and the torch loop `fit` walk the
same `minibatches` and fill the same `History`, so a page can plot both the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from tqdm import tqdm  # plain bar: tqdm.auto wants ipywidgets inside notebooks

from lectureref.device import get_device


@dataclass(frozen=True)
class TrainConfig:
    """How to train: the one set of settings every training function takes, numpy or torch.

    A field left ``None`` keeps the training function's own choice (each function shows its
    defaults in its first line), so ``TrainConfig(epochs=3)`` shortens a run and changes nothing
    else. ``epochs`` counts passes over the data; ``steps`` counts updates, for the loops that
    draw batches at random (a GAN, a character language model) or use the whole set every time.
    ``device=None`` means `lectureref.device.get_device`.

    A training function names the fields it uses by giving each a default (`over`); setting a
    field it does not use is an error, not a silent no-op.
    """

    epochs: int | None = None
    steps: int | None = None
    lr: float | None = None
    batch_size: int | None = None
    seed: int | None = None
    device: torch.device | None = None

    def over(self, defaults: TrainConfig) -> TrainConfig:
        """``defaults`` (a function's own choices) with every field this config sets, and a device.

        The fields ``defaults`` sets are the ones the function uses: a field set here that it
        leaves ``None`` raises ``ValueError`` naming the function. ``device`` is always used; left
        ``None`` on both sides it becomes `lectureref.device.get_device` (once, here, instead of in
        every training function).
        """
        given = {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}
        unused = [name for name in given if name != "device" and getattr(defaults, name) is None]
        if unused:
            caller = sys._getframe(1).f_code.co_name
            uses = [f.name for f in fields(defaults) if getattr(defaults, f.name) is not None and f.name != "device"]
            raise ValueError(f"{caller} does not use {', '.join(unused)} (it takes {', '.join(uses)} and device)")
        merged = replace(defaults, **given)
        return merged if merged.device is not None else replace(merged, device=get_device())


@dataclass
class History:
    """Per-epoch metrics, ready for plotting (``plt.plot(history.val_loss)``)."""

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    val_acc: list[float] = field(default_factory=list)


def loader(X: np.ndarray, y: np.ndarray, batch_size: int = 64, shuffle: bool = False, seed: int = 0) -> DataLoader:
    """A DataLoader over numpy arrays; shuffling is seeded so runs repeat."""
    dataset = TensorDataset(torch.as_tensor(X), torch.as_tensor(y))
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, generator=generator)


def minibatches(n: int, batch_size: int, epochs: int, seed: int = 0) -> list[np.ndarray]:
    """Index arrays of every SGD step: a fresh permutation of ``range(n)`` each epoch, cut in batches.

    A numpy and a PyTorch loop that walk the same list see identical batches.
    """
    if n < 1 or batch_size < 1 or epochs < 0:
        raise ValueError(f"minibatches needs n ≥ 1, batch_size ≥ 1 and epochs ≥ 0; got n={n}, "
                         f"batch_size={batch_size}, epochs={epochs}")
    rng = np.random.default_rng(seed)
    batches = []
    for _ in range(epochs):
        order = rng.permutation(n)
        batches += [order[i : i + batch_size] for i in range(0, n, batch_size)]
    return batches


def weight_decay_for(lam: float) -> float:
    """The ``weight_decay`` of ``torch.optim.SGD`` that reproduces the penalty ``λ‖w‖²``: ``2λ``."""
    return 2.0 * lam


def sgd_param_groups(weights: list[torch.Tensor], biases: list[torch.Tensor], lam: float) -> list[dict]:
    """Parameter groups for ``torch.optim.SGD``: decay on the weights only, not on the biases."""
    # --8<-- [start:param_groups]
    return [
        {"params": weights, "weight_decay": weight_decay_for(lam)},   # grad += 2λ·W
        {"params": biases, "weight_decay": 0.0},
    ]
    # --8<-- [end:param_groups]


@torch.no_grad()
def evaluate(model: nn.Module, data: DataLoader, loss_fn: Callable, device: torch.device | None = None) -> tuple[float, float]:
    """Mean loss and accuracy (argmax of the outputs; NaN for non-class targets) over ``data``."""
    device = device or get_device()
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    for xb, yb in data:
        xb, yb = xb.to(device), yb.to(device)
        out = model(xb)
        total_loss += loss_fn(out, yb).item() * len(xb)
        if yb.dtype == torch.int64 and out.ndim == 2:
            correct += (out.argmax(1) == yb).sum().item()
        count += len(xb)
    accuracy = correct / count if yb.dtype == torch.int64 and out.ndim == 2 else float("nan")
    return total_loss / count, accuracy


def fit(
    model: nn.Module,
    train: DataLoader,
    *,
    optimizer: torch.optim.Optimizer,
    config: TrainConfig,
    loss_fn: Callable = nn.functional.cross_entropy,
    val: DataLoader | None = None,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    progress: bool = True,
) -> History:
    """Train ``model`` for ``config.epochs`` and return the per-epoch history.

    The model is moved to ``config.device`` (by default `lectureref.device.get_device`),
    and so is every batch: the same code runs on the CPU and on CUDA. The learning rate is the
    optimizer's, and the batches are the loader's.
    """
    if config.epochs is None:
        raise ValueError("fit needs config.epochs: how many passes over the training data")
    epochs, device = config.epochs, config.device or get_device()   # set already when config came from `over`
    model.to(device)
    history = History()
    bar = tqdm(range(epochs), desc="epochs", disable=not progress, leave=False)
    for _ in bar:
        model.train()
        for xb, yb in train:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        if scheduler is not None:
            scheduler.step()
        train_loss, train_acc = evaluate(model, train, loss_fn, device)
        history.train_loss.append(train_loss)
        history.train_acc.append(train_acc)
        if val is not None:
            val_loss, val_acc = evaluate(model, val, loss_fn, device)
            history.val_loss.append(val_loss)
            history.val_acc.append(val_acc)
        bar.set_postfix(loss=f"{train_loss:.4f}")
    return history
