r"""Update rules (optimizers) in numpy, written to match ``torch.optim`` step by step.

Lecture 4 (1:10:06): modifications of SGD — momentum, Adagrad, Adadelta, RMSProp — and Adam,
the default choice. Every rule is a pure function in the cs231n style

    next_w, state = rule(w, dw, state, **hyperparameters)

where ``state`` is a dict the rule fills on its first call (velocity, accumulated squares,
step counter): the same buffers ``torch.optim`` keeps in ``optimizer.state[p]``. The formulas
follow PyTorch's own documentation exactly (where a buffer starts, where ``eps`` goes, bias
correction), so a numpy run and a torch run from the same weights agree to ~1e-12.
`Optimizer` applies one rule to a dict of parameter arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import torch

State = dict[str, np.ndarray | int]
Rule = Callable[..., tuple[np.ndarray, State]]


# --8<-- [start:sgd]
def sgd(
    w: np.ndarray, dw: np.ndarray, state: State, *, lr: float = 1e-3, momentum: float = 0.0,
    dampening: float = 0.0, nesterov: bool = False, weight_decay: float = 0.0,
) -> tuple[np.ndarray, State]:
    """SGD with optional (Nesterov) momentum, as ``torch.optim.SGD``.

    ``v ← μv + (1 − dampening)·g`` (the very first step sets ``v = g``), then
    ``w ← w − lr·v``, or with Nesterov ``w ← w − lr·(g + μv)``.
    """
    g = dw + weight_decay * w                  # L2 penalty enters as an extra gradient term
    if momentum:
        if "v" not in state:
            state["v"] = g.copy()              # torch: the first buffer is g itself, undamped
        else:
            state["v"] = momentum * state["v"] + (1.0 - dampening) * g
        g = g + momentum * state["v"] if nesterov else state["v"]
    return w - lr * g, state
# --8<-- [end:sgd]


# --8<-- [start:adagrad]
def adagrad(
    w: np.ndarray, dw: np.ndarray, state: State, *, lr: float = 1e-2, lr_decay: float = 0.0,
    weight_decay: float = 0.0, initial_accumulator_value: float = 0.0, eps: float = 1e-10,
) -> tuple[np.ndarray, State]:
    """Adagrad: every coordinate's step is divided by the root of its summed squared gradients."""
    g = dw + weight_decay * w
    state["step"] = state.get("step", 0) + 1
    s = state.get("sum", np.full_like(w, initial_accumulator_value)) + g * g   # Σ g², never forgets
    state["sum"] = s
    clr = lr / (1.0 + (state["step"] - 1) * lr_decay)
    return w - clr * g / (np.sqrt(s) + eps), state
# --8<-- [end:adagrad]


# --8<-- [start:rmsprop]
def rmsprop(
    w: np.ndarray, dw: np.ndarray, state: State, *, lr: float = 1e-2, alpha: float = 0.99,
    eps: float = 1e-8, weight_decay: float = 0.0, momentum: float = 0.0,
) -> tuple[np.ndarray, State]:
    """RMSProp: Adagrad with a running (exponential) average of g² instead of the sum.

    ``r ← αr + (1 − α)g²``, ``w ← w − lr·g / (√r + eps)`` (eps outside the root, as in torch).
    """
    g = dw + weight_decay * w
    r = alpha * state.get("r", np.zeros_like(w)) + (1.0 - alpha) * g * g
    state["r"] = r
    step = g / (np.sqrt(r) + eps)
    if momentum:
        state["v"] = momentum * state.get("v", np.zeros_like(w)) + step
        step = state["v"]
    return w - lr * step, state
# --8<-- [end:rmsprop]


# --8<-- [start:adadelta]
def adadelta(
    w: np.ndarray, dw: np.ndarray, state: State, *, lr: float = 1.0, rho: float = 0.9,
    eps: float = 1e-6, weight_decay: float = 0.0,
) -> tuple[np.ndarray, State]:
    """Adadelta: RMSProp whose step size comes from a running average of past updates."""
    g = dw + weight_decay * w
    r = rho * state.get("r", np.zeros_like(w)) + (1.0 - rho) * g * g
    u = state.get("u", np.zeros_like(w))
    delta = np.sqrt(u + eps) / np.sqrt(r + eps) * g     # eps inside both roots here
    state["r"], state["u"] = r, rho * u + (1.0 - rho) * delta * delta
    return w - lr * delta, state
# --8<-- [end:adadelta]


