r"""The vanilla RNN cell over a sequence: numpy forward and backpropagation through time, torch twin.

$$h_t = \tanh(x_t W_{ih}^\top + b_{ih} + h_{t-1} W_{hh}^\top + b_{hh}),$$

exactly ``torch.nn.RNN`` (``nonlinearity="tanh"``), whose parameters ``weight_ih_l0``,
``weight_hh_l0``, ``bias_ih_l0``, ``bias_hh_l0`` have the shapes of ``w_ih`` (H, D), ``w_hh``
(H, H), ``b_ih`` (H,), ``b_hh`` (H,) here. Sequences are time-major, ``x`` (T, N, D), as torch's
default ``batch_first=False``. The lesson (exploding gradients, clipping, a character-level
language model) is `lectureref.rnn`.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device


class RNNParams(NamedTuple):
    """``w_ih`` (H, D), ``w_hh`` (H, H), ``b_ih`` (H,), ``b_hh`` (H,) — torch's names without ``_l0``."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


class RNNGrads(NamedTuple):
    """Gradients of the loss: ``dx`` (T, N, D), ``dh0`` (N, H) and one per parameter."""

    dx: np.ndarray
    dh0: np.ndarray
    dw_ih: np.ndarray
    dw_hh: np.ndarray
    db_ih: np.ndarray
    db_hh: np.ndarray


class RNNCache(NamedTuple):
    """Inputs ``x`` (T, N, D), states ``h`` (T + 1, N, H) with ``h[0] = h0``, and the parameters."""

    x: np.ndarray
    h: np.ndarray
    params: RNNParams


def init_rnn(input_size: int, hidden_size: int, seed: int = 0) -> RNNParams:
    """torch's initialisation: every parameter ~ U(−1/√H, 1/√H), float64."""
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(hidden_size)
    u = lambda *shape: rng.uniform(-k, k, shape)  # noqa: E731
    return RNNParams(u(hidden_size, input_size), u(hidden_size, hidden_size), u(hidden_size), u(hidden_size))


# --8<-- [start:forward]
def rnn_forward(x: np.ndarray, h0: np.ndarray, p: RNNParams) -> tuple[np.ndarray, RNNCache]:
    """Run the cell over ``x`` (T, N, D) from ``h0`` (N, H); returns every ``h_t`` (T, N, H)."""
    T, N, D = x.shape
    h = np.empty((T + 1, N, len(p.b_hh)), np.result_type(x, p.w_ih))
    h[0] = h0
    # The input's part does not depend on h: one product for all T steps at once.
    a_x = (x.reshape(T * N, D) @ p.w_ih.T + (p.b_ih + p.b_hh)).reshape(T, N, -1)
    for t in range(T):                       # the same weights at every step
        h[t + 1] = np.tanh(a_x[t] + h[t] @ p.w_hh.T)
    return h[1:], RNNCache(x, h, p)
# --8<-- [end:forward]


# --8<-- [start:backward]
def rnn_backward(dout: np.ndarray, cache: RNNCache) -> RNNGrads:
    """Backpropagation through time for ``dout = ∂L/∂h_t`` (T, N, H) of every output."""
    x, h, p = cache
    T, N, D = x.shape
    da = np.empty_like(h[1:])                # ∂L/∂a_t for every step, a_t the input of tanh
    dh_next = np.zeros_like(h[0])            # ∂L/∂h_t arriving from step t + 1
    for t in reversed(range(T)):             # the unrolled network, walked backwards
        da[t] = (dout[t] + dh_next) * (1.0 - h[t + 1] ** 2)   # through tanh: tanh' = 1 − tanh²
        dh_next = da[t] @ p.w_hh             # the same W_hh once per step: the product of
                                             # 100 of them explodes or vanishes
    # The same weights at every step: their gradients sum over the steps, one product each.
    da2 = da.reshape(T * N, -1)
    dx = (da2 @ p.w_ih).reshape(T, N, D)
    dw_ih = da2.T @ x.reshape(T * N, D)
    dw_hh = da2.T @ h[:-1].reshape(T * N, -1)
    db = da2.sum(axis=0)
    return RNNGrads(dx, dh_next, dw_ih, dw_hh, db, db.copy())
# --8<-- [end:backward]


def to_torch_rnn(p: RNNParams, device: torch.device | None = None) -> nn.RNN:
    """An ``nn.RNN`` (tanh, one layer, float64) holding a copy of ``p``."""
    hidden, inputs = p.w_ih.shape
    rnn = nn.RNN(inputs, hidden, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        for name, value in zip(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], p):
            getattr(rnn, name).copy_(torch.from_numpy(value))
    return rnn.to(device or get_device())
