r"""CNN architectures: LeNet in numpy and PyTorch, the ResNet block, parameter counts.

Lecture 6 (50:15). LeNet (1998) is the pattern every CNN since repeats: convolution → ReLU →
pooling, a few times, then fully connected layers. AlexNet (2012) and VGG (2014) made it bigger
and deeper; ResNet (2015) made very deep nets trainable with the skip connection
$y = \mathrm{ReLU}(f(x) + x)$.

The numpy LeNet is a `lectureref.nn.Sequential` of the core's layers (`lectureref.nn.layers`)
and trains with `lectureref.mlp.fit_sequential`. The shifted copies of the training digits come from
`lectureref.augmentation.shift` (lecture 7's augmentation, used here ahead of its lecture).
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.augmentation import shift
from lectureref.nn.layers import Conv2d, Flatten, Linear, MaxPool2d, ReLU
from lectureref.nn.sequential import Sequential

# --8<-- [start:lenet]
def lenet(channels: tuple[int, int] = (16, 32), hidden: int = 64, n_classes: int = 10, seed: int = 0,
          dtype: type = np.float32) -> Sequential:
    """LeNet for 8×8 digits: (conv 3×3 → ReLU → max pool 2) × 2 → FC → ReLU → FC.

    8×8 → 4×4 → 2×2 pixels; channels 1 → c1 → c2. ``lenet().to_torch()`` is the same net in torch.
    """
    rng = np.random.default_rng(seed)
    c1, c2 = channels
    return Sequential(
        Conv2d(1, c1, 3, padding=1, rng=rng, dtype=dtype), ReLU(), MaxPool2d(2),    # (N, c1, 4, 4)
        Conv2d(c1, c2, 3, padding=1, rng=rng, dtype=dtype), ReLU(), MaxPool2d(2),   # (N, c2, 2, 2)
        Flatten(),
        Linear(c2 * 4, hidden, rng, dtype), ReLU(),
        Linear(hidden, n_classes, rng, dtype),
    )
# --8<-- [end:lenet]


# --8<-- [start:shift]
def shifted_copies(X: np.ndarray, y: np.ndarray, pixels: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The images ``(N, C, H, W)`` plus four copies moved by ``pixels`` right, left, down and up
    (zeros fill the gap) → ``(5N, C, H, W)`` and the labels repeated.

    A digit moved by a pixel is the same digit: five times more training data for free
    (the moves are `lectureref.augmentation.shift`'s).
    """
    n, p = len(X), pixels
    copies = [X] + [shift(X, np.full(n, dy), np.full(n, dx)) for dy, dx in [(0, p), (0, -p), (p, 0), (-p, 0)]]
    return np.concatenate(copies), np.tile(y, len(copies))
# --8<-- [end:shift]


# ---------------------------------------------------------------------------------------------
# ResNet basic block (torch)


