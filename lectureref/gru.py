r"""The gated recurrent unit (GRU): a numpy cell, forward and backward, beside ``torch.nn.GRU``.

Lecture 10 explains the gates on the LSTM (`lectureref.lstm`); the GRU is the site's addition:
the same idea with two gates and no separate memory. Gates in torch's order r, z, n:

$$
\begin{aligned}
r &= \sigma(x W_{ir}^\top + b_{ir} + h W_{hr}^\top + b_{hr}),\\
z &= \sigma(x W_{iz}^\top + b_{iz} + h W_{hz}^\top + b_{hz}),\\
n &= \tanh\bigl(x W_{in}^\top + b_{in} + r \odot (h W_{hn}^\top + b_{hn})\bigr),\\
h' &= (1 - z) \odot n + z \odot h.
\end{aligned}
$$

``w_ih`` (3H, D), ``w_hh`` (3H, H), ``b_ih``/``b_hh`` (3H,) are ``weight_ih_l0`` … of
``torch.nn.GRU``. Sequences are time-major, ``x`` (T, N, D).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.nn.functional import sigmoid


class GRUParams(NamedTuple):
    """``w_ih`` (3H, D), ``w_hh`` (3H, H), ``b_ih`` (3H,), ``b_hh`` (3H,); row blocks r, z, n."""

    w_ih: np.ndarray
    w_hh: np.ndarray
    b_ih: np.ndarray
    b_hh: np.ndarray


class GRUStepCache(NamedTuple):
    """What one step's backward needs: its inputs, the gates and ``h W_hnᵀ + b_hn``."""

    x: np.ndarray
    h: np.ndarray
    r: np.ndarray
    z: np.ndarray
    n: np.ndarray
    hn: np.ndarray
    params: GRUParams


class GRUGrads(NamedTuple):
    """``dx`` (T, N, D) — or (N, D) for one step —, ``dh0`` (N, H) and one gradient per parameter."""

    dx: np.ndarray
    dh0: np.ndarray
    dw_ih: np.ndarray
    dw_hh: np.ndarray
    db_ih: np.ndarray
    db_hh: np.ndarray


def init_gru(input_size: int, hidden_size: int, seed: int = 0, update_bias: float = 0.0) -> GRUParams:
    """torch's initialisation U(−1/√H, 1/√H), float64; ``update_bias`` is added to ``b_ih``'s z block."""
    rng = np.random.default_rng(seed)
    k = 1.0 / math.sqrt(hidden_size)
    H = hidden_size
    p = GRUParams(*(rng.uniform(-k, k, s) for s in [(3 * H, input_size), (3 * H, H), (3 * H,), (3 * H,)]))
    p.b_ih[H : 2 * H] += update_bias         # z ≈ σ(update_bias): 1 keeps h, 0 replaces it
    return p


# --8<-- [start:step_forward]
def gru_step_forward(x: np.ndarray, h: np.ndarray, p: GRUParams) -> tuple[np.ndarray, GRUStepCache]:
    """One step: ``x`` (N, D), ``h`` (N, H) → ``h'`` (N, H)."""
    H = h.shape[1]
    gi = x @ p.w_ih.T + p.b_ih               # the input's part of r, z, n   (N, 3H)
    gh = h @ p.w_hh.T + p.b_hh               # the state's part of r, z, n   (N, 3H)
    r = sigmoid(gi[:, :H] + gh[:, :H])       # reset gate: how much of h the candidate sees
    z = sigmoid(gi[:, H : 2 * H] + gh[:, H : 2 * H])   # update gate: how much of h to keep
    hn = gh[:, 2 * H :]
    n = np.tanh(gi[:, 2 * H :] + r * hn)     # candidate state
    h_next = (1 - z) * n + z * h             # z ≈ 1 copies h as is: the gradient's bypass
    return h_next, GRUStepCache(x, h, r, z, n, hn, p)
# --8<-- [end:step_forward]


