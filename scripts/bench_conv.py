"""Benchmark (not a test): numpy conv2d forward + backward against PyTorch on the CPU.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python scripts/bench_conv.py

Prints the best time of one forward + backward pass for the readable im2col version
(`conv2d_forward`, the one the page shows), the fast one the `Conv2d` layer runs
(`conv2d_forward_fast`) and ``F.conv2d``, and the ratios fast / torch and readable / torch, in
float32. Both run on one thread: on a busy machine (the shared 2-core dev box) OpenBLAS's worker
threads spin waiting for a core, making a backward pass up to 30× slower than on one thread.
torch's own default thread count is timed too, for reference. Where ``OPENBLAS_CORETYPE`` is
set (some machines force an older, slower kernel), unset it and ``OPENBLAS_L2_SIZE`` for this
command only, as above: the BLAS line at the top says which kernel ran.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.convolution import conv2d_backward, conv2d_backward_fast, conv2d_forward, conv2d_forward_fast
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

    def readable_pass() -> None:
        out, cache = conv2d_forward(x, wt, b, s, p)
        conv2d_backward(np.ones_like(out), cache)

    def fast_pass() -> None:
        out, cache = conv2d_forward_fast(x, wt, b, s, p)
        conv2d_backward_fast(np.ones_like(out), cache)

    xt, wtt, bt = (torch.tensor(a, requires_grad=True) for a in (x, wt, b))

    def torch_pass() -> None:
        out = F.conv2d(xt, wtt, bt, stride=s, padding=p)
        out.backward(torch.ones_like(out))

    threads = torch.get_num_threads()
    t_torch_default = best_seconds(torch_pass, torch.device("cpu"), repeat=15, warmup=1)
    t_read, t_fast, t_torch = single_thread_seconds(readable_pass, fast_pass, torch_pass)
    ratio = t_fast / t_torch
    print(f"N={n:3d} C={c:2d} {h}×{w} k={k} s={s} p={p} F={f:2d}: numpy fast {1e3 * t_fast:6.2f} ms, "
          f"readable {1e3 * t_read:6.2f} ms, torch {1e3 * t_torch:6.2f} ms; ratio fast {ratio:.2f}×, "
          f"readable {t_read / t_torch:.2f}× (1 thread each); torch with {threads} threads {1e3 * t_torch_default:6.2f} ms")
    return ratio


if __name__ == "__main__":
    compare_shapes(bench, SHAPES)
