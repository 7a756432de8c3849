"""Lecture 10 (1:04:35, a BiLSTM with a CRF): the CRF's forward algorithm and Viterbi.

The reference is `lectureref.crf_tagging` (imported here directly: the exercise is newer than
`references.py`): both are checked against enumerating every tag sequence.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.crf_tagging import brute_force, sequence_score
from lectureref.exercises.checker import Check, CheckFailed, as_array, as_float, call, compare, describe, need, unpack


def _case(seed: int, T: int = 4, K: int = 3, scale: float = 1.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"emissions": scale * rng.normal(size=(T, K)), "transitions": scale * rng.normal(size=(K, K)),
            "start": rng.normal(size=K), "end": rng.normal(size=K)}


def log_partition_small(m: ModuleType) -> str:
    """``log Z`` equals the log-sum over all ``K^T`` sequences (T = 1 and T = 4)."""
    for seed, T in [(0, 1), (1, 4), (2, 5)]:
        p = _case(seed, T=T)
        got = as_float(call(need(m, "crf_log_partition"), *p.values()), "crf_log_partition")
        compare("log Z", np.array(got), np.array(brute_force(*p.values())[0]), describe(**p) + " (перебор всех путей)")
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


def viterbi_path(m: ModuleType) -> str:
    """The best path and its score equal the argmax of the enumeration."""
    for seed, T in [(4, 1), (5, 4), (6, 5)]:
        p = _case(seed, T=T)
        path, score = unpack(call(need(m, "crf_viterbi"), *p.values()), ("path", "score"), "crf_viterbi")
        path = as_array(path, "path", (T,)).astype(int)
        _, best = brute_force(*p.values())
        where = describe(**p)
        if not np.array_equal(path, best):
            raise CheckFailed(f"path: получено {path.tolist()}, лучший путь {best.tolist()} ({where})")
        compare("score", np.array(as_float(score, "score")), np.array(sequence_score(*p.values(), best)), where)
    return "путь Витерби и его оценка совпадают с лучшим из перебора"


CHECKS = [
    Check("log_partition_small", log_partition_small, ("crf_tagging#forward", "crf_tagging")),
    Check("log_partition_stable", log_partition_stable, ("crf_tagging#forward", "crf_tagging")),
    Check("viterbi_path", viterbi_path, ("crf_tagging#viterbi", "crf_tagging")),
]
