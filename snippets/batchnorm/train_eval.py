"""Batch norm in training (batch statistics) and in inference (running averages)."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.nn.layers import BatchNorm1d


def main() -> None:
    rng = np.random.default_rng(reproducible(0))
    # --8<-- [start:main]
    layer = BatchNorm1d(3)
    for _ in range(100):                                     # training: 100 batches, mean 5, std 3
        out = layer.forward((5 + 3 * rng.standard_normal((256, 3))).astype(np.float32))
    print(f"train batch out: mean {out.mean():.2f}, std {out.std():.2f}")
    print(f"running mean {layer.running_mean.round(2)}, running var {layer.running_var.round(1)}")

    one = np.array([[8.0, 8.0, 8.0]], np.float32)            # one example, 1 std above the mean
    pair = np.array([[8.0, 8.0, 8.0], [2.0, 2.0, 2.0]], np.float32)
    print("train mode, [8, 2]:", layer.forward(pair)[0])     # only relative to the batch: +1
    layer.training = False
    print("eval mode, [8] alone:", layer.forward(one)[0])    # (8 − 5) / 3 ≈ 1, any batch
    # --8<-- [end:main]
    # The page claims: running stats ≈ 5 and 9; in train mode 8 next to 2 maps to +1 (relative to
    # its batch), in eval mode 8 maps to ≈ 1 (relative to the training data) even alone.
    claim("max |running mean − 5|", np.abs(layer.running_mean - 5).max(), "<", 0.5)
    claim("max |running var − 9|", np.abs(layer.running_var - 9).max(), "<", 1.5)
    claim("eval mode, max |out(8) − 1|", np.abs(layer.forward(one) - 1).max(), "<", 0.2)
    layer.training = True
    claim("train mode, max |out(8 next to 2) − 1|", np.abs(layer.forward(pair)[0] - 1).max(), "<", 1e-3)
    claim("train mode, shifted by 100", np.abs(layer.forward(pair + 100)[0] - 1).max(), "<", 1e-3)   # the shift is invisible to it


if __name__ == "__main__":
    main()