# --8<-- [start:adam]
def adam(
    w: np.ndarray, dw: np.ndarray, state: State, *, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8, weight_decay: float = 0.0, decoupled: bool = False,
) -> tuple[np.ndarray, State]:
    """Adam = momentum (m) + RMSProp (v) + bias correction; ``decoupled=True`` is AdamW.

    ``m̂ = m / (1 − β₁ᵗ)``, ``v̂ = v / (1 − β₂ᵗ)``, ``w ← w − lr·m̂ / (√v̂ + eps)``. Adam adds
    ``weight_decay·w`` to the gradient; AdamW instead shrinks ``w ← w·(1 − lr·weight_decay)``.
    """
    b1, b2 = betas
    if decoupled:
        w = w * (1.0 - lr * weight_decay)      # AdamW: decay is not scaled by 1/√v̂
        g = dw
    else:
        g = dw + weight_decay * w
    t = state["step"] = state.get("step", 0) + 1
    m = state["m"] = b1 * state.get("m", np.zeros_like(w)) + (1.0 - b1) * g
    v = state["v"] = b2 * state.get("v", np.zeros_like(w)) + (1.0 - b2) * g * g
    m_hat = m / (1.0 - b1**t)                  # m and v start at 0: without this the first
    v_hat = v / (1.0 - b2**t)                  # steps would be far too small
    return w - lr * m_hat / (np.sqrt(v_hat) + eps), state
# --8<-- [end:adam]


def adamw(w: np.ndarray, dw: np.ndarray, state: State, *, weight_decay: float = 1e-2, **kw: float) -> tuple[np.ndarray, State]:
    """AdamW (``torch.optim.AdamW``): Adam with decoupled weight decay (default 0.01)."""
    return adam(w, dw, state, weight_decay=weight_decay, decoupled=True, **kw)


RULES: dict[str, Rule] = {
    "sgd": sgd, "adagrad": adagrad, "rmsprop": rmsprop, "adadelta": adadelta, "adam": adam, "adamw": adamw,
}
TORCH: dict[str, type[torch.optim.Optimizer]] = {
    "sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop,
    "adadelta": torch.optim.Adadelta, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW,
}
"""The ``torch.optim`` class each numpy rule reproduces (same keyword arguments)."""


# --8<-- [start:optimizer]
class Optimizer:
    """One update rule over a dict of numpy parameters: ``opt.step(grads)`` updates ``opt.params``.

    ``Optimizer(params, "adam", lr=1e-2)`` behaves like ``torch.optim.Adam(params, lr=1e-2)``.
    """

    def __init__(self, params: dict[str, np.ndarray], rule: str | Rule, **hparams: object) -> None:
        self.params = params
        self.rule = RULES[rule] if isinstance(rule, str) else rule
        self.hparams = hparams
        self.state: dict[str, State] = {name: {} for name in params}

    def step(self, grads: dict[str, np.ndarray]) -> None:
        for name, w in self.params.items():
            self.params[name], self.state[name] = self.rule(w, grads[name], self.state[name], **self.hparams)
# --8<-- [end:optimizer]


# ---------------------------------------------------------------------------------------------
# Test functions: an ill-conditioned quadratic (a long narrow valley) and Rosenbrock's banana.


def quadratic(w: np.ndarray, scales: tuple[float, ...] = (1.0, 100.0)) -> tuple[float, np.ndarray]:
    """``f(w) = ½ Σ hᵢ wᵢ²`` and its gradient ``hw``: curvature ``h`` differs ``max/min`` times."""
    h = np.asarray(scales)
    return float(0.5 * np.sum(h * w * w)), h * w


def rosenbrock(w: np.ndarray) -> tuple[float, np.ndarray]:
    """``f(x, y) = (1 − x)² + 100 (y − x²)²`` and its gradient; the minimum is 0 at (1, 1)."""
    x, y = w
    loss = (1 - x) ** 2 + 100 * (y - x * x) ** 2
    grad = np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
    return float(loss), grad


def steps_to_reach(
    f: Callable[[np.ndarray], tuple[float, np.ndarray]], w0: np.ndarray, rule: str | Rule,
    target: float, max_steps: int = 10_000, **hparams: object,
) -> int:
    """How many steps of ``rule`` bring ``f`` below ``target`` from ``w0`` (``max_steps`` if never)."""
    opt = Optimizer({"w": np.array(w0, dtype=np.float64)}, rule, **hparams)
    for step in range(max_steps):
        loss, grad = f(opt.params["w"])
        if loss < target:
            return step
        opt.step({"w": grad})
    return max_steps


def trajectory(
    f: Callable[[np.ndarray], tuple[float, np.ndarray]], w0: np.ndarray, rule: str | Rule, steps: int, **hparams: object,
) -> tuple[np.ndarray, np.ndarray]:
    """Points ``(steps + 1, D)`` and losses ``(steps + 1,)`` visited by ``rule`` (for plots)."""
    opt = Optimizer({"w": np.array(w0, dtype=np.float64)}, rule, **hparams)
    points, losses = [], []
    for _ in range(steps + 1):
        loss, grad = f(opt.params["w"])
        points.append(opt.params["w"].copy())
        losses.append(loss)
        opt.step({"w": grad})
    return np.array(points), np.array(losses)
