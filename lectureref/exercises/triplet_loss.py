"""Lecture 8: the triplet loss of metric learning and its gradient."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, as_float, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["triplet_loss"]
OUT = ("loss", "da", "dp", "dn")
MARGIN = 1.0


def _case(seed: int, n: int = 6, d: int = 4) -> tuple[np.ndarray, ...]:
    # Distances of a few units with margin 1: some hinges open, some closed
    rng = np.random.default_rng(seed)
    a, p, neg = rng.normal(size=(n, d)), rng.normal(size=(n, d)), rng.normal(size=(n, d))
    neg[::2] += 5.0   # every other negative far away: its hinge is closed
    return a, p, neg


def _run(m: ModuleType, a: np.ndarray, p: np.ndarray, n: np.ndarray) -> tuple:
    return unpack(call(need(m, "triplet_loss"), a, p, n, MARGIN), OUT, "triplet_loss")


def loss_value(m: ModuleType) -> str:
    """The mean hinge of Euclidean distances matches the reference."""
    a, p, n = _case(0)
    loss = as_float(_run(m, a, p, n)[0], "loss")
    expected, cache = REF["forward"](a, p, n, MARGIN)
    compare("loss", loss, expected, describe(a=a, p=p, n=n, margin=MARGIN) + f", открытых hinge: {int(cache.active.sum())} из {len(a)}")
    return "loss совпадает с эталоном (евклидовы расстояния, hinge, среднее)"


def gradients(m: ModuleType) -> str:
    """``da``, ``dp``, ``dn`` match torch autograd in float64."""
    a, p, n = _case(1)
    _, da, dp, dn = _run(m, a, p, n)
    g = torch_grads(lambda a, p, n: REF["torch"](a, p, n, MARGIN), {"a": a, "p": p, "n": n})
    where = describe(a=a, p=p, n=n, margin=MARGIN)
    compare("dn", dn, g["n"], where)
    compare("dp", dp, g["p"], where)
    compare("da", da, g["a"], where)
    return "da, dp, dn совпадают с torch.autograd (float64)"


def satisfied_triplets(m: ModuleType) -> str:
    """Triplets already satisfied by a wide margin give zero loss and gradients."""
    a, p, _ = _case(2)
    p = a + 0.01 * (p - a)           # positives next to the anchors, negatives far away:
    n = a + 10.0                      # every hinge is closed, nothing to learn
    loss, da, dp, dn = _run(m, a, p, n)
    where = describe(a=a, p=p, n=n, margin=MARGIN) + ", все негативы дальше позитивов на ≫ margin"
    compare("loss", as_float(loss, "loss"), 0.0, where)
    for name, got in (("da", da), ("dp", dp), ("dn", dn)):
        compare(name, got, np.zeros_like(a), where)
    return "выполненные тройки дают нулевые loss и градиенты"


CHECKS = [
    Check("loss_value", loss_value),
    Check("gradients", gradients),
    Check("satisfied_triplets", satisfied_triplets),
]
