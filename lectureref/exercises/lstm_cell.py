"""Lecture 10: one step of an LSTM cell, forward and backward (gates in torch's order i, f, g, o)."""

from __future__ import annotations

from itertools import permutations
from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["lstm_cell"]
GRADS = ("dx", "dh", "dc", "dw_ih", "dw_hh", "db")


def _case(seed: int, n: int = 3, d: int = 4, h: int = 5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"x": rng.normal(size=(n, d)), "h": rng.normal(size=(n, h)), "c": rng.normal(size=(n, h)),
            "w_ih": 0.5 * rng.normal(size=(4 * h, d)), "w_hh": 0.5 * rng.normal(size=(4 * h, h)),
            "b": 0.5 * rng.normal(size=4 * h)}


def _torch_step(x, h, c, w_ih, w_hh, b):  # noqa: ANN001, ANN202 — tensors in and out
    i, f, g, o = (x @ w_ih.T + h @ w_hh.T + b).chunk(4, dim=1)
    c_next = f.sigmoid() * c + i.sigmoid() * g.tanh()
    return o.sigmoid() * c_next.tanh(), c_next


def _reference_step(p: dict[str, np.ndarray], order: tuple[int, ...] = (0, 1, 2, 3)) -> tuple[np.ndarray, np.ndarray]:
    """``(h_next, c_next)`` of the reference when the weights' four blocks are read in ``order``."""
    def blocks(a: np.ndarray) -> np.ndarray:
        return np.concatenate([np.split(a, 4, axis=0)[k] for k in order], axis=0)

    params = REF["LSTMParams"](blocks(p["w_ih"]), blocks(p["w_hh"]), blocks(p["b"]), np.zeros_like(p["b"]))
    h_next, cache = REF["lstm_forward"](p["x"][None], p["h"], p["c"], params)
    return h_next[0], cache.c[1]


def _gate_order_mistakes(p: dict[str, np.ndarray], which: int) -> dict[str, np.ndarray]:
    """What a solution that reads the gate blocks in another order computes (``which``: 0 h, 1 c)."""
    mistakes = {}
    for order in permutations(range(4)):
        if order != (0, 1, 2, 3):
            # the reader's gate k (in i, f, g, o) is taken from block order[k]
            read_as = ", ".join("ifgo"[order.index(k)] for k in range(4))
            hint = f"похоже, блоки весов прочитаны как ({read_as}), а порядок гейтов — (i, f, g, o), как в torch"
            mistakes[hint] = _reference_step(p, order)[which]
    return mistakes


def forward_values(m: ModuleType) -> str:
    """``h_next`` and ``c_next`` match the reference (gate order i, f, g, o)."""
    p = _case(0)
    got = unpack(call(need(m, "lstm_step_forward"), *p.values()), ("h_next", "c_next", "cache"), "lstm_step_forward")
    h_next, c_next = _reference_step(p)
    where = describe(**p)
    compare("c_next", got[1], c_next, where, mistakes=_gate_order_mistakes(p, 1))
    compare("h_next", got[0], h_next, where, mistakes=_gate_order_mistakes(p, 0))
    return "h_next и c_next совпадают с эталоном (порядок гейтов i, f, g, o)"


def _backward(m: ModuleType, seed: int, through_h: bool, through_c: bool, names: tuple[str, ...]) -> None:
    p = _case(seed)
    rng = np.random.default_rng(seed + 100)
    dh_next = rng.normal(size=p["h"].shape) * through_h
    dc_next = rng.normal(size=p["c"].shape) * through_c
    _, _, cache = unpack(call(need(m, "lstm_step_forward"), *p.values()), ("h_next", "c_next", "cache"), "lstm_step_forward")
    got = dict(zip(GRADS, unpack(call(need(m, "lstm_step_backward"), dh_next, dc_next, cache), GRADS, "lstm_step_backward")))

    def scalar(**t):  # noqa: ANN003, ANN202 — ∂/∂inputs of Σ dh·h_next + Σ dc·c_next
        import torch

        h_next, c_next = _torch_step(**t)
        return (h_next * torch.as_tensor(dh_next)).sum() + (c_next * torch.as_tensor(dc_next)).sum()

    g = torch_grads(scalar, p)
    where = describe(**p) + f", градиент приходит через {' и '.join(s for s, on in (('h_next', through_h), ('c_next', through_c)) if on)}"
    for name in names:
        compare(name, got[name], g[name[1:]], where)


def backward_through_h(m: ModuleType) -> str:
    """All six gradients when the loss reaches the step through ``h_next`` only."""
    _backward(m, 1, True, False, GRADS)
    return "градиент, пришедший через h_next, верен для всех входов и весов"


def backward_through_c(m: ModuleType) -> str:
    """The gradients when the loss reaches the step through the cell ``c_next`` only."""
    _backward(m, 2, False, True, ("dc", "dh", "dx", "db"))
    return "градиент, пришедший через c_next (ячейку памяти), верен"


def backward_both(m: ModuleType) -> str:
    """All six gradients through both ``h_next`` and ``c_next``."""
    _backward(m, 3, True, True, GRADS)
    return "dx, dh, dc, dw_ih, dw_hh, db совпадают с torch.autograd (float64)"


CHECKS = [
    Check("forward_values", forward_values, ("lstm#gates",)),
    Check("backward_through_h", backward_through_h, ("lstm#gates", "rnn#bptt")),
    Check("backward_through_c", backward_through_c, ("lstm#gates", "rnn#exploding-vanishing")),
    Check("backward_both", backward_both, ("rnn#bptt",)),
]
