"""Receptive field: the formula, checked by where the gradient of one output pixel is non-zero."""

import numpy as np

from lectureref.convolution import field_bounds, field_by_gradient, LayerSpec, receptive_field


def main() -> None:
    # --8<-- [start:main]
    conv3, pool2 = LayerSpec(kernel=3, padding=1), LayerSpec(kernel=2, stride=2)
    stacks = {
        "3 × conv3×3": [conv3] * 3,
        "conv-pool ×3": [conv3, pool2] * 3,
        "conv3×3 dilation 1, 2, 4": [conv3, LayerSpec(3, padding=2, dilation=2), LayerSpec(3, padding=4, dilation=4)],
    }
    for name, layers in stacks.items():
        field = receptive_field(layers)
        lo, hi = field_bounds(layers, index=10, input_size=128)      # rows seen by out[10, 10]
        mask = field_by_gradient(layers, input_size=128, index=10)   # where ∂out[10, 10]/∂x ≠ 0
        rows, cols = np.nonzero(mask)
        print(f"{name:>26}: field {field.size}×{field.size}, jump {field.jump}, "
              f"formula rows {lo}..{hi}, gradient rows {rows.min()}..{rows.max()}")
        # --8<-- [end:main]
        # The page claims: fields 7, 22 (jump 8) and 15; the gradient is non-zero exactly on the
        # computed square — every pixel inside, none outside.
        expected = np.zeros_like(mask)
        expected[lo : hi + 1, lo : hi + 1] = True
        assert np.array_equal(mask, expected), name
    assert [receptive_field(s).size for s in stacks.values()] == [7, 22, 15]


if __name__ == "__main__":
    main()
