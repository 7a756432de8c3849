"""Inception (3a) of GoogLeNet with and without the 1×1 reductions: the same output, the weights counted."""

import torch

from lectureref.claims import claim, reproducible
from lectureref.conv_1x1 import Inception, conv_mult_adds, inception_params


def main() -> None:
    reproducible(0)
    # --8<-- [start:main]
    sizes = dict(c_in=192, c1=64, c3_reduce=96, c3=128, c5_reduce=16, c5=32, pool_proj=32)   # GoogLeNet's 3a
    x = torch.zeros(1, 192, 8, 8)                             # any size: the block keeps it
    counts = {}
    for reduce in (True, False):
        block = Inception(**sizes, reduce=reduce)
        counts[reduce] = sum(p.numel() for p in block.parameters())
        assert counts[reduce] == inception_params(**sizes, reduce=reduce)   # the formula, checked
        print(f"{'with 1×1 reductions' if reduce else 'naive':>20}: output {tuple(block(x).shape)}, "
              f"{counts[reduce]} parameters")
    print(f"naive / inception = {counts[False] / counts[True]:.1f}")
    # the 5×5 branch alone on a 28×28 map: 192 → 32 directly, or 192 → 16 by 1×1, then 16 → 32
    direct = conv_mult_adds(192, 32, 5, 28, 28)
    reduced = conv_mult_adds(192, 16, 1, 28, 28) + conv_mult_adds(16, 32, 5, 28, 28)
    print(f"5×5 branch: {direct / 1e6:.1f}M multiply-adds directly, {reduced / 1e6:.1f}M with the 1×1 "
          f"({direct / reduced:.1f} times fewer)")
    # --8<-- [end:main]
    # The page claims: 393 472 against 163 696 parameters, 2.4 times; the 5×5 branch needs
    # 120.4M multiply-adds directly and 12.4M after the 1×1 reduction, 9.7 times fewer.
    claim("inception parameters", counts[True], "==", 163_696)
    claim("naive parameters", counts[False], "==", 393_472)
    claim("naive / inception, 1 decimal", round(counts[False] / counts[True], 1), "==", 2.4)
    claim("5×5 branch: direct multiply-adds, millions, 1 decimal", round(direct / 1e6, 1), "==", 120.4)
    claim("5×5 branch: reduced multiply-adds, millions, 1 decimal", round(reduced / 1e6, 1), "==", 12.4)
    claim("5×5 branch: direct / reduced multiply-adds, 1 decimal", round(direct / reduced, 1), "==", 9.7)


if __name__ == "__main__":
    main()
