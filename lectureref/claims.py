"""What a snippet claims, checked where it is measured and collected by ``scripts/claims.py``.

A snippet fixes what its numbers depend on with `reproducible` (torch and BLAS threads,
the base seed) and states each measured number with `claim` instead of a bare ``assert``:
the check is the same, and the claims sweep can read every value and its bound.

The sweep varies the settings through environment variables, so that a claim is shown to hold
beyond one seed and one thread count: ``LECTUREREF_SEED`` replaces a snippet's base seed,
``LECTUREREF_THREADS`` its thread count, and with ``LECTUREREF_CLAIMS_LOG`` set every claim is
appended to that file as a JSON line and a failed one is recorded rather than raised (so that
one run shows every claim's value).
"""

from __future__ import annotations

import json
import math
import operator
import os
from collections.abc import Callable
from typing import NamedTuple

SEED_ENV = "LECTUREREF_SEED"
THREADS_ENV = "LECTUREREF_THREADS"
LOG_ENV = "LECTUREREF_CLAIMS_LOG"

OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    # a rounded figure, say round(acc, 3), is not always the exact double the literal 0.978 is
    "==": lambda value, bound: math.isclose(value, bound, rel_tol=1e-12, abs_tol=1e-15),
}


class Claim(NamedTuple):
    """One checked statement: ``value op bound``."""

    name: str
    value: float
    op: str
    bound: float
    ok: bool


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r}: expected an integer") from None


def reproducible(seed: int = 0, threads: int = 1) -> int:
    """Fix the thread counts and seeds a snippet's numbers depend on; return the base seed.

    Parameters
    ----------
    seed
        The snippet's own base seed; ``LECTUREREF_SEED`` replaces it.
    threads
        torch's intra-op threads and the BLAS threads of numpy; ``LECTUREREF_THREADS`` replaces it.

    Returns
    -------
    int
        The seed in effect: derive every other seed of the snippet from it.
    """
    import torch
    from threadpoolctl import threadpool_limits

    seed, threads = _env_int(SEED_ENV, seed), _env_int(THREADS_ENV, threads)
    if threads < 1:
        raise ValueError(f"threads must be ≥ 1, got {threads}")
    torch.set_num_threads(threads)
    threadpool_limits(threads)  # stays in effect: applied on construction, undone only by restore
    torch.manual_seed(seed)
    return seed


def claim(name: str, value: float, op: str, bound: float) -> float:
    """Check ``value op bound`` (e.g. ``claim("test accuracy", acc, ">=", 0.97)``) and record it.

    Parameters
    ----------
    name
        What the number is, unique within the snippet (the sweep groups runs by it).
    value, bound
        The measured number and the limit the page's statement implies.
    op
        One of ``<``, ``<=``, ``>``, ``>=``, ``==`` (equal up to the last bits of a float, so that
        ``round(x, 3) == 0.978`` holds whichever way the rounding was computed).

    Returns
    -------
    float
        ``value``, so that a claim can be used inline.

    Raises
    ------
    AssertionError
        If the claim does not hold (unless ``LECTUREREF_CLAIMS_LOG`` is set: then it is recorded).
    ValueError
        If ``op`` is not one of the five comparisons.
    """
    if op not in OPS:
        raise ValueError(f"claim {name!r}: op must be one of {' '.join(OPS)}, got {op!r}")
    value, bound = float(value), float(bound)
    result = Claim(name, value, op, bound, bool(OPS[op](value, bound)))
    log = os.environ.get(LOG_ENV)
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps(result._asdict()) + "\n")
    elif not result.ok:
        raise AssertionError(f"claim {name!r} does not hold: {value:.6g} {op} {bound:.6g} is false")
    return value


def read_log(path: str | os.PathLike[str]) -> list[Claim]:
    """The claims a run appended to ``path`` (``LECTUREREF_CLAIMS_LOG``), in order."""
    with open(path, encoding="utf-8") as f:
        return [Claim(**json.loads(line)) for line in f if line.strip()]
