"""Measuring speed honestly: FLOP/s of a matrix product and seconds per training step.

Lecture 5 (8:49) compares processors by TFLOP/s. These helpers measure what a device really
delivers, with warm-up and CUDA synchronisation, so CPU and GPU figures are comparable.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.timing import best_seconds


def matmul_flops(n: int) -> int:
    """Floating-point operations of an ``(n×n) @ (n×n)`` product: n² dot products of 2n − 1 ≈ 2n³."""
    return 2 * n**3


def single_thread_seconds(*fns: Callable[[], object], repeat: int = 15) -> list[float]:
    """`best_seconds` of each function on the CPU with one BLAS and one torch thread.

    numpy-vs-torch comparisons run both on one thread: a fair pairing, and on a busy machine
    spinning worker threads (OpenBLAS's, torch's) can make a pass many times slower.
    """
    from threadpoolctl import threadpool_limits  # comes with scikit-learn

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with threadpool_limits(1, user_api="blas"):
            return [best_seconds(fn, torch.device("cpu"), repeat=repeat, warmup=1) for fn in fns]
    finally:
        torch.set_num_threads(threads)


def keep_freed_memory() -> bool:
    """Ask glibc's ``malloc`` to keep freed memory in the process instead of returning it to the OS.

    A numpy pass allocates its large arrays afresh every time; by default glibc hands big freed
    blocks back to the kernel, so the next pass touches brand-new pages, and on some virtual
    machines each first touch of a 4 KiB page costs microseconds: up to a third of a conv or LSTM
    pass here, and a torch pass varies by 2× for the same reason. Same as running with
    ``MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824``. False where the C
    library has no ``mallopt`` (not glibc); nothing changes then.
    """
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, TypeError):             # no mallopt (macOS); no CDLL(None) (Windows)
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3             # from glibc's <malloc.h>
    return bool(mallopt(m_mmap_threshold, 32 << 20)) and bool(mallopt(m_trim_threshold, 1 << 30))


def blas_kernel() -> str:
    """The BLAS library and the kernel it runs (``OPENBLAS_CORETYPE`` can force an older one)."""
    from threadpoolctl import threadpool_info  # comes with scikit-learn

    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    return ", ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture')})" for i in blas) or "unknown"


def compare_shapes(bench: Callable[..., float], shapes: list[tuple[int, ...]]) -> list[float]:
    """Print the library versions, then run ``bench(*shape)`` (which prints one line and returns
    the numpy / torch time ratio) for each shape, twice: with glibc's default ``malloc``, then
    with `keep_freed_memory`. Returns the second round's ratios. Used by ``scripts/bench_*.py``."""
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; numpy {np.__version__}, BLAS {blas_kernel()}")
    print("malloc: default (freed memory goes back to the OS)")
    for shape in shapes:
        bench(*shape)
    if not keep_freed_memory():
        print("malloc: no mallopt here (not glibc); the figures above are the only ones")
        return []
    print("malloc: keeps freed memory (keep_freed_memory)")
    return [bench(*shape) for shape in shapes]


def matmul_tflops(n: int = 1024, dtype: torch.dtype = torch.float32, device: torch.device | None = None) -> float:
    """Achieved TFLOP/s of an ``n×n`` matrix product on ``device`` (default: `get_device`)."""
    device = device or get_device()
    a = torch.randn(n, n, dtype=dtype, device=device)
    b = torch.randn(n, n, dtype=dtype, device=device)
    return matmul_flops(n) / best_seconds(lambda: a @ b, device) / 1e12


@functools.cache
def bf16_autocast_unsupported(device_type: str) -> str:
    """Why bfloat16 autocast cannot train the course's layers on ``device_type``; ``""`` if it can.

    A CPU without bfloat16 instructions (no AVX-512 BF16 or AMX, e.g. many AMD EPYC) makes
    oneDNN fail on an LSTM under autocast ("could not create a primitive descriptor"), so the
    answer comes from running a tiny LSTM, convolution and linear layer forward and backward.
    """
    device = torch.device(device_type)
    try:
        torch.manual_seed(0)
        lstm, conv = nn.LSTM(4, 4).to(device), nn.Conv2d(1, 2, 3).to(device)
        with torch.autocast(device_type, dtype=torch.bfloat16):
            out = lstm(torch.randn(3, 2, 4, device=device))[0].sum() + conv(torch.randn(1, 1, 5, 5, device=device)).sum()
        out.backward()
    except RuntimeError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"bfloat16 autocast fails on {device_type} ({first})"
    return ""


def step_seconds(
    model: nn.Module, x: torch.Tensor, y: torch.Tensor, loss_fn: Callable = nn.functional.cross_entropy,
    device: torch.device | None = None, steps: int = 10, amp: bool = False,
) -> float:
    """Seconds per training step (forward, backward, SGD update) of ``model`` on one batch.

    ``amp=True`` runs the forward pass under autocast to bfloat16 (mixed precision): matrix
    products and convolutions use the tensor cores of a recent GPU, weights stay float32. bfloat16
    keeps float32's exponent range, so no gradient scaler is needed, unlike float16. Where the
    device cannot (`bf16_autocast_unsupported`), ``amp=True`` raises ``RuntimeError`` saying why.
    """
    device = device or get_device()
    if amp and (reason := bf16_autocast_unsupported(device.type)):
        raise RuntimeError(f"step_seconds(amp=True): {reason}")
    model = model.to(device)
    x, y = x.to(device), y.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)

    def train() -> None:
        for _ in range(steps):
            optimizer.zero_grad()
            # --8<-- [start:amp]
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=amp):
                loss = loss_fn(model(x), y)
            # --8<-- [end:amp]
            loss.backward()
            optimizer.step()

    return best_seconds(train, device, repeat=3, warmup=1) / steps
