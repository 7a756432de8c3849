"""Lecture 4: SGD with momentum and Adam, one update step each."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, CheckFailed, call, compare, need, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["adam"]
STEPS = 5


def _grad(w: np.ndarray) -> np.ndarray:
    # an elongated quadratic: the gradient changes with w, so a wrong update shows within a few steps
    return np.array([1.0, 30.0, 3.0]) * w + np.array([0.5, -1.0, 0.2])


def momentum(m: ModuleType) -> str:
    """Several momentum steps match ``torch.optim.SGD(momentum=…)``."""
    fn, lr, mu = need(m, "momentum_step"), 0.01, 0.9
    w, v = np.array([1.0, -2.0, 0.5]), np.zeros(3)
    w_ref, state = w.copy(), {}
    for t in range(1, STEPS + 1):
        g = _grad(w_ref)
        w_ref, state = REF["sgd"](w_ref, g, state, lr=lr, momentum=mu)
        w, v = unpack(call(fn, w, _grad(w), v, lr, mu), ("w", "v"), "momentum_step")
        compare("w", w, w_ref, f"шаг {t} из {STEPS}, lr={lr}, mu={mu}, w (3,)")
    return f"{STEPS} шагов совпадают с torch.optim.SGD(momentum={mu})"


def _adam(m: ModuleType, lr: float, betas: tuple[float, float], steps: int) -> None:
    fn = need(m, "adam_step")
    w, mm, vv = np.array([1.0, -2.0, 0.5]), np.zeros(3), np.zeros(3)
    w_ref, state = w.copy(), {}
    for t in range(1, steps + 1):
        w_ref, state = REF["adam"](w_ref, _grad(w_ref), state, lr=lr, betas=betas, eps=1e-8)
        w, mm, vv = unpack(call(fn, w, _grad(w), mm, vv, t, lr, betas[0], betas[1], 1e-8), ("w", "m", "v"), "adam_step")
        compare("w", w, w_ref, f"шаг t={t} из {steps}, lr={lr}, beta1={betas[0]}, beta2={betas[1]}, w (3,)")


def adam_first_step(m: ModuleType) -> str:
    """Adam's first step moves every coordinate by ``lr`` (bias correction)."""
    fn, lr = need(m, "adam_step"), 0.1
    w = np.array([1.0, -2.0, 0.5])
    w1, _, _ = unpack(call(fn, w, _grad(w), np.zeros(3), np.zeros(3), 1, lr, 0.9, 0.999, 1e-8), ("w", "m", "v"), "adam_step")
    step = np.abs(np.asarray(w1, dtype=np.float64) - w)
    if not np.allclose(step, lr, rtol=1e-4):
        raise CheckFailed(
            f"первый шаг Adam (t=1) сдвигает каждую координату на lr={lr}, а получено {np.round(step, 4).tolist()} — "
            "нет поправки смещения m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)?"
        )
    return "первый шаг ровно lr по каждой координате (поправка смещения есть)"


def adam_steps(m: ModuleType) -> str:
    """Several Adam steps match ``torch.optim.Adam`` for two pairs of betas."""
    _adam(m, 0.05, (0.9, 0.999), STEPS)
    _adam(m, 0.01, (0.5, 0.9), STEPS)
    return f"{STEPS} шагов совпадают с torch.optim.Adam при двух наборах β"


CHECKS = [
    Check("momentum", momentum),
    Check("adam_first_step", adam_first_step),
    Check("adam_steps", adam_steps),
]
