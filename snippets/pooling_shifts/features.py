"""What a 1-pixel shift changes in the features: no pooling, 2×2 max pooling, a global max (numpy and torch)."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.pooling_shifts import features, features_torch, on_canvas, relative_change, shift


def main() -> None:
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    x = on_canvas(digits_split(seed=seed).X_test).astype(np.float64)      # (360, 1, 16, 16)
    # --8<-- [start:main]
    w, b = rng.standard_normal((8, 1, 3, 3)) * np.sqrt(2 / 9), np.zeros(8)  # 8 random 3×3 filters (He)
    moved = shift(x, 0, 1)                                                   # one pixel to the right
    change = {}
    for pooling in ["none", "max 2×2", "global max"]:
        change[pooling] = relative_change(features(x, w, b, pooling), features(moved, w, b, pooling))
        print(f"{pooling:>10}: features change by {change[pooling]:.0%}")
    # --8<-- [end:main]
    tw, tb = torch.as_tensor(w), torch.as_tensor(b)
    gap = max(np.abs(features(x, w, b, p) - features_torch(torch.as_tensor(x), tw, tb, p).numpy()).max()
              for p in change)
    # The page claims, for seeds 0–9: 2×2 max pooling cuts the change (to under 0.8 of it), the
    # global max does not change at all; numpy and torch compute the same features.
    claim("max 2×2 / none: relative change", change["max 2×2"] / change["none"], "<", 0.8)
    claim("global max: relative change", change["global max"], "==", 0)
    claim("max |numpy − torch| features", gap, "<", 1e-12)


if __name__ == "__main__":
    main()
