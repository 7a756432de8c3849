"""Lectures 3–4: softmax regression, its cross-entropy loss and gradient."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, as_float, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["softmax"]
OUT = ("loss", "dW", "db")


def _case(seed: int, n: int = 6, d: int = 4, k: int = 3, scale: float = 1.0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return scale * rng.normal(size=(n, d)), rng.integers(0, k, n), rng.normal(size=(d, k)), rng.normal(size=k)


def _torch_loss(X, W, b, y):  # noqa: ANN001, ANN202 — tensors in, a scalar tensor out
    import torch

    return torch.nn.functional.cross_entropy(X @ W + b, torch.as_tensor(y))


def loss_value(m: ModuleType) -> str:
    """The mean cross-entropy matches the reference."""
    X, y, W, b = _case(0)
    loss, _, _ = unpack(call(need(m, "softmax_loss_grad"), X, y, W, b), OUT, "softmax_loss_grad")
    compare("loss", as_float(loss, "loss"), REF["softmax_loss_grad"](X, y, W, b)[0], describe(X=X, W=W, b=b))
    return "loss совпадает с эталоном (среднее по батчу)"


def gradient(m: ModuleType) -> str:
    """``dW`` and ``db`` match torch autograd in float64."""
    X, y, W, b = _case(1, n=7, d=5, k=4)
    _, dW, db = unpack(call(need(m, "softmax_loss_grad"), X, y, W, b), OUT, "softmax_loss_grad")
    g = torch_grads(lambda X, W, b: _torch_loss(X, W, b, y), {"X": X, "W": W, "b": b})
    where = describe(X=X, W=W, b=b)
    compare("dW", dW, g["W"], where)
    compare("db", db, g["b"], where)
    return "dW и db совпадают с torch.autograd (float64)"


def stable(m: ModuleType) -> str:
    """Logits in the thousands give the right loss and gradient, no overflow."""
    X, y, W, b = _case(2, scale=1000.0)   # logits in the thousands: exp overflows without the max shift
    loss, dW, db = unpack(call(need(m, "softmax_loss_grad"), X, y, W, b), OUT, "softmax_loss_grad")
    where = describe(X=X, W=W, b=b) + ", логиты порядка 1000"
    compare("loss", as_float(loss, "loss"), REF["softmax_loss_grad"](X, y, W, b)[0], where)
    g = torch_grads(lambda X, W, b: _torch_loss(X, W, b, y), {"X": X, "W": W, "b": b})
    compare("dW", dW, g["W"], where)
    return "большие логиты не дают переполнения"


CHECKS = [
    Check("loss_value", loss_value, ("softmax#cross-entropy",)),
    Check("gradient", gradient),
    Check("stable", stable, ("softmax",)),
]
