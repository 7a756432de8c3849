"""Batch norm in training (batch statistics) and in inference (running averages)."""

import numpy as np

from lectureref.nn.layers import BatchNorm1d


def main() -> None:
    rng = np.random.default_rng(0)
    # --8<-- [start:main]
    layer = BatchNorm1d(3)
    for _ in range(100):                                     # training: 100 batches, mean 5, std 3
        out = layer.forward((5 + 3 * rng.standard_normal((32, 3))).astype(np.float32))
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
    assert np.allclose(layer.running_mean, 5, atol=0.5) and np.allclose(layer.running_var, 9, atol=1.5)
    assert np.allclose(layer.forward(one), 1.0, atol=0.2)
    layer.training = True
    assert np.allclose(layer.forward(pair)[0], 1.0, atol=1e-3)
    assert np.allclose(layer.forward(pair + 100)[0], 1.0, atol=1e-3)   # the shift is invisible to it


if __name__ == "__main__":
    main()
