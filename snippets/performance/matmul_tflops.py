"""How many TFLOP/s does this machine deliver? float32 vs float64 on the CPU (and CUDA if present)."""

import torch

from lectureref.device import get_device
from lectureref.performance import matmul_tflops


def main() -> None:
    # --8<-- [start:run]
    cpu = torch.device("cpu")
    single = matmul_tflops(512, torch.float32, cpu)
    double = matmul_tflops(512, torch.float64, cpu)
    print(f"CPU: float32 {single * 1e3:.1f} GFLOP/s, float64 {double * 1e3:.1f} GFLOP/s")
    if get_device().type == "cuda":
        print(f"GPU: float32 {matmul_tflops(4096, torch.float32, get_device()):.1f} TFLOP/s")
    # --8<-- [end:run]
    # The page claims: float32 is faster than float64 (twice the numbers per SIMD register).
    assert single > 1.1 * double


if __name__ == "__main__":
    main()
