"""Why logistic regression is not trained with MSE: after a sigmoid the squared error is not convex.

The Skoltech slides: with ``J(w) = 1/(2N) Σ (σ(wᵀx) − y)²`` the sigmoid makes ``J``
non-convex, so the slides take the cross-entropy ``−y log h − (1 − y) log(1 − h)`` instead.
One weight and no bias, so that each loss is a curve over one number: `mse` and
`cross_entropy` with their first and second derivatives in closed form (numpy), checked by
autograd in the tests; `descend` runs gradient descent on either.
"""

from __future__ import annotations

import numpy as np
import torch

from lectureref.nn.functional import log_sigmoid, sigmoid


def make_1d(n: int = 200, noise: float = 1.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``x ~ N(0, 2²)`` and ``y = [x + noise·ε > 0]``: classes that overlap near 0 (best ``w`` finite, positive)."""
    rng = np.random.default_rng(seed)
    x = 2.0 * rng.standard_normal(n)
    return x, (x + noise * rng.standard_normal(n) > 0).astype(float)


# --8<-- [start:losses]
def mse(w: float, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """``J = 1/(2N) Σ (s − y)²`` with ``s = σ(w x)``; returns ``(J, J′, J″)``."""
    s = sigmoid(w * x)
    ds = s * (1 - s) * x                                   # ∂s/∂w
    d2s = s * (1 - s) * (1 - 2 * s) * x**2                 # ∂²s/∂w²
    return (float(np.mean((s - y) ** 2) / 2), float(np.mean((s - y) * ds)),
            float(np.mean(ds**2 + (s - y) * d2s)))         # the second term can be negative


def cross_entropy(w: float, x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """``J = −1/N Σ [y log s + (1 − y) log(1 − s)]``; returns ``(J, J′, J″)``, ``J″ ≥ 0`` always."""
    z = w * x
    s = sigmoid(z)
    loss = -np.mean(y * log_sigmoid(z) + (1 - y) * log_sigmoid(-z))
    return float(loss), float(np.mean((s - y) * x)), float(np.mean(s * (1 - s) * x**2))
# --8<-- [end:losses]


def mse_torch(w: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The same MSE as a torch scalar (autograd gives ``J′`` and, twice, ``J″``)."""
    return ((torch.sigmoid(w * x) - y) ** 2).mean() / 2


# --8<-- [start:descend]
def descend(loss: str, w0: float, x: np.ndarray, y: np.ndarray, lr: float = 1.0, steps: int = 200) -> float:
    """Gradient descent on ``mse`` or ``cross_entropy`` from ``w0``; returns the last ``w``."""
    f = {"mse": mse, "cross_entropy": cross_entropy}[loss]
    w = w0
    for _ in range(steps):
        w -= lr * f(w, x, y)[1]
    return w
# --8<-- [end:descend]
