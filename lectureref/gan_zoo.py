r"""StyleGAN's adaptive instance normalization (AdaIN): how a style vector steers a generator layer.

Lecture 8 names the GAN zoo and, as the modern one, StyleGAN (an untimed note after 1:00:00). In
StyleGAN (Karras, Laine, Aila, 2018, arXiv:1812.04948) the noise $z$ first passes a mapping network
to $w$; each layer of the generator then gets its own *style* from $w$ — a scale $y_s$ and a bias
$y_b$ per feature map — through AdaIN: every map $x_i$ is normalised over its pixels and then
given the style's mean and spread,

$$
\mathrm{AdaIN}(x_i, y) = y_{s,i}\,\frac{x_i - \mu(x_i)}{\sigma(x_i)} + y_{b,i}.
$$

After it, map $i$ has mean $y_{b,i}$ and standard deviation $|y_{s,i}|$ whatever it had before:
the style decides the statistics, the layer's input only the spatial pattern.
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def adain_forward(x: np.ndarray, y_s: np.ndarray, y_b: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    r"""AdaIN in numpy: ``x`` ``(N, C, H, W)`` feature maps, ``y_s``, ``y_b`` ``(N, C)`` the style.

    Each map is standardised over its ``H × W`` pixels (the biased variance, plus ``eps``, as
    instance normalisation does), then scaled by ``y_s`` and shifted by ``y_b``.
    """
    # --8<-- [start:adain]
    mu = x.mean(axis=(2, 3), keepdims=True)                     # (N, C, 1, 1) per map
    sigma = np.sqrt(x.var(axis=(2, 3), keepdims=True) + eps)
    return y_s[:, :, None, None] * (x - mu) / sigma + y_b[:, :, None, None]
    # --8<-- [end:adain]


class AdaIN(nn.Module):
    """AdaIN in PyTorch: a learned affine map turns ``w`` into the style ``(y_s, y_b)`` of each map."""

    def __init__(self, w_dim: int, channels: int) -> None:
        super().__init__()
        self.style = nn.Linear(w_dim, 2 * channels)   # StyleGAN's "A" boxes: w → (y_s, y_b)

    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        # --8<-- [start:adain_torch]
        y_s, y_b = self.style(w).chunk(2, dim=1)                  # (N, C) each
        return y_s[:, :, None, None] * F.instance_norm(x) + y_b[:, :, None, None]
        # --8<-- [end:adain_torch]

