"""Lecture 10 (the site's addition beside the LSTM): one step of a GRU cell, forward and backward.

Gates in torch's order r, z, n. The reference is `lectureref.gru` (imported here directly: the
exercise is newer than `references.py`); gradients are checked against torch autograd in float64.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, call, compare, describe, need, torch_grads, unpack
from lectureref.gru import GRUParams, gru_step_forward

GRADS = ("dx", "dh", "dw_ih", "dw_hh", "db_ih", "db_hh")


def _case(seed: int, n: int = 3, d: int = 4, h: int = 5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"x": rng.normal(size=(n, d)), "h": rng.normal(size=(n, h)),
            "w_ih": 0.5 * rng.normal(size=(3 * h, d)), "w_hh": 0.5 * rng.normal(size=(3 * h, h)),
            "b_ih": 0.5 * rng.normal(size=3 * h), "b_hh": 0.5 * rng.normal(size=3 * h)}


def _torch_step(x, h, w_ih, w_hh, b_ih, b_hh):  # noqa: ANN001, ANN202 — tensors in and out
    ir, iz, in_ = (x @ w_ih.T + b_ih).chunk(3, dim=1)
    hr, hz, hn = (h @ w_hh.T + b_hh).chunk(3, dim=1)
    r, z = (ir + hr).sigmoid(), (iz + hz).sigmoid()
    n = (in_ + r * hn).tanh()
    return (1 - z) * n + z * h


def forward_values(m: ModuleType) -> str:
    """``h_next`` matches the reference (gate order r, z, n; r multiplies ``h W_hnᵀ + b_hn``)."""
    p = _case(0)
    got = unpack(call(need(m, "gru_step_forward"), *p.values()), ("h_next", "cache"), "gru_step_forward")
    expected, _ = gru_step_forward(p["x"], p["h"], GRUParams(p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"]))
    compare("h_next", got[0], expected, describe(**p))
    return "h_next совпадает с эталоном (порядок гейтов r, z, n)"


def _backward(m: ModuleType, seed: int, names: tuple[str, ...], scale_z: float = 1.0) -> None:
    p = _case(seed)
    p["b_ih"][5:10] += scale_z                     # shift z: the direct path h → h' matters more
    dh_next = np.random.default_rng(seed + 100).normal(size=p["h"].shape)
    _, cache = unpack(call(need(m, "gru_step_forward"), *p.values()), ("h_next", "cache"), "gru_step_forward")
    got = dict(zip(GRADS, unpack(call(need(m, "gru_step_backward"), dh_next, cache), GRADS, "gru_step_backward")))
    g = torch_grads(_torch_step, p, dh_next)
    where = describe(**p)
    for name in names:
        compare(name, got[name], g[name[1:]], where)


def backward_state(m: ModuleType) -> str:
    """``dh`` and ``dx``: the direct path (× z) plus the paths through the gates."""
    _backward(m, 1, ("dh", "dx"), scale_z=2.0)
    return "dh (прямая дорога через z и через гейты) и dx верны"


def backward_weights(m: ModuleType) -> str:
    """All six gradients, ``db_hh``'s n block multiplied by r included."""
    _backward(m, 2, GRADS)
    return "dx, dh, dw_ih, dw_hh, db_ih, db_hh совпадают с torch.autograd (float64)"


CHECKS = [
    Check("forward_values", forward_values, ("gru#cell", "lstm#gates")),
    Check("backward_state", backward_state, ("gru#backward", "rnn#bptt")),
    Check("backward_weights", backward_weights, ("gru#backward", "rnn#bptt")),
]
