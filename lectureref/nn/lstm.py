r"""The LSTM cell over a sequence: numpy forward and backpropagation through time, PyTorch twin.

Gates in torch's order i, f, g, o:

$$
\begin{aligned}
(a_i, a_f, a_g, a_o) &= x_t W_{ih}^\top + b_{ih} + h_{t-1} W_{hh}^\top + b_{hh},\\
i = \sigma(a_i),\; f &= \sigma(a_f),\; g = \tanh(a_g),\; o = \sigma(a_o),\\
c_t = f \odot c_{t-1} + i \odot g, &\qquad h_t = o \odot \tanh(c_t),
\end{aligned}
$$

``w_ih`` (4H, D), ``w_hh`` (4H, H), ``b_ih``/``b_hh`` (4H,) as ``weight_ih_l0`` … of ``torch.nn.LSTM``.
Sequences are time-major, ``x`` (T, N, D). The lesson (gradient flow through the cell, a
tagger, a classifier) is `lectureref.lstm`.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device


class LSTMParams(NamedTuple):
    """``w_ih`` (4H, D), ``w_hh`` (4H, H), ``b_ih`` (4H,), ``b_hh`` (4H,); rows are blocks i, f, g, o."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


class LSTMGrads(NamedTuple):
    """``dx`` (T, N, D), ``dh0``, ``dc0`` (N, H) and one gradient per parameter."""

    dx: np.ndarray
    dh0: np.ndarray
    dc0: np.ndarray
    dw_ih: np.ndarray
    dw_hh: np.ndarray
    db_ih: np.ndarray
    db_hh: np.ndarray


class LSTMCache(NamedTuple):
    """``x`` (T, N, D); ``h``, ``c`` (T + 1, N, H) with the initial state at 0; the gates i, f, g, o
    of every step (T, N, 4H) and ``tanh(c_t)`` (T, N, H)."""

    x: np.ndarray
    h: np.ndarray
    c: np.ndarray
    gates: np.ndarray
    tanh_c: np.ndarray
    params: LSTMParams


def init_lstm(input_size: int, hidden_size: int, seed: int = 0, forget_bias: float = 0.0) -> LSTMParams:
    """torch's initialisation U(−1/√H, 1/√H); ``forget_bias`` is added to ``b_ih``'s f block."""
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(hidden_size)
    H = hidden_size
    p = LSTMParams(*(rng.uniform(-k, k, s) for s in [(4 * H, input_size), (4 * H, H), (4 * H,), (4 * H,)]))
    p.b_ih[H : 2 * H] += forget_bias         # f ≈ σ(forget_bias): 1 keeps the cell, 0 wipes it
    return p


