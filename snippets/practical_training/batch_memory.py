"""Batch size vs memory: what backward keeps grows with the batch; conv layers keep the most."""

import torch
from torch import nn

from lectureref.claims import claim, reproducible
from lectureref.practical_training import parameter_bytes, saved_bytes


def main() -> None:
    reproducible(0)
    # --8<-- [start:run]
    conv = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU())
    dense = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 256), nn.ReLU(), nn.Linear(256, 10))
    for name, model in (("conv", conv), ("dense", dense)):
        kept = {n: saved_bytes(model, torch.randn(n, 1, 28, 28)) for n in (16, 64, 256)}
        print(f"{name}: params {parameter_bytes(model) / 2**20:.2f} MiB, kept for backward "
              + ", ".join(f"batch {n}: {b / 2**20:.1f} MiB" for n, b in kept.items()))
    # --8<-- [end:run]
    conv_kept = {n: saved_bytes(conv, torch.randn(n, 1, 28, 28)) for n in (64, 256)}
    dense_kept = saved_bytes(dense, torch.randn(256, 1, 28, 28))
    # The page claims: 4× the batch keeps ~4× the bytes (parameters don't grow), and the conv
    # stack, with over 20× fewer parameters than the dense one, keeps over 50× more for backward.
    claim("kept for backward, batch 256 / 64", conv_kept[256] / conv_kept[64], ">", 3.9)
    claim("kept for backward, batch 256 / 64", conv_kept[256] / conv_kept[64], "<=", 4.0)
    claim("parameters dense / conv", parameter_bytes(dense) / parameter_bytes(conv), ">", 20)
    claim("kept for backward conv / dense", conv_kept[256] / dense_kept, ">", 50)


if __name__ == "__main__":
    main()
