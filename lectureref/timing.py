"""Timing code honestly: the best of several calls after a warm-up, with CUDA synchronised.

In the base layer so that any topic may time its own code (`lectureref.word2vec` its two
steps, `lectureref.performance` a device's training step). Imports numpy only; torch is
asked only when the device is a CUDA one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_seconds(fn: Callable[[], object], device: Any = None, repeat: int = 5, warmup: int = 2) -> float:
    """The fastest of ``repeat`` timed calls of ``fn`` after ``warmup`` untimed ones.

    ``device`` (a ``torch.device``, or None for numpy code): CUDA runs asynchronously, so on a
    CUDA device the clock stops only after ``torch.cuda.synchronize``.
    """

    def sync() -> None:
        if device is not None and device.type == "cuda":
            import torch

            torch.cuda.synchronize(device)

    # --8<-- [start:timer]
    for _ in range(warmup):
        fn()
    sync()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        sync()  # on CUDA the call returned before the work was done
        times.append(time.perf_counter() - start)
    return min(times)
    # --8<-- [end:timer]