# --8<-- [start:forward]
def lstm_forward(x: np.ndarray, h0: np.ndarray, c0: np.ndarray, p: LSTMParams) -> tuple[np.ndarray, LSTMCache]:
    """Run the LSTM over ``x`` (T, N, D) from ``(h0, c0)`` (N, H); returns every ``h_t`` (T, N, H)."""
    T, N, D = x.shape
    H = h0.shape[1]
    dtype = np.result_type(x, p.w_ih)        # float64 for gradient checks, float32 for speed
    h, c, tanh_c = np.empty((T + 1, N, H), dtype), np.empty((T + 1, N, H), dtype), np.empty((T, N, H), dtype)
    h[0], c[0] = h0, c0
    # The input's part of the gates does not depend on h: one product for all T steps at once.
    # Step t then turns gates[t] from pre-activations into gate values in place (no second array).
    gates = (x.reshape(T * N, D) @ p.w_ih.T).reshape(T, N, 4 * H)
    gates += p.b_ih + p.b_hh
    w_hh_t = np.ascontiguousarray(p.w_hh.T)  # (H, 4H), transposed once for all T steps
    # σ(a) = (1 + tanh(a/2)) / 2, so one tanh gives all four gates: gate = s·tanh(s·a) + (1 − s)
    # with s = 1/2 for the sigmoids i, f, o and s = 1 for g = tanh(a).
    s = np.where(np.arange(4 * H) // H == 2, 1.0, 0.5).astype(dtype)
    shift = 1.0 - s
    for t in range(T):
        z = gates[t]
        z += h[t] @ w_hh_t                   # pre-activations of the four gates (N, 4H): i, f, g, o
        z *= s
        np.tanh(z, out=z)
        z *= s
        z += shift
        i, f, g, o = z[:, :H], z[:, H : 2 * H], z[:, 2 * H : 3 * H], z[:, 3 * H :]
        np.multiply(f, c[t], out=c[t + 1])   # forget part of the memory,
        c[t + 1] += i * g                    # write the new part
        np.tanh(c[t + 1], out=tanh_c[t])
        np.multiply(o, tanh_c[t], out=h[t + 1])   # show part of the memory
    return h[1:], LSTMCache(x, h, c, gates, tanh_c, p)
# --8<-- [end:forward]


# --8<-- [start:backward]
def lstm_backward(dout: np.ndarray, cache: LSTMCache, dc_last: np.ndarray | None = None) -> LSTMGrads:
    """BPTT for ``dout = ∂L/∂h_t`` (T, N, H) (and optionally ``∂L/∂c_T``)."""
    x, h, c, gates, tanh_c, p = cache
    T, N, D = x.shape
    H = h.shape[2]
    # What does not depend on the next step is computed for all T steps at once, before the loop:
    da = 1.0 - gates
    da *= gates                              # ∂gate/∂a: σ' = σ(1 − σ) for i, f, o ...
    g_all = gates[:, :, 2 * H : 3 * H]
    da[:, :, 2 * H : 3 * H] = 1.0 - g_all * g_all   # ... and tanh' = 1 − tanh² for g
    dc_from_h = 1.0 - tanh_c * tanh_c
    dc_from_h *= gates[:, :, 3 * H :]        # ∂h_t/∂c_t = o·tanh'(c_t)
    dgates = np.empty_like(gates[0])         # ∂L/∂(i, f, g, o) at one step, (N, 4H)
    dh_next = np.zeros_like(h[0])
    dc_next = np.zeros_like(c[0]) if dc_last is None else dc_last
    for t in reversed(range(T)):
        i, f, g = gates[t, :, :H], gates[t, :, H : 2 * H], gates[t, :, 2 * H : 3 * H]
        dh = dout[t] + dh_next
        dc = dh * dc_from_h[t]
        dc += dc_next                        # c_t feeds h_t and c_{t+1}
        np.multiply(dc, g, out=dgates[:, :H])              # c_t = f·c_{t−1} + i·g
        np.multiply(dc, c[t], out=dgates[:, H : 2 * H])
        np.multiply(dc, i, out=dgates[:, 2 * H : 3 * H])
        np.multiply(dh, tanh_c[t], out=dgates[:, 3 * H :])  # h_t = o·tanh(c_t)
        da[t] *= dgates                      # through the gates' non-linearities: ∂L/∂a_t
        dc_next = dc * f                     # the cell path: multiplied by f only, no W, no tanh'
        dh_next = da[t] @ p.w_hh
    # The same weights at every step: their gradients sum over the steps, one product each.
    da2 = da.reshape(T * N, 4 * H)
    dx = (da2 @ p.w_ih).reshape(T, N, D)
    dw_ih = da2.T @ x.reshape(T * N, D)
    dw_hh = da2.T @ h[:-1].reshape(T * N, H)
    db = da2.sum(axis=0)
    return LSTMGrads(dx, dh_next, dc_next, dw_ih, dw_hh, db, db.copy())
# --8<-- [end:backward]


def to_torch_lstm(p: LSTMParams, device: torch.device | None = None) -> nn.LSTM:
    """An ``nn.LSTM`` (one layer, float64) holding a copy of ``p``."""
    hidden4, inputs = p.w_ih.shape
    lstm = nn.LSTM(inputs, hidden4 // 4, dtype=torch.float64)
    with torch.no_grad():
        for name, value in zip(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], p):
            getattr(lstm, name).copy_(torch.from_numpy(value))
    return lstm.to(device or get_device())
