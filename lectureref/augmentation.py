r"""Data augmentation on batches: flips, shifts, small rotations, brightness/contrast/saturation jitter.

Lecture 6 (1:17:40). New training examples from old ones: a slightly shifted or rotated digit is
still the same digit. A fresh random transformation is drawn for every image of every minibatch,
so the network never sees exactly the same picture twice.

Every transformation takes its random parameters explicitly (`AugParams`, drawn by
`random_params`), so the numpy and the torch versions can be fed the same ones and compared.
torchvision's ``transforms`` would do the same, but torchvision does not install beside the pinned
torch of this project, so everything is written by hand (torch: ``grid_sample`` for rotations).

Conventions, for images ``(N, C, H, W)`` with row 0 at the top: ``dy > 0`` moves the picture
down, ``dx > 0`` to the right; a positive angle rotates counter-clockwise as seen on screen
(``rotate(x, 90°) == np.rot90(x, axes=(2, 3))``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

LUMA = (0.299, 0.587, 0.114)   # grey = weighted sum of R, G, B (ITU-R 601), as torchvision uses


class AugParams(NamedTuple):
    """Random parameters for a batch, one entry per image (all arrays have shape (N,))."""

    flip: np.ndarray        # bool: mirror left ↔ right
    dy: np.ndarray          # int: pixels down
    dx: np.ndarray          # int: pixels right
    angle: np.ndarray       # degrees, counter-clockwise
    brightness: np.ndarray  # factor: x · b
    contrast: np.ndarray    # factor: mean + c · (x − mean)
    saturation: np.ndarray  # factor: grey + s · (x − grey); no effect on one channel


def random_params(n: int, rng: np.random.Generator, flip: bool = False, max_shift: int = 0, max_angle: float = 0.0,
                  brightness: float = 0.0, contrast: float = 0.0, saturation: float = 0.0) -> AugParams:
    """Draw `AugParams` for ``n`` images: flips with probability ½ (if ``flip``), shifts
    uniform in ``−max_shift..max_shift``, angles in ``[−max_angle, max_angle]``, factors in
    ``[1 − brightness, 1 + brightness]`` (and likewise for contrast and saturation)."""
    def factor(spread: float) -> np.ndarray:
        return rng.uniform(1 - spread, 1 + spread, n)

    return AugParams(
        flip=(rng.random(n) < 0.5) & flip,
        dy=rng.integers(-max_shift, max_shift + 1, n), dx=rng.integers(-max_shift, max_shift + 1, n),
        angle=rng.uniform(-max_angle, max_angle, n),
        brightness=factor(brightness), contrast=factor(contrast), saturation=factor(saturation),
    )


# ---------------------------------------------------------------------------------------------
# numpy


def hflip(x: np.ndarray, flip: np.ndarray) -> np.ndarray:
    """Mirror the images with ``flip[n]`` left ↔ right. x: (N, C, H, W), flip: (N,) bool."""
    return np.where(flip[:, None, None, None], x[..., ::-1], x)


# --8<-- [start:shift]
def shift(x: np.ndarray, dy: np.ndarray, dx: np.ndarray) -> np.ndarray:
    """Move image ``n`` by ``dy[n]`` pixels down and ``dx[n]`` right; uncovered pixels are 0.

    Output pixel ``(r, c)`` takes input pixel ``(r − dy, c − dx)``, or 0 when that is outside.
    """
    n, c, h, w = x.shape
    rows = np.arange(h) - dy[:, None]                            # (N, H) source row of each output row
    cols = np.arange(w) - dx[:, None]                            # (N, W)
    inside = ((rows >= 0) & (rows < h))[:, :, None] & ((cols >= 0) & (cols < w))[:, None, :]
    out = x[np.arange(n)[:, None, None, None], np.arange(c)[None, :, None, None],
            rows.clip(0, h - 1)[:, None, :, None], cols.clip(0, w - 1)[:, None, None, :]]
    return out * inside[:, None]                                 # zero what came from outside
# --8<-- [end:shift]


# --8<-- [start:rotate]
def rotate(x: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """Rotate image ``n`` by ``angle[n]`` degrees counter-clockwise about its centre (bilinear, 0 outside).

    For every output pixel we ask where it came from: rotate its offset from the centre back by
    −angle (rows grow downwards, hence the signs), and interpolate the input there.
    """
    n, c, h, w = x.shape
    cy, cx = (h - 1) / 2, (w - 1) / 2
    cos, sin = [f(np.deg2rad(angle))[:, None, None] for f in (np.cos, np.sin)]   # (N, 1, 1)
    v, u = np.meshgrid(np.arange(h) - cy, np.arange(w) - cx, indexing="ij")     # (H, W) offsets
    r_src = cy + sin * u + cos * v                               # (N, H, W) source coordinates
    c_src = cx + cos * u - sin * v
    r0, c0 = np.floor(r_src).astype(int), np.floor(c_src).astype(int)
    out = np.zeros_like(x)
    for dr in (0, 1):                                            # the 4 neighbours, bilinear weights
        for dc in (0, 1):
            r, col = r0 + dr, c0 + dc
            weight = (1 - np.abs(r_src - r)) * (1 - np.abs(c_src - col))
            weight = weight * ((r >= 0) & (r < h) & (col >= 0) & (col < w))   # outside counts as 0
            values = x[np.arange(n)[:, None, None, None], np.arange(c)[None, :, None, None],
                       r.clip(0, h - 1)[:, None], col.clip(0, w - 1)[:, None]]
            out += (weight[:, None] * values).astype(x.dtype)
    return out
# --8<-- [end:rotate]


# --8<-- [start:color]
def color_jitter(x: np.ndarray, brightness: np.ndarray, contrast: np.ndarray,
                 saturation: np.ndarray) -> np.ndarray:
    """Brightness, then contrast, then saturation, each a blend; pixel values stay in [0, 1].

    brightness: ``x · b``; contrast: ``m + c · (x − m)``, ``m`` = mean grey of the image;
    saturation: ``g + s · (x − g)``, ``g`` = grey of the pixel (for RGB; one channel is grey already).
    """
    def per_image(f: np.ndarray) -> np.ndarray:
        return f.astype(x.dtype)[:, None, None, None]

    x = np.clip(x * per_image(brightness), 0, 1)
    mean = grey(x).mean(axis=(1, 2, 3), keepdims=True)
    x = np.clip(mean + per_image(contrast) * (x - mean), 0, 1)
    g = grey(x)
    return np.clip(g + per_image(saturation) * (x - g), 0, 1)
# --8<-- [end:color]


def grey(x: np.ndarray) -> np.ndarray:
    """(N, C, H, W) → (N, 1, H, W): the luma of RGB images, the image itself for one channel."""
    if x.shape[1] == 1:
        return x
    return np.tensordot(np.asarray(LUMA, x.dtype), x, axes=([0], [1]))[:, None]


# --8<-- [start:canvas]
def place_on_canvas(X: np.ndarray, size: int = 12, seed: int = 0) -> np.ndarray:
    """Put every image at a random position of an empty ``size×size`` canvas (a big random `shift`).

    X : (N, C, h, w) → (N, C, size, size); the offsets of the top-left corner are uniform in
    ``0..size-h`` (rows) and ``0..size-w`` (columns).
    """
    n, c, h, w = X.shape
    rng = np.random.default_rng(seed)
    dy, dx = rng.integers(0, size - h + 1, n), rng.integers(0, size - w + 1, n)
    canvas = np.zeros((n, c, size, size), X.dtype)
    canvas[:, :, :h, :w] = X                                     # top-left corner first
    return shift(canvas, dy, dx)
# --8<-- [end:canvas]


def augment(x: np.ndarray, p: AugParams) -> np.ndarray:
    """Flip → rotate → shift → colour, with the parameters ``p`` of every image."""
    return color_jitter(shift(rotate(hflip(x, p.flip), p.angle), p.dy, p.dx), p.brightness, p.contrast, p.saturation)


# ---------------------------------------------------------------------------------------------
# torch: the same semantics (tests feed both the same AugParams)


def hflip_torch(x: torch.Tensor, flip: torch.Tensor) -> torch.Tensor:
    """`hflip` in torch."""
    return torch.where(flip[:, None, None, None], x.flip(-1), x)


# --8<-- [start:shift_torch]
def shift_torch(x: torch.Tensor, dy: torch.Tensor, dx: torch.Tensor) -> torch.Tensor:
    """`shift` in torch: the same gather of source pixels ``(r − dy, c − dx)``."""
    n, c, h, w = x.shape
    rows = torch.arange(h, device=x.device) - dy[:, None]
    cols = torch.arange(w, device=x.device) - dx[:, None]
    inside = ((rows >= 0) & (rows < h))[:, :, None] & ((cols >= 0) & (cols < w))[:, None, :]
    out = x[torch.arange(n, device=x.device)[:, None, None, None], torch.arange(c, device=x.device)[None, :, None, None],
            rows.clamp(0, h - 1)[:, None, :, None], cols.clamp(0, w - 1)[:, None, None, :]]
    return out * inside[:, None]
# --8<-- [end:shift_torch]


# --8<-- [start:rotate_torch]
def rotate_torch(x: torch.Tensor, angle: torch.Tensor) -> torch.Tensor:
    """`rotate` in torch with ``affine_grid`` + ``grid_sample`` (bilinear, zeros outside).

    ``affine_grid`` maps output coordinates in [−1, 1] (x right, y down) to input ones; with
    ``align_corners=True`` ±1 are the centres of the edge pixels, so a pixel offset ``u`` from the
    centre is ``u / ((W − 1)/2)``: non-square images need the ratio ``sy / sx`` in the matrix.
    """
    n, _, h, w = x.shape
    sx, sy = (w - 1) / 2, (h - 1) / 2
    rad = torch.deg2rad(angle.to(x.dtype))
    cos, sin = torch.cos(rad), torch.sin(rad)
    zero = torch.zeros_like(cos)
    theta = torch.stack([torch.stack([cos, -sin * sy / sx, zero], 1),
                         torch.stack([sin * sx / sy, cos, zero], 1)], 1)      # (N, 2, 3)
    grid = nn.functional.affine_grid(theta, list(x.shape), align_corners=True)
    return nn.functional.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)
# --8<-- [end:rotate_torch]


def grey_torch(x: torch.Tensor) -> torch.Tensor:
    """`grey` in torch."""
    if x.shape[1] == 1:
        return x
    return torch.einsum("c,nchw->nhw", torch.tensor(LUMA, dtype=x.dtype, device=x.device), x)[:, None]


# --8<-- [start:color_torch]
def color_jitter_torch(x: torch.Tensor, brightness: torch.Tensor, contrast: torch.Tensor,
                       saturation: torch.Tensor) -> torch.Tensor:
    """`color_jitter` in torch."""
    def per_image(f: torch.Tensor) -> torch.Tensor:
        return f.to(x.dtype)[:, None, None, None]

    x = (x * per_image(brightness)).clamp(0, 1)
    mean = grey_torch(x).mean(dim=(1, 2, 3), keepdim=True)
    x = (mean + per_image(contrast) * (x - mean)).clamp(0, 1)
    g = grey_torch(x)
    return (g + per_image(saturation) * (x - g)).clamp(0, 1)
# --8<-- [end:color_torch]


def augment_torch(x: torch.Tensor, p: AugParams) -> torch.Tensor:
    """`augment` in torch; ``p`` holds numpy arrays (moved to ``x.device`` here)."""
    t = AugParams(*(torch.as_tensor(a, device=x.device) for a in p))
    return color_jitter_torch(shift_torch(rotate_torch(hflip_torch(x, t.flip), t.angle), t.dy, t.dx),
                              t.brightness, t.contrast, t.saturation)


# --8<-- [start:module]
class RandomAugment(nn.Module):
    """Augments every batch while the model trains; does nothing in ``model.eval()``.

    Put it first in an ``nn.Sequential``: `lectureref.training.fit` calls ``model.train()``
    before the updates and ``evaluate`` calls ``model.eval()``, exactly as for dropout.
    ``kwargs`` go to `random_params` (e.g. ``max_shift=1, max_angle=15``).
    """

    def __init__(self, seed: int = 0, **kwargs: float) -> None:
        super().__init__()
        self.rng, self.kwargs = np.random.default_rng(seed), kwargs

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return x
        return augment_torch(x, random_params(len(x), self.rng, **self.kwargs))
# --8<-- [end:module]
