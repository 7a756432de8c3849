"""Benchmark (not a test): the numpy LSTM forward + backward (BPTT) against torch.nn.LSTM on the CPU.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python scripts/bench_lstm.py

Prints the best time of one forward + backward pass over a sequence for each implementation
and their ratio. Both run in float32 on one thread (`lectureref.performance.single_thread_seconds`).
"""

from __future__ import annotations

import numpy as np
import torch

from lectureref.nn.lstm import init_lstm, lstm_backward, lstm_forward, LSTMParams, to_torch_lstm
from lectureref.performance import compare_shapes, single_thread_seconds

SHAPES = [(50, 32, 64, 128), (20, 64, 128, 256)]  # (T, N, D, H)


def bench(T: int, N: int, D: int, H: int) -> float:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((T, N, D), dtype=np.float32)
    p = LSTMParams(*(a.astype(np.float32) for a in init_lstm(D, H, seed=0)))
    zeros = np.zeros((N, H), np.float32)
    dout = np.ones((T, N, H), np.float32)

    def numpy_pass() -> None:
        out, cache = lstm_forward(x, zeros, zeros, p)
        lstm_backward(dout, cache)

    lstm = to_torch_lstm(p, torch.device("cpu")).float()
    xt = torch.tensor(x, requires_grad=True)

    def torch_pass() -> None:
        out, _ = lstm(xt)
        out.backward(torch.ones_like(out))

    t_np, t_torch = single_thread_seconds(numpy_pass, torch_pass, repeat=10)
    ratio = t_np / t_torch
    print(f"T={T} N={N} D={D} H={H}: numpy {1e3 * t_np:7.2f} ms, torch {1e3 * t_torch:7.2f} ms, ratio {ratio:.2f}× (1 thread each)")
    return ratio


if __name__ == "__main__":
    compare_shapes(bench, SHAPES)
