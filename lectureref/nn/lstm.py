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
from lectureref.nn.functional import sigmoid


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
    """``x`` (T, N, D); ``h``, ``c`` (T + 1, N, H) with the initial state at 0; gates (T, N, 4H)."""

    x: np.ndarray
    h: np.ndarray
    c: np.ndarray
    gates: np.ndarray
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
    T, N, _ = x.shape
    H = h0.shape[1]
    dtype = np.result_type(x, p.w_ih)        # float64 for gradient checks, float32 for speed
    h, c, gates = np.empty((T + 1, N, H), dtype), np.empty((T + 1, N, H), dtype), np.empty((T, N, 4 * H), dtype)
    h[0], c[0] = h0, c0
    for t in range(T):
        a = x[t] @ p.w_ih.T + p.b_ih + h[t] @ p.w_hh.T + p.b_hh       # all four gates at once
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2*H]), np.tanh(a[:, 2*H:3*H]), sigmoid(a[:, 3*H:])
        c[t + 1] = f * c[t] + i * g          # forget part of the memory, write the new part
        h[t + 1] = o * np.tanh(c[t + 1])     # show part of the memory
        gates[t] = np.concatenate([i, f, g, o], axis=1)
    return h[1:], LSTMCache(x, h, c, gates, p)
# --8<-- [end:forward]


# --8<-- [start:backward]
def lstm_backward(dout: np.ndarray, cache: LSTMCache, dc_last: np.ndarray | None = None) -> LSTMGrads:
    """BPTT for ``dout = ∂L/∂h_t`` (T, N, H) (and optionally ``∂L/∂c_T``)."""
    x, h, c, gates, p = cache
    dw_ih, dw_hh, db = np.zeros_like(p.w_ih), np.zeros_like(p.w_hh), np.zeros_like(p.b_hh)
    dx = np.empty_like(x)
    dh_next = np.zeros_like(h[0])
    dc_next = np.zeros_like(c[0]) if dc_last is None else dc_last
    for t in reversed(range(len(x))):
        i, f, g, o = np.split(gates[t], 4, axis=1)
        tc = np.tanh(c[t + 1])
        dh = dout[t] + dh_next
        dc = dc_next + dh * o * (1.0 - tc**2)            # c_t feeds h_t and c_{t+1}
        da = np.concatenate([
            dc * g * i * (1.0 - i),                        # ∂/∂a_i, σ' = σ(1 − σ)
            dc * c[t] * f * (1.0 - f),                     # ∂/∂a_f
            dc * i * (1.0 - g**2),                         # ∂/∂a_g, tanh' = 1 − tanh²
            dh * tc * o * (1.0 - o),                       # ∂/∂a_o
        ], axis=1)
        dc_next = dc * f                     # the cell path: multiplied by f only, no W, no tanh'
        dh_next = da @ p.w_hh
        dx[t] = da @ p.w_ih
        dw_ih += da.T @ x[t]
        dw_hh += da.T @ h[t]
        db += da.sum(axis=0)
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
