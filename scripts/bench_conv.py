"""Benchmark (not a test): numpy im2col conv2d forward + backward against PyTorch on the CPU.

    .venv/bin/python scripts/bench_conv.py

Prints the best time of one forward + backward pass for each implementation and their
ratio, in float32. Both run on one thread: the numpy pass does two or three large matrix
products, and on a busy machine (the shared 2-core dev box) OpenBLAS's worker threads spin
waiting for a core, making a backward pass up to 30× slower than on one thread. torch's own
default thread count is timed too, for reference.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.convolution import conv2d_backward, conv2d_forward
from lectureref.performance import best_seconds, compare_shapes, single_thread_seconds

SHAPES = [  # (N, C, H, W, filters, kernel, stride, padding)
    (64, 16, 28, 28, 32, 3, 1, 1),
    (32, 32, 16, 16, 64, 3, 1, 1),
    (64, 3, 32, 32, 16, 5, 2, 2),
]


def bench(n: int, c: int, h: int, w: int, f: int, k: int, s: int, p: int) -> float:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, c, h, w), dtype=np.float32)
    wt = rng.standard_normal((f, c, k, k), dtype=np.float32)
    b = rng.standard_normal(f, dtype=np.float32)

    def numpy_pass() -> None:
        out, cache = conv2d_forward(x, wt, b, s, p)
        conv2d_backward(np.ones_like(out), cache)

    xt, wtt, bt = (torch.tensor(a, requires_grad=True) for a in (x, wt, b))

    def torch_pass() -> None:
        out = F.conv2d(xt, wtt, bt, stride=s, padding=p)
        out.backward(torch.ones_like(out))

    threads = torch.get_num_threads()
    t_torch_default = best_seconds(torch_pass, torch.device("cpu"), repeat=15, warmup=1)
    t_np, t_torch = single_thread_seconds(numpy_pass, torch_pass)
    ratio = t_np / t_torch
    print(f"N={n:3d} C={c:2d} {h}×{w} k={k} s={s} p={p} F={f:2d}: numpy {1e3 * t_np:7.2f} ms, "
          f"torch {1e3 * t_torch:7.2f} ms, ratio {ratio:.2f}× (1 thread each); "
          f"torch with {threads} threads {1e3 * t_torch_default:7.2f} ms")
    return ratio


if __name__ == "__main__":
    compare_shapes(bench, SHAPES)
