"""Lecture 10 (the site's addition beside the LSTM): one step of a GRU cell, forward and backward.

Gates in torch's order r, z, n. The reference is `lectureref.gru` (imported here directly: the
exercise is newer than `references.py`); gradients are checked against torch autograd in float64.
A failure names the frequent cause when the numbers are exactly what that mistake computes (`_mistaken`).
"""

from __future__ import annotations

from itertools import permutations
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


def _mistaken(
    p: dict[str, np.ndarray], dh_next: np.ndarray | None = None, *, order: tuple[int, ...] = (0, 1, 2),
    swap_update: bool = False, reset_first: bool = False, bias_outside: bool = False,
    no_tanh_prime: bool = False, no_direct: bool = False, no_r_in_dgh: bool = False, dz_flipped: bool = False,
) -> dict[str, np.ndarray]:
    """``h_next`` and (given ``dh_next``) the six gradients that a solution with one mistake computes.

    Forward: ``order``, the reader's r, z, n taken from the weights' blocks ``order``; ``reset_first``,
    r multiplies h before the product (Cho et al., 2014) instead of ``h W_hnᵀ + b_hn``;
    ``bias_outside``, ``r·(h W_hnᵀ) + b_hn``. Backward (on the right forward): tanh' forgotten, the
    direct path ``dh_next·z`` forgotten, the n block of ``dgh`` not multiplied by r, dz's sign flipped.
    """
    x, h = p["x"], p["h"]
    w_ih, w_hh, b_ih, b_hh = ([np.split(p[k], 3)[j] for j in order] for k in ("w_ih", "w_hh", "b_ih", "b_hh"))
    r = 1 / (1 + np.exp(-(x @ w_ih[0].T + b_ih[0] + h @ w_hh[0].T + b_hh[0])))
    z = 1 / (1 + np.exp(-(x @ w_ih[1].T + b_ih[1] + h @ w_hh[1].T + b_hh[1])))
    hn = h @ w_hh[2].T + b_hh[2]
    if reset_first:
        a_n = (r * h) @ w_hh[2].T + b_hh[2]
    elif bias_outside:
        a_n = r * (h @ w_hh[2].T) + b_hh[2]
    else:
        a_n = r * hn
    n = np.tanh(x @ w_ih[2].T + b_ih[2] + a_n)
    out = {"h_next": z * n + (1 - z) * h if swap_update else (1 - z) * n + z * h}
    if dh_next is not None:
        da_n = dh_next * (1 - z) * (1 if no_tanh_prime else 1 - n**2)
        da_r = da_n * hn * r * (1 - r)
        da_z = dh_next * (n - h if dz_flipped else h - n) * z * (1 - z)
        dgi = np.concatenate([da_r, da_z, da_n], axis=1)
        dgh = np.concatenate([da_r, da_z, da_n if no_r_in_dgh else da_n * r], axis=1)
        out |= {"dx": dgi @ p["w_ih"], "dh": (0 if no_direct else dh_next * z) + dgh @ p["w_hh"],
                "dw_ih": dgi.T @ x, "dw_hh": dgh.T @ h, "db_ih": dgi.sum(axis=0), "db_hh": dgh.sum(axis=0)}
    return out


FORWARD_MISTAKES = {
    **{f"похоже, блоки весов прочитаны как ({', '.join('rzn'[o.index(k)] for k in range(3))}), "
       "а порядок гейтов — (r, z, n), как в torch": {"order": o} for o in permutations(range(3)) if o != (0, 1, 2)},
    "похоже, z и 1 − z перепутаны: z ≈ 1 сохраняет старое состояние, h_next = (1 − z)·n + z·h": {"swap_update": True},
    "похоже, r умножает h до умножения на W_hn (вариант Cho et al., 2014); здесь, как в torch, "
    "r умножает h W_hnᵀ + b_hn": {"reset_first": True},
    "похоже, b_hn прибавлен вне r: в torch n = tanh(x W_inᵀ + b_in + r·(h W_hnᵀ + b_hn))": {"bias_outside": True},
}
BACKWARD_MISTAKES = {
    "похоже, забыта производная tanh: da_n = dn·(1 − n²)": {"no_tanh_prime": True},
    "похоже, забыта прямая дорога h → h_next: в dh входит dh_next·z": {"no_direct": True},
    "похоже, блок n в градиенте по h W_hhᵀ + b_hh не умножен на r": {"no_r_in_dgh": True},
    "похоже, знак dz наоборот: ∂h_next/∂z = h − n": {"dz_flipped": True},
}


def forward_values(m: ModuleType) -> str:
    """``h_next`` matches the reference (gate order r, z, n; r multiplies ``h W_hnᵀ + b_hn``)."""
    p = _case(0)
    got = unpack(call(need(m, "gru_step_forward"), *p.values()), ("h_next", "cache"), "gru_step_forward")
    expected, _ = gru_step_forward(p["x"], p["h"], GRUParams(p["w_ih"], p["w_hh"], p["b_ih"], p["b_hh"]))
    mistakes = {hint: _mistaken(p, **flags)["h_next"] for hint, flags in FORWARD_MISTAKES.items()}
    compare("h_next", got[0], expected, describe(**p), mistakes=mistakes)
    return "h_next совпадает с эталоном (порядок гейтов r, z, n)"


def _backward(m: ModuleType, seed: int, names: tuple[str, ...], scale_z: float = 1.0) -> None:
    p = _case(seed)
    p["b_ih"][5:10] += scale_z                     # shift z: the direct path h → h' matters more
    dh_next = np.random.default_rng(seed + 100).normal(size=p["h"].shape)
    _, cache = unpack(call(need(m, "gru_step_forward"), *p.values()), ("h_next", "cache"), "gru_step_forward")
    got = dict(zip(GRADS, unpack(call(need(m, "gru_step_backward"), dh_next, cache), GRADS, "gru_step_backward")))
    g = torch_grads(_torch_step, p, dh_next)
    where = describe(**p)
    wrong = {hint: _mistaken(p, dh_next, **flags) for hint, flags in BACKWARD_MISTAKES.items()}
    for name in names:
        compare(name, got[name], g[name[1:]], where, mistakes={hint: w[name] for hint, w in wrong.items()})


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
