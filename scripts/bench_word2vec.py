"""Benchmark (not a test): seconds of one numpy forward+backward, full softmax vs negative sampling.

    .venv/bin/python scripts/bench_word2vec.py

The word2vec page counts operations (``lectureref.word2vec.step_flops``); this measures the time
of the same steps, which depends on the machine (cache, BLAS, load), with B = 32, D = 16, K = 5.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lectureref.word2vec import step_flops, time_steps  # noqa: E402


def main() -> None:
    print("V: full softmax vs negative sampling, best of 3 (ms), time ratio, FLOP ratio")
    for V in [1_000, 10_000, 100_000]:
        full, sampled = time_steps(V, dim=16, batch=32, k=5)
        flops = step_flops(V, 16, 32) / step_flops(V, 16, 32, k=5)
        print(f"V = {V:>7}: {full * 1e3:8.2f} ms vs {sampled * 1e3:6.3f} ms, ×{full / sampled:,.0f} in time, ×{flops:,.0f} in FLOPs")


if __name__ == "__main__":
    main()
