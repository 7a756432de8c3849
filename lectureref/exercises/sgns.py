"""Lecture 9: the skip-gram negative-sampling loss of word2vec and its gradient."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, as_float, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["sgns"]
OUT = ("loss", "dv", "du_pos", "du_neg")


def _case(seed: int, b: int = 5, k: int = 3, d: int = 4, scale: float = 1.0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return scale * rng.normal(size=(b, d)), rng.normal(size=(b, d)), rng.normal(size=(b, k, d))


def _check(m: ModuleType, v: np.ndarray, u_pos: np.ndarray, u_neg: np.ndarray, note: str = "") -> None:
    loss, dv, du_pos, du_neg = unpack(call(need(m, "sgns_loss_grad"), v, u_pos, u_neg), OUT, "sgns_loss_grad")
    where = describe(v=v, u_pos=u_pos, u_neg=u_neg) + note
    compare("loss", as_float(loss, "loss"), REF["forward"](v, u_pos, u_neg)[0], where)
    g = torch_grads(REF["torch"], {"v": v, "u_pos": u_pos, "u_neg": u_neg})
    compare("du_pos", du_pos, g["u_pos"], where)
    compare("du_neg", du_neg, g["u_neg"], where)
    compare("dv", dv, g["v"], where)


def loss_and_gradients(m: ModuleType) -> str:
    """The loss and the three gradients match torch autograd in float64."""
    _check(m, *_case(0))
    return "loss и три градиента совпадают с torch.autograd (float64)"


def one_negative_one_pair(m: ModuleType) -> str:
    """The edge case of one pair with one negative."""
    _check(m, *_case(1, b=1, k=1, d=3))
    return "крайний случай B = 1, K = 1: формы и значения верны"


def large_scores(m: ModuleType) -> str:
    """Dot products in the hundreds: no inf or nan (a stable log-sigmoid)."""
    _check(m, *_case(2, scale=200.0), note=", скалярные произведения порядка сотен")
    return "большие скалярные произведения не дают inf/nan (log σ вычислен устойчиво)"


CHECKS = [
    Check("loss_and_gradients", loss_and_gradients),
    Check("one_negative_one_pair", one_negative_one_pair, ("word2vec#skip-gram",)),
    Check("large_scores", large_scores, ("word2vec#negative-sampling",)),
]
