"""Lecture 3: a fully connected layer and ReLU, forward and backward."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["linear_relu"]


def _case(seed: int, n: int = 4, d: int = 5, m: int = 3) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=(m, d)), rng.normal(size=m), rng.normal(size=(n, m))


def linear_forward(m: ModuleType) -> str:
    """``y = x Wᵀ + b`` matches the reference."""
    x, w, b, _ = _case(0)
    got = call(need(m, "linear_forward"), x, w, b)
    compare("y", got, REF["linear_forward"](x, w, b)[0], describe(x=x, w=w, b=b))
    return "y = x Wᵀ + b совпадает с эталоном"


def _backward(m: ModuleType, x: np.ndarray, w: np.ndarray, b: np.ndarray, dout: np.ndarray) -> None:
    got = unpack(call(need(m, "linear_backward"), dout, x, w), ("dx", "dw", "db"), "linear_backward")
    g = torch_grads(lambda x, w, b: x @ w.T + b, {"x": x, "w": w, "b": b}, dout)
    where = describe(dout=dout, x=x, w=w)
    for name, key in zip(("dx", "dw", "db"), ("x", "w", "b")):
        compare(name, got[("dx", "dw", "db").index(name)], g[key], where)


def linear_backward(m: ModuleType) -> str:
    """``dx``, ``dw``, ``db`` match torch autograd in float64."""
    _backward(m, *_case(1))
    return "dx, dw, db совпадают с torch.autograd (float64)"


def batch_of_one(m: ModuleType) -> str:
    """A batch of one example: shapes and values stay right."""
    x, w, b, dout = _case(2, n=1, d=3, m=2)
    compare("y", call(need(m, "linear_forward"), x, w, b), REF["linear_forward"](x, w, b)[0], describe(x=x, w=w, b=b))
    _backward(m, x, w, b, dout)
    return "батч из одного примера: формы и значения верны"


def _relu_case(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(5, 6))
    x[np.abs(x) < 1e-3] = 0.5         # no exact zeros: ReLU's derivative is ambiguous there
    return x, rng.normal(size=(5, 6))


def relu_forward(m: ModuleType) -> str:
    """``max(0, x)`` elementwise."""
    x, _ = _relu_case(3)
    compare("relu(x)", call(need(m, "relu_forward"), x), np.maximum(x, 0), describe(x=x))
    return "max(0, x) верно"


def relu_backward(m: ModuleType) -> str:
    """ReLU's gradient matches torch autograd (no input exactly at 0)."""
    x, dout = _relu_case(4)
    g = torch_grads(lambda x: x.relu(), {"x": x}, dout)
    compare("dx", call(need(m, "relu_backward"), dout, x), g["x"], describe(dout=dout, x=x))
    return "градиент ReLU совпадает с torch.autograd"


CHECKS = [
    Check("linear_forward", linear_forward, ("layers",)),
    Check("linear_backward", linear_backward, ("backprop", "layers")),
    Check("batch_of_one", batch_of_one, ("layers",)),
    Check("relu_forward", relu_forward, ("activations",)),
    Check("relu_backward", relu_backward, ("backprop",)),
]
