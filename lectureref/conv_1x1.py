"""1×1 convolutions and the Inception block they make affordable.

Lecture 6 and the course notes ask what a 1×1 convolution is for. It mixes the channels of
each pixel — a fully connected layer applied at every position — so it changes the number of
channels without looking at neighbours. The Inception block of GoogLeNet puts 1×1
convolutions before its 3×3 and 5×5 ones to shrink the channels first; `inception_params`
counts what that saves with `lectureref.cnn_architectures.conv_params`, lecture 6's formula.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.cnn_architectures import conv_params


# --8<-- [start:conv1x1]
def conv1x1(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 1×1 convolution of ``x`` (N, C, H, W) with weights ``w`` (F, C) and biases ``b`` (F,).

    Every pixel's vector of ``C`` channels is multiplied by the same ``F × C`` matrix:
    ``out[n, :, i, j] = w @ x[n, :, i, j] + b``. Returns ``(N, F, H, W)``.
    """
    n, c, h, width = x.shape
    pixels = x.reshape(n, c, h * width)                  # (N, C, H·W): a column per pixel
    return (w @ pixels + b[:, None]).reshape(n, len(w), h, width)
# --8<-- [end:conv1x1]


# --8<-- [start:inception]
def conv_relu(c_in: int, c_out: int, k: int) -> nn.Sequential:
    """A k×k convolution that keeps the image size (padding k // 2), then ReLU."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, padding=k // 2), nn.ReLU())


class Inception(nn.Module):
    """GoogLeNet's block: four branches on the same input, their outputs stacked along channels.

    1×1; 1×1 → 3×3; 1×1 → 5×5; 3×3 max pool → 1×1. With ``reduce=False`` the 1×1 layers before
    the 3×3 and 5×5 ones are left out (the «naive» block): the same output, more weights.
    """

    def __init__(self, c_in: int, c1: int, c3_reduce: int, c3: int, c5_reduce: int, c5: int, pool_proj: int,
                 reduce: bool = True) -> None:
        super().__init__()
        self.branch1 = conv_relu(c_in, c1, 1)
        if reduce:
            self.branch3 = nn.Sequential(conv_relu(c_in, c3_reduce, 1), conv_relu(c3_reduce, c3, 3))
            self.branch5 = nn.Sequential(conv_relu(c_in, c5_reduce, 1), conv_relu(c5_reduce, c5, 5))
        else:
            self.branch3, self.branch5 = conv_relu(c_in, c3, 3), conv_relu(c_in, c5, 5)
        self.branch_pool = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1), conv_relu(c_in, pool_proj, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branches = [self.branch1, self.branch3, self.branch5, self.branch_pool]
        return torch.cat([branch(x) for branch in branches], dim=1)   # c1 + c3 + c5 + pool_proj channels
# --8<-- [end:inception]


# --8<-- [start:count]
def inception_params(c_in: int, c1: int, c3_reduce: int, c3: int, c5_reduce: int, c5: int, pool_proj: int,
                     reduce: bool = True) -> int:
    """Weights and biases of `Inception`, from ``P = C_out (C_in k² + 1)`` for every convolution."""
    total = conv_params(c_in, c1, 1) + conv_params(c_in, pool_proj, 1)
    if reduce:
        total += conv_params(c_in, c3_reduce, 1) + conv_params(c3_reduce, c3, 3)
        total += conv_params(c_in, c5_reduce, 1) + conv_params(c5_reduce, c5, 5)
    else:
        total += conv_params(c_in, c3, 3) + conv_params(c_in, c5, 5)
    return total


def conv_mult_adds(c_in: int, c_out: int, k: int, h: int, w: int) -> int:
    """Multiply-adds of a k×k convolution that keeps an ``h × w`` image: ``h·w·C_out·C_in·k²``."""
    return h * w * c_out * c_in * k * k
# --8<-- [end:count]
