r"""Convolution, the lesson: what a filter sees (receptive field), computed and measured.

Lecture 6 (14:47 filters, 31:15 padding and stride, 35:25 pooling, 45:30 receptive field).
The layers themselves, convolution and pooling by im2col beside ``F.conv2d``, are in
`lectureref.nn.convolution`. Stacking them widens what one output pixel sees: its *receptive
field*, computed here layer by layer and checked against the gradient of a real convolution.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F


class LayerSpec(NamedTuple):
    """One conv or pool layer as the receptive field sees it (same along both axes)."""

    kernel: int
    stride: int = 1
    padding: int = 0
    dilation: int = 1


class Field(NamedTuple):
    """``size``: input pixels one output pixel sees; ``jump``: input distance between neighbouring
    output pixels; ``start``: input coordinate of the first output pixel's field centre."""

    size: int
    jump: int
    start: float


# --8<-- [start:receptive_field]
def receptive_field(layers: list[LayerSpec]) -> Field:
    """Receptive field of the last layer's pixels in the input of the first.

    Each layer widens the field by ``(k_eff − 1)`` steps of the current jump, with
    ``k_eff = dilation·(kernel − 1) + 1``, and multiplies the jump by its stride.
    """
    size, jump, start = 1, 1, 0.5                             # one input pixel, centre at 0.5
    for k, s, p, d in layers:
        k_eff = d * (k - 1) + 1
        size += (k_eff - 1) * jump
        start += ((k_eff - 1) / 2 - p) * jump
        jump *= s
    return Field(size, jump, start)
# --8<-- [end:receptive_field]


def field_bounds(layers: list[LayerSpec], index: int, input_size: int) -> tuple[int, int]:
    """First and last input index (inclusive, clipped to the image) seen by output ``index``."""
    f = receptive_field(layers)
    lo = int(f.start + index * f.jump - f.size / 2)
    return max(lo, 0), min(lo + f.size - 1, input_size - 1)


# --8<-- [start:field_by_gradient]
def field_by_gradient(layers: list[LayerSpec], input_size: int, index: int) -> np.ndarray:
    """Measure the field instead of computing it: the mask (H, W) where ``∂ out[index, index] / ∂ x ≠ 0``.

    Every layer is a 1-channel convolution with all-ones weights on an all-ones input, so no
    contribution can cancel another: the gradient is non-zero exactly where the pixel looks.
    """
    x = torch.ones(1, 1, input_size, input_size, dtype=torch.float64, requires_grad=True)
    out = x
    for k, s, p, d in layers:
        out = F.conv2d(out, torch.ones(1, 1, k, k, dtype=torch.float64), stride=s, padding=p, dilation=d)
    out[0, 0, index, index].backward()
    return (x.grad[0, 0] != 0).cpu().numpy()
# --8<-- [end:field_by_gradient]
