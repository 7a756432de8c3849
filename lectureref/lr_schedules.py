r"""Learning-rate schedules as plain functions of the epoch, matching ``torch.optim.lr_scheduler``.

Lecture 5: annealing — lowering the learning rate as training goes on (``torch.optim.lr_scheduler``),
and a "saw" (raise and lower the rate) that lets a point stuck in a local minimum jump out
and roll into a better one. Every function returns the rate used during ``epoch`` (0-based),
i.e. what ``scheduler.get_last_lr()`` reports after ``epoch`` calls of ``scheduler.step()``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch


# --8<-- [start:decay]
def _positive(**lengths: int) -> None:
    """Schedule lengths count epochs: a length of 0 would divide by zero."""
    for name, value in lengths.items():
        if value < 1:
            raise ValueError(f"{name} must be at least 1 epoch; got {value}")


def step_lr(epoch: int, lr0: float, step_size: int, gamma: float = 0.1) -> float:
    """``StepLR``: multiply by ``gamma`` every ``step_size`` epochs (a staircase)."""
    _positive(step_size=step_size)
    return lr0 * gamma ** (epoch // step_size)


def exponential_lr(epoch: int, lr0: float, gamma: float) -> float:
    """``ExponentialLR``: multiply by ``gamma`` every epoch (``lr = lr·0.99998`` per step on the slides)."""
    return lr0 * gamma**epoch


def cosine_annealing_lr(epoch: int, lr0: float, t_max: int, eta_min: float = 0.0) -> float:
    """``CosineAnnealingLR``: half a cosine from ``lr0`` down to ``eta_min`` over ``t_max`` epochs."""
    _positive(t_max=t_max)
    return eta_min + (lr0 - eta_min) * (1 + math.cos(math.pi * epoch / t_max)) / 2
# --8<-- [end:decay]


# --8<-- [start:saw]
def cyclic_lr(
    epoch: int, base_lr: float, max_lr: float, step_size_up: int, step_size_down: int | None = None,
    mode: str = "triangular",
) -> float:
    """``CyclicLR``: up from ``base_lr`` to ``max_lr`` in ``step_size_up`` steps, back down, repeat.

    ``mode="triangular2"`` halves the height of every new cycle.
    """
    down = step_size_up if step_size_down is None else step_size_down
    _positive(step_size_up=step_size_up, step_size_down=down)
    period = step_size_up + down
    cycle = epoch // period                          # 0, 1, 2, ...
    x = epoch % period                               # position inside the cycle
    rise = x / step_size_up if x <= step_size_up else 1 - (x - step_size_up) / down
    height = (max_lr - base_lr) * (0.5**cycle if mode == "triangular2" else 1.0)
    return base_lr + height * rise


def cosine_warm_restarts_lr(epoch: int, lr0: float, t_0: int, eta_min: float = 0.0) -> float:
    """``CosineAnnealingWarmRestarts`` (SGDR, ``T_mult=1``): a cosine decay restarted every ``t_0`` epochs."""
    return cosine_annealing_lr(epoch % t_0, lr0, t_0, eta_min)
# --8<-- [end:saw]


def schedule(fn: Callable[..., float], epochs: int, *args: object, **kwargs: object) -> list[float]:
    """``[fn(0, ...), ..., fn(epochs − 1, ...)]``: the whole schedule, e.g. for a plot."""
    return [fn(epoch, *args, **kwargs) for epoch in range(epochs)]


def torch_schedule(make: Callable[[torch.optim.Optimizer], object], epochs: int, lr0: float) -> list[float]:
    """The rate a torch scheduler gives each epoch: ``make(optimizer)`` builds it on a dummy SGD."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0, momentum=0.9)
    scheduler = make(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()                                   # torch warns if the scheduler steps first
        scheduler.step()
    return lrs


# --8<-- [start:torch]
def torch_scheduler(optimizer: torch.optim.Optimizer, name: str, **kw: object) -> torch.optim.lr_scheduler.LRScheduler:
    """The torch twin of each numpy schedule, with the numpy keyword names.

    ``name`` is ``"step"``, ``"exponential"``, ``"cosine"``, ``"cyclic"`` or ``"warm_restarts"``.
    """
    S = torch.optim.lr_scheduler
    if name == "step":
        return S.StepLR(optimizer, step_size=kw["step_size"], gamma=kw.get("gamma", 0.1))
    if name == "exponential":
        return S.ExponentialLR(optimizer, gamma=kw["gamma"])
    if name == "cosine":
        return S.CosineAnnealingLR(optimizer, T_max=kw["t_max"], eta_min=kw.get("eta_min", 0.0))
    if name == "cyclic":
        return S.CyclicLR(optimizer, base_lr=kw["base_lr"], max_lr=kw["max_lr"], step_size_up=kw["step_size_up"],
                          step_size_down=kw.get("step_size_down"), mode=kw.get("mode", "triangular"))
    if name == "warm_restarts":
        return S.CosineAnnealingWarmRestarts(optimizer, T_0=kw["t_0"], eta_min=kw.get("eta_min", 0.0))
    raise ValueError(f"unknown schedule {name!r}")
# --8<-- [end:torch]
