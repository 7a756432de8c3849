"""Lecture 6: 2-D convolution (cross-correlation, as ``F.conv2d``), forward and backward."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import (
    Check, CheckFailed, as_array, call, compare, describe, in_case, need, torch_grads, unpack,
)
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["conv2d"]
FLIPPED = "совпадает со свёрткой с перевёрнутым ядром: здесь, как в F.conv2d, ядро не переворачивается (cross-correlation)"
# the named geometries of the backward checks: (label, seed, (N, C, H, W), (F, KH, KW), stride, padding)
LEFTOVER = ("stride 2, H = W = 8, K = 3: последние строка и столбец входа не попадают ни в одно окно, их dx — нули",
            5, (2, 2, 8, 8), (3, 3, 3), 2, 0)
NONSQUARE = ("ядро 3×2 (KH ≠ KW) на входе 6×7, stride 1, padding 1", 6, (2, 2, 6, 7), (3, 3, 2), 1, 1)


def _case(seed: int, n: int, c: int, h: int, w: int, f: int, kh: int, kw: int | None = None) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, kh, kw or kh)), rng.normal(size=f)


def forward_shape(m: ModuleType) -> str:
    """The output shape for six geometries (1×1 kernel, 1×1 output, stride, padding, a 3×2 kernel)."""
    fn = need(m, "conv2d_forward")
    for shape, (kh, kw), stride, padding in [((1, 1, 5, 5), (3, 3), 1, 0), ((2, 2, 7, 6), (3, 3), 2, 0),
                                             ((1, 1, 6, 6), (2, 2), 2, 1), ((1, 3, 4, 4), (1, 1), 1, 0),
                                             ((1, 1, 3, 3), (3, 3), 1, 0), ((1, 2, 6, 7), (3, 2), 1, 1)]:
        x, w, b = _case(0, *shape, 2, kh, kw)
        in_case(f"ядро {kh}×{kw}, вход {shape[2]}×{shape[3]}, stride {stride}, padding {padding}",
                lambda x=x, w=w, b=b, s=stride, p=padding: _shape(fn, x, w, b, s, p))
    return "формы выхода верны для 6 геометрий (ядро 1×1 и 3×2, выход 1×1, stride, padding)"


def _shape(fn: object, x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int, padding: int) -> None:
    expected = REF["conv2d_forward"](x, w, b, stride, padding)[0].shape
    got = as_array(call(fn, x, w, b, stride, padding), "out")
    if got.shape != expected:
        raise CheckFailed(f"out: форма {got.shape}, ожидалась {expected} = (N, F, (H + 2p − KH)//s + 1, "
                          f"(W + 2p − KW)//s + 1); вход: {describe(x=x, w=w, stride=stride, padding=padding)}")


def _forward(m: ModuleType, x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int, padding: int) -> None:
    flipped = REF["conv2d_forward"](x, w[..., ::-1, ::-1].copy(), b, stride, padding)[0]
    compare("out", call(need(m, "conv2d_forward"), x, w, b, stride, padding), REF["conv2d_forward"](x, w, b, stride, padding)[0],
            describe(x=x, w=w, b=b, stride=stride, padding=padding), mistakes={FLIPPED: flipped})


def forward_values(m: ModuleType) -> str:
    """Values match ``F.conv2d`` with stride 1 and no padding."""
    _forward(m, *_case(1, 2, 3, 5, 6, 4, 3), 1, 0)
    return "значения совпадают с F.conv2d (stride 1, без padding)"


def forward_stride_padding(m: ModuleType) -> str:
    """Values match with stride 2 and padding 1."""
    _forward(m, *_case(2, 2, 2, 7, 7, 3, 3), 2, 1)
    return "значения верны при stride=2, padding=1"


def forward_nonsquare(m: ModuleType) -> str:
    """Values match with a 3×2 kernel on a 6×7 input (a solution that reads K from one side fails)."""
    label, seed, (n, c, h, w), (f, kh, kw), stride, padding = NONSQUARE
    in_case(label, lambda: _forward(m, *_case(seed, n, c, h, w, f, kh, kw), stride, padding))
    return "значения верны для ядра 3×2 (KH ≠ KW)"


def _backward(m: ModuleType, seed: int, shape: tuple[int, ...], kernel: tuple[int, ...], stride: int, padding: int) -> None:
    x, w, b = _case(seed, *shape, *kernel)
    out = REF["conv2d_forward"](x, w, b, stride, padding)[0]
    dout = np.random.default_rng(seed + 100).normal(size=out.shape)
    got = unpack(call(need(m, "conv2d_backward"), dout, x, w, b, stride, padding), ("dx", "dw", "db"), "conv2d_backward")
    arrays = {"x": x, "w": w, "b": b}
    g = torch_grads(lambda x, w, b: REF["conv2d_torch"](x, w, b, stride, padding), arrays, dout)
    g_flip = torch_grads(lambda x, w, b: REF["conv2d_torch"](x, w.flip((-2, -1)), b, stride, padding), arrays, dout)
    where = describe(x=x, w=w, b=b, dout=dout, stride=stride, padding=padding)
    compare("db", got[2], g["b"], where)
    compare("dw", got[1], g["w"], where, mistakes={"dw перевёрнут: " + FLIPPED: g_flip["w"]})
    compare("dx", got[0], g["x"], where, mistakes={"dx посчитан с перевёрнутым ядром: " + FLIPPED: g_flip["x"]})


def backward(m: ModuleType) -> str:
    """``db``, ``dw``, ``dx`` match torch autograd with stride 1 and padding 1."""
    _backward(m, 3, (2, 2, 7, 7), (3, 3, 3), 1, 1)
    return "dx, dw, db совпадают с torch.autograd (stride 1, padding 1)"


def backward_stride(m: ModuleType) -> str:
    """``db``, ``dw``, ``dx`` match torch autograd with stride 2."""
    _backward(m, 4, (2, 2, 7, 7), (3, 3, 3), 2, 0)
    return "dx, dw, db совпадают с torch.autograd при stride=2"


def backward_leftover_rows(m: ModuleType) -> str:
    """Stride 2 on an 8×8 input with K = 3: the last row and column of x are in no window."""
    label, seed, shape, kernel, stride, padding = LEFTOVER
    in_case(label, lambda: _backward(m, seed, shape, kernel, stride, padding))
    return "верно, когда stride оставляет строки входа вне окон (H = 8, K = 3, s = 2)"


def backward_nonsquare(m: ModuleType) -> str:
    """``db``, ``dw``, ``dx`` with a 3×2 kernel on a 6×7 input."""
    label, seed, shape, kernel, stride, padding = NONSQUARE
    in_case(label, lambda: _backward(m, seed, shape, kernel, stride, padding))
    return "dx, dw, db верны для ядра 3×2 (KH ≠ KW)"


CHECKS = [
    Check("forward_shape", forward_shape),
    Check("forward_values", forward_values),
    Check("forward_stride_padding", forward_stride_padding),
    Check("forward_nonsquare", forward_nonsquare),
    Check("backward", backward),
    Check("backward_stride", backward_stride),
    Check("backward_leftover_rows", backward_leftover_rows),
    Check("backward_nonsquare", backward_nonsquare),
]