# --8<-- [start:step_backward]
def gru_step_backward(dh_next: np.ndarray, cache: GRUStepCache) -> GRUGrads:
    """Gradients of one step for ``dh_next = ∂L/∂h'`` (N, H); ``dh0`` is ``∂L/∂h``."""
    x, h, r, z, n, hn, p = cache
    dn = dh_next * (1 - z)
    dz = dh_next * (h - n)
    dh = dh_next * z                         # the direct path h → h', multiplied by z only
    da_n = dn * (1 - n**2)                   # through tanh
    da_r = da_n * hn * r * (1 - r)           # r multiplies hn inside the candidate
    da_z = dz * z * (1 - z)
    dgi = np.concatenate([da_r, da_z, da_n], axis=1)
    dgh = np.concatenate([da_r, da_z, da_n * r], axis=1)
    dx = dgi @ p.w_ih
    dh = dh + dgh @ p.w_hh
    return GRUGrads(dx, dh, dgi.T @ x, dgh.T @ h, dgi.sum(axis=0), dgh.sum(axis=0))
# --8<-- [end:step_backward]


# --8<-- [start:sequence]
def gru_forward(x: np.ndarray, h0: np.ndarray, p: GRUParams) -> tuple[np.ndarray, list[GRUStepCache]]:
    """Run the cell over ``x`` (T, N, D) from ``h0`` (N, H); every ``h_t`` (T, N, H) and the caches."""
    out, caches, h = [], [], h0
    for x_t in x:
        h, cache = gru_step_forward(x_t, h, p)
        out.append(h)
        caches.append(cache)
    return np.stack(out), caches


def gru_backward(dout: np.ndarray, caches: list[GRUStepCache]) -> GRUGrads:
    """Backpropagation through time for ``dout = ∂L/∂h_t`` (T, N, H): the steps' gradients summed."""
    p = caches[0].params
    dw_ih, dw_hh, db_ih, db_hh = (np.zeros_like(a) for a in p)
    dx, dh_next = [], np.zeros_like(dout[0])
    for t in reversed(range(len(caches))):
        g = gru_step_backward(dout[t] + dh_next, caches[t])   # h_t feeds the output and h_{t+1}
        dx.append(g.dx)
        dh_next = g.dh0
        dw_ih += g.dw_ih
        dw_hh += g.dw_hh
        db_ih += g.db_ih
        db_hh += g.db_hh
    return GRUGrads(np.stack(dx[::-1]), dh_next, dw_ih, dw_hh, db_ih, db_hh)
# --8<-- [end:sequence]


# --8<-- [start:to_torch]
def to_torch_gru(p: GRUParams, device: torch.device | None = None) -> nn.GRU:
    """An ``nn.GRU`` (one layer, float64) holding a copy of ``p``."""
    hidden3, inputs = p.w_ih.shape
    gru = nn.GRU(inputs, hidden3 // 3, dtype=torch.float64)
    with torch.no_grad():
        for name, value in zip(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"], p):
            getattr(gru, name).copy_(torch.from_numpy(value))
    return gru.to(device or get_device())
# --8<-- [end:to_torch]


def parameter_counts(input_size: int, hidden_size: int) -> dict[str, int]:
    """Parameters of one layer of ``nn.RNN``, ``nn.GRU`` and ``nn.LSTM`` (1, 3 and 4 blocks)."""
    return {name: sum(w.numel() for w in cls(input_size, hidden_size).parameters())
            for name, cls in [("RNN", nn.RNN), ("GRU", nn.GRU), ("LSTM", nn.LSTM)]}


def input_grad_norms(p: GRUParams, x: np.ndarray, seed: int = 0) -> np.ndarray:
    """``‖∂L/∂x_t‖`` for t = 0 … T − 1 when the loss sees only the last state, ``L = g·h_T``."""
    out, caches = gru_forward(x, np.zeros((x.shape[1], p.w_hh.shape[1])), p)
    dout = np.zeros_like(out)
    dout[-1] = np.random.default_rng(seed).standard_normal(out[-1].shape)
    return np.linalg.norm(gru_backward(dout, caches).dx, axis=(1, 2))
