#!/usr/bin/env python3
"""The GPU figures of the performance page: the same training code on the CPU and on CUDA.

    .venv/bin/python scripts/bench_gpu.py     # needs a CUDA device; without one it says so and exits 0

Prints, on the machine it runs on:

1. TFLOP/s of an 8192×8192 matrix product in float32, in TF32 (float32 inputs, tensor cores) and in
   bfloat16;
2. seconds per training step on the CPU and on CUDA, and their ratio, for the lecture-6 ResNet
   (batch 128 of 64×64 images) and the lecture-10 LSTM language model (64 windows of 128 characters);
3. what autocast to bfloat16 (mixed precision) gains over float32 on CUDA, for the ResNet at three
   sizes: the batch of 128 images of 64 px, 512 images of 64 px, and 256 images of 128 px in
   ``channels_last``. Tensor cores pay off only when the products are large enough to keep them busy:
   at the small batch the conversions to bfloat16 cost as much as they save. "float32" is what
   torch does by default (cuDNN may run the convolutions in TF32); the matrix products of item 1
   set the precision explicitly.

The workloads are functions ``run(device, tiny=False, amp=False) -> seconds per step``; ``tiny=True``
shrinks them so the tests run them on the CPU and keep this file working where no GPU is around.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lectureref.cnn_architectures import resnet  # noqa: E402
from lectureref.performance import bf16_autocast_unsupported, matmul_tflops, step_seconds  # noqa: E402
from lectureref.rnn import CharLM  # noqa: E402

MATMUL_N = 8192
# Autocast settings for the ResNet: (label, batch, image size, channels_last).
AMP_SETTINGS = (
    ("batch 128, 64 px", 128, 64, False),
    ("batch 512, 64 px", 512, 64, False),
    ("batch 256, 128 px, channels_last", 256, 128, True),
)


def cnn_step(device: torch.device, tiny: bool = False, amp: bool = False,
             batch: int = 128, size: int = 64, channels_last: bool = False) -> float:
    """A lecture-6 ResNet-18 (basic blocks, f(x) + x) on a batch of 1-channel images."""
    torch.manual_seed(0)
    widths = (8, 16) if tiny else (64, 128, 256, 512)
    if tiny:
        batch, size = 4, 16
    model = resnet(widths=widths, blocks=(2,) * len(widths), in_channels=1, n_classes=10)
    x, y = torch.randn(batch, 1, size, size), torch.randint(0, 10, (batch,))
    if channels_last:  # NHWC: the layout the GPU's convolution kernels for 16-bit numbers prefer
        model, x = model.to(memory_format=torch.channels_last), x.contiguous(memory_format=torch.channels_last)
    return step_seconds(model, x, y, device=device, steps=2 if tiny else 10, amp=amp)


def lstm_lm_step(device: torch.device, tiny: bool = False, amp: bool = False) -> float:
    """The lecture-10 character language model with an LSTM, on windows of characters."""
    torch.manual_seed(0)
    vocab, hidden, batch, length = (30, 16, 4, 8) if tiny else (100, 512, 64, 128)
    model = CharLM(vocab, hidden=hidden, embed=64, cell="lstm")
    ids = torch.randint(0, vocab, (batch, length + 1))

    def loss_fn(output: tuple[torch.Tensor, object], targets: torch.Tensor) -> torch.Tensor:
        logits, _state = output
        return nn.functional.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1))

    return step_seconds(model, ids[:, :-1], ids[:, 1:], loss_fn=loss_fn, device=device,
                        steps=2 if tiny else 10, amp=amp)


def workloads() -> dict[str, Callable[..., float]]:
    """Name → ``run(device, tiny=False, amp=False) -> seconds per step`` (CPU-vs-GPU comparison)."""
    return {"CNN (ResNet-18, lecture 6, batch 128, 64 px)": cnn_step,
            "LSTM language model (lecture 10, 64 × 128 characters)": lstm_lm_step}


def matmul_report(device: torch.device, n: int = MATMUL_N) -> None:
    """TFLOP/s of an ``n×n`` product: float32, TF32 (float32 in, tensor cores inside), bfloat16."""
    precision = torch.get_float32_matmul_precision()
    try:
        torch.set_float32_matmul_precision("highest")
        print(f"matmul {n}²: float32 {matmul_tflops(n, torch.float32, device):.0f} TFLOP/s", end=", ")
        torch.set_float32_matmul_precision("high")      # allows TF32 for float32 products
        print(f"TF32 {matmul_tflops(n, torch.float32, device):.0f}", end=", ")
    finally:
        torch.set_float32_matmul_precision(precision)
    print(f"bfloat16 {matmul_tflops(n, torch.bfloat16, device):.0f}")


def main() -> int:
    """Print the page's GPU figures; without CUDA explain and return 0 (nothing to measure)."""
    if not torch.cuda.is_available():
        print("bench_gpu: torch sees no CUDA device, so there is nothing to measure here. "
              "Run this on a machine with an NVIDIA GPU and a CUDA build of PyTorch (see README).")
        return 0
    from lectureref.device import describe

    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, {describe(cuda)}, "
          f"CPU: {torch.get_num_threads()} threads")
    matmul_report(cuda)
    for name, run in workloads().items():
        on_cpu, on_gpu = run(cpu), run(cuda)
        print(f"{name}: cpu {on_cpu:.3f} s/step, cuda {on_gpu:.4f} s/step, speed-up ×{on_cpu / on_gpu:.1f}")
    if reason := bf16_autocast_unsupported("cuda"):
        print(f"no autocast bf16 timing: {reason}")
        return 0
    for label, batch, size, channels_last in AMP_SETTINGS:
        fp32 = cnn_step(cuda, batch=batch, size=size, channels_last=channels_last)
        bf16 = cnn_step(cuda, amp=True, batch=batch, size=size, channels_last=channels_last)
        print(f"ResNet-18 autocast bf16, {label}: float32 {fp32:.4f} s/step, bf16 {bf16:.4f} s/step, ×{fp32 / bf16:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