# --8<-- [start:basic_block]
class BasicBlock(nn.Module):
    """ResNet's basic block: ``ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x))``.

    The shortcut is ``x`` itself, or a 1×1 convolution + BN when the block changes the number
    of channels or the resolution (``stride = 2``), so that the two can be added.
    """

    def __init__(self, n_in: int, n_out: int, stride: int = 1, batchnorm: bool = True) -> None:
        super().__init__()
        norm = nn.BatchNorm2d if batchnorm else (lambda c: nn.Identity())
        self.f = nn.Sequential(
            nn.Conv2d(n_in, n_out, 3, stride, 1, bias=not batchnorm), norm(n_out), nn.ReLU(),
            nn.Conv2d(n_out, n_out, 3, 1, 1, bias=not batchnorm), norm(n_out),
        )
        self.shortcut = nn.Identity()
        if stride != 1 or n_in != n_out:
            self.shortcut = nn.Sequential(nn.Conv2d(n_in, n_out, 1, stride, bias=not batchnorm), norm(n_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.f(x) + self.shortcut(x))   # the layer only corrects its input
# --8<-- [end:basic_block]


def resnet(widths: tuple[int, ...] = (64, 128, 256, 512), blocks: tuple[int, ...] = (2, 2, 2, 2),
           in_channels: int = 3, n_classes: int = 1000) -> nn.Sequential:
    """ResNet-18 by default: stem conv 7×7/2 + max pool, stages of basic blocks, global pool, FC."""
    layers: list[nn.Module] = [nn.Conv2d(in_channels, widths[0], 7, 2, 3, bias=False), nn.BatchNorm2d(widths[0]),
                               nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    n_in = widths[0]
    for stage, (width, count) in enumerate(zip(widths, blocks)):
        for i in range(count):
            layers.append(BasicBlock(n_in, width, stride=2 if stage > 0 and i == 0 else 1))
            n_in = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(n_in, n_classes)]
    return nn.Sequential(*layers)


# --8<-- [start:deep_net]
def deep_net(depth: int = 20, width: int = 16, residual: bool = False, n_classes: int = 10) -> nn.Sequential:
    """``depth`` 3×3 conv layers on 8×8 digits, no batch norm: plain (conv → ReLU each) or
    residual (pairs of convs in `BasicBlock` without BN), same layers, same init."""
    layers: list[nn.Module] = [nn.Conv2d(1, width, 3, padding=1), nn.ReLU()]
    if residual:
        layers += [BasicBlock(width, width, batchnorm=False) for _ in range((depth - 2) // 2)]
    else:
        layers += [m for _ in range(depth - 2) for m in (nn.Conv2d(width, width, 3, padding=1), nn.ReLU())]
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, n_classes))
# --8<-- [end:deep_net]


# ---------------------------------------------------------------------------------------------
# Parameter counts from a layer spec


# --8<-- [start:count]
def conv_params(n_in: int, n_out: int, kernel: int, bias: bool = True, groups: int = 1) -> int:
    """``n_out · (n_in/groups · k² + 1)``: one k×k filter per input channel for every output channel."""
    return n_out * (n_in // groups * kernel * kernel + int(bias))


def linear_params(n_in: int, n_out: int, bias: bool = True) -> int:
    """``n_out · (n_in + 1)``."""
    return n_out * (n_in + int(bias))


def spec_params(spec: list[tuple]) -> int:
    """Sum over a spec: ``("conv", n_in, n_out, k[, bias, groups])``, ``("linear", n_in, n_out)``,
    ``("bn", channels)`` (a scale and a shift per channel)."""
    total = 0
    for kind, *args in spec:
        total += {"conv": conv_params, "linear": linear_params, "bn": lambda c: 2 * c}[kind](*args)
    return total
# --8<-- [end:count]


def alexnet_spec(original: bool = False) -> list[tuple]:
    """AlexNet. ``original=True``: the 2012 paper (96-256-384-384-256 filters, layers 2, 4, 5
    split over two GPUs = ``groups=2``); else the single-GPU variant of torchvision (64-192-384-256-256)."""
    if original:
        convs = [("conv", 3, 96, 11), ("conv", 96, 256, 5, True, 2), ("conv", 256, 384, 3),
                 ("conv", 384, 384, 3, True, 2), ("conv", 384, 256, 3, True, 2)]
        flat = 256 * 6 * 6
    else:
        convs = [("conv", 3, 64, 11), ("conv", 64, 192, 5), ("conv", 192, 384, 3), ("conv", 384, 256, 3),
                 ("conv", 256, 256, 3)]
        flat = 256 * 6 * 6
    return convs + [("linear", flat, 4096), ("linear", 4096, 4096), ("linear", 4096, 1000)]


VGG16 = (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M")


def vgg_spec(cfg: tuple = VGG16, in_channels: int = 3, flat: int = 512 * 7 * 7, hidden: int = 4096,
             n_classes: int = 1000) -> list[tuple]:
    """VGG: 3×3 convolutions (``"M"`` = max pool 2), then FC ``flat → hidden → hidden → classes``."""
    spec, n_in = [], in_channels
    for v in cfg:
        if v != "M":
            spec.append(("conv", n_in, v, 3))
            n_in = v
    return spec + [("linear", flat, hidden), ("linear", hidden, hidden), ("linear", hidden, n_classes)]


def vgg(cfg: tuple, in_channels: int, flat: int, hidden: int, n_classes: int) -> nn.Sequential:
    """The torch net of `vgg_spec` (for small configurations; ``flat`` = channels·H·W after the convs)."""
    layers: list[nn.Module] = []
    n_in = in_channels
    for v in cfg:
        layers += [nn.MaxPool2d(2)] if v == "M" else [nn.Conv2d(n_in, v, 3, padding=1), nn.ReLU()]
        n_in = v if v != "M" else n_in
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(flat, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                         nn.ReLU(), nn.Linear(hidden, n_classes))


def resnet_spec(widths: tuple[int, ...] = (64, 128, 256, 512), blocks: tuple[int, ...] = (2, 2, 2, 2),
                in_channels: int = 3, n_classes: int = 1000) -> list[tuple]:
    """The spec of `resnet`: convolutions without bias (BN follows each), shortcuts 1×1 + BN."""
    spec = [("conv", in_channels, widths[0], 7, False), ("bn", widths[0])]
    n_in = widths[0]
    for stage, (width, count) in enumerate(zip(widths, blocks)):
        for i in range(count):
            spec += [("conv", n_in, width, 3, False), ("bn", width), ("conv", width, width, 3, False), ("bn", width)]
            if n_in != width or (stage > 0 and i == 0):
                spec += [("conv", n_in, width, 1, False), ("bn", width)]
            n_in = width
    return spec + [("linear", n_in, n_classes)]
