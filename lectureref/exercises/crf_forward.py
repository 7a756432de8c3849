"""Lecture 10 (1:04:35, a BiLSTM with a CRF): the CRF's forward algorithm and Viterbi.

The reference is `lectureref.crf_tagging` (imported here directly: the exercise is newer than
`references.py`): both are checked against enumerating every tag sequence. A failure names the
frequent cause when the numbers are exactly what that mistake computes.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.crf_tagging import brute_force, sequence_score
from lectureref.exercises.checker import Check, CheckFailed, as_array, as_float, call, compare, describe, need, unpack

TRANSPOSED = "похоже, transitions транспонирована: transitions[j, k] — переход из тега j (строка) в тег k (столбец)"


def _case(seed: int, T: int = 4, K: int = 3, scale: float = 1.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"emissions": scale * rng.normal(size=(T, K)), "transitions": scale * rng.normal(size=(K, K)),
            "start": rng.normal(size=K), "end": rng.normal(size=K)}


def _with(p: dict[str, np.ndarray], **changed: np.ndarray) -> list[np.ndarray]:
    return list((p | changed).values())


def _log_z_mistakes(p: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``{hint: the log Z a solution with that mistake returns}``."""
    emissions, transitions, start, end = p.values()
    alpha = start + emissions[0]           # the forward algorithm with max in the recursion only
    for e in emissions[1:]:
        alpha = (alpha[:, None] + transitions).max(axis=0) + e
    a = alpha + end
    zero = np.zeros_like(start)
    return {hint: np.array(value) for hint, value in {
        "получена оценка лучшего пути: max вместо log-sum-exp (так считает Витерби, а не log Z)":
            sequence_score(*p.values(), brute_force(*p.values())[1]),
        "похоже, max вместо log-sum-exp в шаге рекурсии: alpha_t = logsumexp_j(alpha_{t−1}[j] + transitions[j, k]) + emissions[t, k]":
            a.max() + np.log(np.exp(a - a.max()).sum()),
        TRANSPOSED: brute_force(*_with(p, transitions=transitions.T))[0],
        "похоже, забыты start и end: оценка пути начинается с start[y_1] и кончается end[y_T]":
            brute_force(*_with(p, start=zero, end=zero))[0],
        "похоже, забыт start: alpha_1 = start + emissions[0]": brute_force(*_with(p, start=zero))[0],
        "похоже, забыт end: log Z = logsumexp(alpha_T + end)": brute_force(*_with(p, end=zero))[0],
        "похоже, emissions[0] учтена дважды: alpha_1 = start + emissions[0], цикл — по emissions[1:]":
            brute_force(*_with(p, emissions=np.vstack([emissions[:1], emissions])))[0],
    }.items()}


def log_partition_small(m: ModuleType) -> str:
    """``log Z`` equals the log-sum over all ``K^T`` sequences (T = 1 and T = 4)."""
    for seed, T in [(0, 1), (1, 4), (2, 5)]:
        p = _case(seed, T=T)
        got = as_float(call(need(m, "crf_log_partition"), *p.values()), "crf_log_partition")
        compare("log Z", np.array(got), np.array(brute_force(*p.values())[0]), describe(**p) + " (перебор всех путей)",
                mistakes=_log_z_mistakes(p))
    return "log Z совпадает с перебором всех последовательностей тегов"


def log_partition_stable(m: ModuleType) -> str:
    """Scores of order 1000 must not overflow: log-sum-exp with the maximum subtracted."""
    p = _case(3, scale=1000.0)
    got = as_float(call(need(m, "crf_log_partition"), *p.values()), "crf_log_partition")
    if not np.isfinite(got):
        raise CheckFailed(f"crf_log_partition вернула {got} при оценках порядка 1000: "
                          "exp переполняется — вычтите максимум перед exp (log-sum-exp)")
    compare("log Z", np.array(got), np.array(brute_force(*p.values())[0]), describe(**p) + ", оценки ×1000")
    return "большие оценки не переполняют exp"


def _viterbi_gives(inputs: list[np.ndarray], path: np.ndarray, score: float) -> bool:
    """Whether ``path`` and ``score`` are the best path of ``inputs`` and its score (by enumeration)."""
    best = brute_force(*inputs)[1]
    return np.array_equal(path, best) and bool(np.isclose(score, sequence_score(*inputs, best), rtol=1e-6, atol=1e-8))


def viterbi_path(m: ModuleType) -> str:
    """The best path and its score equal the argmax of the enumeration."""
    for seed, T in [(4, 1), (5, 4), (6, 5)]:
        p = _case(seed, T=T)
        path, score = unpack(call(need(m, "crf_viterbi"), *p.values()), ("path", "score"), "crf_viterbi")
        path = as_array(path, "path", (T,)).astype(int)
        got = as_float(score, "score")
        _, best = brute_force(*p.values())
        where = describe(**p)
        if not np.array_equal(path, best):
            zero = np.zeros_like(p["start"])
            causes = {TRANSPOSED: {"transitions": p["transitions"].T}, "похоже, забыт start": {"start": zero},
                      "похоже, забыт end: к delta_T прибавьте end": {"end": zero}}
            hint = next((f" — {h}" for h, c in causes.items() if _viterbi_gives(_with(p, **c), path, got)), "")
            raise CheckFailed(f"path: получено {path.tolist()}, лучший путь {best.tolist()}{hint} ({where})", where.inputs)
        compare("score", np.array(got), np.array(sequence_score(*p.values(), best)), where)
    return "путь Витерби и его оценка совпадают с лучшим из перебора"


CHECKS = [
    Check("log_partition_small", log_partition_small, ("crf_tagging#forward", "crf_tagging")),
    Check("log_partition_stable", log_partition_stable, ("crf_tagging#forward", "crf_tagging")),
    Check("viterbi_path", viterbi_path, ("crf_tagging#viterbi", "crf_tagging")),
]
