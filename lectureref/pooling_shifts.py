"""Max pooling and small shifts of the image: how much of a shift the features and a trained net forgive.

Lecture 6 at 35:25 and the note after it: max pooling keeps the largest value of each window,
so a CNN with max pooling copes well with shifted images. Measured here on the digits, put on
an empty 16×16 canvas so that a shift of a pixel or two never pushes the digit off it (then
``np.roll`` is an exact shift). `features` (numpy, the course's convolution and pooling) and
`features_torch` compare what a 1-pixel shift changes with no pooling, 2×2 max pooling and a
global max; `make_cnn` builds the two small nets the page trains: strided convolutions or
max pooling, nothing else different.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lectureref.nn.activations import relu_forward
from lectureref.nn.convolution import conv2d_forward, max_pool_forward

POOLINGS = ("none", "max 2×2", "global max")


# --8<-- [start:canvas]
def on_canvas(X: np.ndarray, size: int = 16) -> np.ndarray:
    """8×8 digits ``(N, 64)`` centred on an empty ``size × size`` canvas: ``(N, 1, size, size)`` float32."""
    n, margin = len(X), (size - 8) // 2
    canvas = np.zeros((n, 1, size, size), np.float32)
    canvas[:, 0, margin:margin + 8, margin:margin + 8] = X.reshape(n, 8, 8)
    return canvas


def shift(x: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move every image ``dy`` pixels down and ``dx`` right (the canvas border is empty: a roll is a shift)."""
    return np.roll(x, (dy, dx), axis=(2, 3))
# --8<-- [end:canvas]


# --8<-- [start:features]
def features(x: np.ndarray, w: np.ndarray, b: np.ndarray, pooling: str) -> np.ndarray:
    """ReLU(conv(x)) with filters ``w`` (F, 1, 3, 3), then the pooling, flattened: ``(N, D)``."""
    h = relu_forward(conv2d_forward(x, w, b, padding=1)[0])[0]     # (N, F, H, W)
    if pooling == "max 2×2":
        h = max_pool_forward(h, 2)[0]                                 # (N, F, H/2, W/2)
    elif pooling == "global max":
        h = h.max(axis=(2, 3))                                        # (N, F): where the pattern was is gone
    elif pooling != "none":
        raise ValueError(f"pooling must be one of {', '.join(POOLINGS)}; got {pooling!r}")
    return h.reshape(len(x), -1)


def relative_change(before: np.ndarray, after: np.ndarray) -> float:
    """Mean over images of ``‖after − before‖ / ‖before‖``."""
    return float(np.mean(np.linalg.norm(after - before, axis=1) / np.linalg.norm(before, axis=1)))
# --8<-- [end:features]


def features_torch(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, pooling: str) -> torch.Tensor:
    """The same with ``F.conv2d``, ``F.max_pool2d`` and ``amax``."""
    # --8<-- [start:features_torch]
    h = F.relu(F.conv2d(x, w, b, padding=1))
    if pooling == "max 2×2":
        h = F.max_pool2d(h, 2)
    elif pooling == "global max":
        h = h.amax(dim=(2, 3))                 # nn.AdaptiveMaxPool2d(1) in a model
    # --8<-- [end:features_torch]
    return h.flatten(1)


# --8<-- [start:make_cnn]
def make_cnn(kind: str, channels: int = 8) -> nn.Sequential:
    """A CNN for 16×16 images that halves the resolution twice: by stride-2 convolutions or by max pooling."""
    c = channels
    if kind == "stride":
        body = [nn.Conv2d(c, c, 3, padding=1, stride=2), nn.ReLU(), nn.Conv2d(c, c, 3, padding=1, stride=2), nn.ReLU()]
    elif kind == "maxpool":
        body = [nn.MaxPool2d(2), nn.Conv2d(c, c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
    else:
        raise ValueError(f"kind must be stride or maxpool; got {kind!r}")
    return nn.Sequential(nn.Conv2d(1, c, 3, padding=1), nn.ReLU(), *body, nn.Flatten(), nn.Linear(c * 4 * 4, 10))
# --8<-- [end:make_cnn]
