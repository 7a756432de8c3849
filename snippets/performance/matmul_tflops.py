"""How many FLOP/s does this machine deliver? float32 vs float64 on the CPU (and CUDA if present)."""

import torch

from lectureref.claims import claim, reproducible
from lectureref.device import get_device
from lectureref.performance import matmul_tflops


def main() -> None:
    reproducible()
    # --8<-- [start:run]
    cpu = torch.device("cpu")
    single = matmul_tflops(512, torch.float32, cpu)
    double = matmul_tflops(512, torch.float64, cpu)
    print(f"CPU: float32 {single * 1e3:.1f} GFLOP/s, float64 {double * 1e3:.1f} GFLOP/s")
    if get_device().type == "cuda":
        print(f"GPU: float32 {matmul_tflops(4096, torch.float32, get_device()):.1f} TFLOP/s")
    # --8<-- [end:run]
    # Timing is for benchmarks, not for asserts (a busy machine changes it). What the page
    # does claim: float32's speed costs precision, ~1e-7 relative against float64's 1e-16.
    a = torch.randn(512, 512, dtype=torch.float64)
    exact = a @ a
    error32 = ((a.float() @ a.float()).double() - exact).abs().max() / exact.abs().max()
    claim("float32 relative error", error32.item(), ">", 1e-8)
    claim("float32 relative error", error32.item(), "<", 1e-5)


if __name__ == "__main__":
    main()
