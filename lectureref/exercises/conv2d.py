"""Lecture 6: 2-D convolution (cross-correlation, as ``F.conv2d``), forward and backward."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, CheckFailed, as_array, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["conv2d"]


def _case(seed: int, n: int, c: int, h: int, w: int, f: int, k: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, k, k)), rng.normal(size=f)


def forward_shape(m: ModuleType) -> str:
    """The output shape for five geometries (1×1 kernel, 1×1 output, stride, padding)."""
    fn = need(m, "conv2d_forward")
    for shape, k, stride, padding in [((1, 1, 5, 5), 3, 1, 0), ((2, 2, 7, 6), 3, 2, 0), ((1, 1, 6, 6), 2, 2, 1),
                                      ((1, 3, 4, 4), 1, 1, 0), ((1, 1, 3, 3), 3, 1, 0)]:
        x, w, b = _case(0, *shape, 2, k)
        expected = REF["conv2d_forward"](x, w, b, stride, padding)[0].shape
        got = as_array(call(fn, x, w, b, stride, padding), "out")
        if got.shape != expected:
            raise CheckFailed(f"out: форма {got.shape}, ожидалась {expected} = (N, F, (H + 2p − K)//s + 1, …); "
                              f"вход: {describe(x=x, w=w, stride=stride, padding=padding)}")
    return "формы выхода верны для 5 геометрий (ядро 1×1, выход 1×1, stride, padding)"


def forward_values(m: ModuleType) -> str:
    """Values match ``F.conv2d`` with stride 1 and no padding."""
    x, w, b = _case(1, 2, 3, 5, 6, 4, 3)
    compare("out", call(need(m, "conv2d_forward"), x, w, b, 1, 0), REF["conv2d_forward"](x, w, b)[0], describe(x=x, w=w, b=b))
    return "значения совпадают с F.conv2d (stride 1, без padding)"


def forward_stride_padding(m: ModuleType) -> str:
    """Values match with stride 2 and padding 1."""
    x, w, b = _case(2, 2, 2, 7, 7, 3, 3)
    compare("out", call(need(m, "conv2d_forward"), x, w, b, 2, 1), REF["conv2d_forward"](x, w, b, 2, 1)[0],
            describe(x=x, w=w, stride=2, padding=1))
    return "значения верны при stride=2, padding=1"


def _backward(m: ModuleType, seed: int, stride: int, padding: int) -> None:
    x, w, b = _case(seed, 2, 2, 7, 7, 3, 3)
    out = REF["conv2d_forward"](x, w, b, stride, padding)[0]
    dout = np.random.default_rng(seed + 100).normal(size=out.shape)
    got = unpack(call(need(m, "conv2d_backward"), dout, x, w, b, stride, padding), ("dx", "dw", "db"), "conv2d_backward")
    g = torch_grads(lambda x, w, b: REF["conv2d_torch"](x, w, b, stride, padding), {"x": x, "w": w, "b": b}, dout)
    where = describe(x=x, w=w, dout=dout, stride=stride, padding=padding)
    compare("db", got[2], g["b"], where)
    compare("dw", got[1], g["w"], where)
    compare("dx", got[0], g["x"], where)


def backward(m: ModuleType) -> str:
    """``db``, ``dw``, ``dx`` match torch autograd with stride 1 and padding 1."""
    _backward(m, 3, 1, 1)
    return "dx, dw, db совпадают с torch.autograd (stride 1, padding 1)"


def backward_stride(m: ModuleType) -> str:
    """``db``, ``dw``, ``dx`` match torch autograd with stride 2."""
    _backward(m, 4, 2, 0)
    return "dx, dw, db совпадают с torch.autograd при stride=2"


CHECKS = [
    Check("forward_shape", forward_shape),
    Check("forward_values", forward_values),
    Check("forward_stride_padding", forward_stride_padding),
    Check("backward", backward),
    Check("backward_stride", backward_stride),
]
