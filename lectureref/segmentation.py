r"""Semantic segmentation: per-pixel classification with a fully convolutional net and a U-Net.

Lecture 7. The network outputs one logit per pixel, the same resolution as the input. Losses:
binary cross-entropy per pixel, soft Dice $1 - \frac{2\sum p y}{\sum p + \sum y}$ (it looks at the
overlap of the whole mask, so a small object is not drowned by the background), and their sum.
Each loss is written in numpy with its backward pass and in torch. The data are generated:
circles and rectangles on noise, with their exact masks and boxes (detection uses them too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.data import Shapes
from lectureref.device import get_device
from lectureref.nn.functional import sigmoid
from lectureref.nn.losses import bce_with_logits
from lectureref.training import fit, loader, TrainConfig


# ---------------------------------------------------------------------------------------------
# Losses: numpy forward/backward and the torch twins. ``logits`` and ``target`` are (N, 1, H, W).


class DiceCache(NamedTuple):
    """What the soft Dice backward needs: probabilities, target, per-image sums."""

    p: np.ndarray
    target: np.ndarray
    intersection: np.ndarray
    total: np.ndarray
    eps: float


def bce_forward(logits: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean per-pixel BCE and ``dL/dlogits``: the logistic-regression loss applied to every pixel."""
    loss, dz = bce_with_logits(logits.ravel(), target.ravel())   # mean over all N·H·W pixels
    return loss, dz.reshape(logits.shape)


def dice_forward(logits: np.ndarray, target: np.ndarray, eps: float = 1.0) -> tuple[float, DiceCache]:
    r"""Soft Dice loss ``1 − mean_i (2 Σ p y + ε) / (Σ p + Σ y + ε)``, sums over each image's pixels.

    ``p = σ(logits)`` replaces the hard 0/1 prediction, so the loss is differentiable; ``ε``
    keeps an empty mask with an empty prediction at Dice 1 instead of 0/0.
    """
    # --8<-- [start:dice_forward]
    p = sigmoid(logits)
    axes = tuple(range(1, p.ndim))                       # every axis but the batch
    intersection = (p * target).sum(axis=axes)           # (N,)  Σ p·y
    total = p.sum(axis=axes) + target.sum(axis=axes)     # (N,)  Σ p + Σ y
    dice = (2 * intersection + eps) / (total + eps)
    loss = float(1.0 - dice.mean())
    # --8<-- [end:dice_forward]
    return loss, DiceCache(p, target, intersection, total, eps)


def dice_backward(dout: float, cache: DiceCache) -> np.ndarray:
    """``dL/dlogits`` of `dice_forward`, shape of the logits."""
    # --8<-- [start:dice_backward]
    p, y, inter, total, eps = cache
    shape = (-1,) + (1,) * (p.ndim - 1)                  # broadcast (N,) over the pixels
    inter, total = inter.reshape(shape), total.reshape(shape)
    # quotient rule: d/dp [(2I + ε)/(U + ε)] = 2y/(U + ε) − (2I + ε)/(U + ε)²
    ddice_dp = 2 * y / (total + eps) - (2 * inter + eps) / (total + eps) ** 2
    dp = -dout * ddice_dp / len(p)                       # loss = 1 − mean over N images
    return dp * p * (1 - p)                              # σ'(z) = p(1 − p)
    # --8<-- [end:dice_backward]


def bce_dice_forward(logits: np.ndarray, target: np.ndarray, eps: float = 1.0) -> tuple[float, np.ndarray]:
    """``BCE + Dice`` and its gradient: BCE gives every pixel a signal, Dice the mask overlap."""
    bce, dbce = bce_forward(logits, target)
    dice, cache = dice_forward(logits, target, eps)
    return bce + dice, dbce + dice_backward(1.0, cache)


def dice_loss_torch(logits: torch.Tensor, target: torch.Tensor, eps: float = 1.0) -> torch.Tensor:
    """The torch twin of `dice_forward` (autograd gives the backward)."""
    # --8<-- [start:dice_torch]
    p = torch.sigmoid(logits)
    dims = tuple(range(1, p.ndim))
    dice = (2 * (p * target).sum(dims) + eps) / (p.sum(dims) + target.sum(dims) + eps)
    return 1 - dice.mean()
    # --8<-- [end:dice_torch]


def bce_loss_torch(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Mean per-pixel BCE (``binary_cross_entropy_with_logits``, stable for any logit)."""
    return nn.functional.binary_cross_entropy_with_logits(logits, target)


def bce_dice_loss_torch(logits: torch.Tensor, target: torch.Tensor, eps: float = 1.0) -> torch.Tensor:
    """``BCE + Dice`` in torch: the loss the snippet trains the U-Net with."""
    return bce_loss_torch(logits, target) + dice_loss_torch(logits, target, eps)


def iou(pred: np.ndarray, target: np.ndarray) -> float:
    """Mean over images of ``|pred ∧ target| / |pred ∨ target|`` for 0/1 masks ``(N, ...)``.

    An image where both masks are empty counts as 1 (nothing to find, nothing found).
    """
    pred, target = pred.astype(bool), target.astype(bool)
    axes = tuple(range(1, pred.ndim))
    inter = (pred & target).sum(axis=axes)
    union = (pred | target).sum(axis=axes)
    return float(np.where(union > 0, inter / np.maximum(union, 1), 1.0).mean())


# ---------------------------------------------------------------------------------------------
# Models: no Linear layer anywhere, so any input size gives a mask of the same size.


def _conv_bn_relu(c_in: int, c_out: int) -> list[nn.Module]:
    """3×3 convolution (padding 1 keeps the resolution) → batch norm → ReLU.

    Without batch norm a few epochs of training can end with every ReLU dead and an
    all-background mask; batch norm keeps short runs stable across initial weights. The bias is
    dropped because batch norm subtracts the mean anyway.
    """
    return [nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU()]


def _block(c_in: int, c_out: int) -> nn.Sequential:
    """Two conv → BN → ReLU layers at the same resolution."""
    return nn.Sequential(*_conv_bn_relu(c_in, c_out), *_conv_bn_relu(c_out, c_out))


class FCN(nn.Module):
    """Fully convolutional net: a stack of 3×3 convolutions and a 1×1 convolution to one logit per pixel.

    Without downsampling its receptive field grows by only 2 pixels a layer.
    """

    def __init__(self, width: int = 16, depth: int = 4) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        for i in range(depth):
            layers += _conv_bn_relu(1 if i == 0 else width, width)
        self.net = nn.Sequential(*layers, nn.Conv2d(width, 1, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


# --8<-- [start:unet]
class UNet(nn.Module):
    """A two-level U-Net: the encoder halves the resolution twice, the decoder upsamples back and
    concatenates the encoder's features of the same resolution (skip connections)."""

    def __init__(self, width: int = 8) -> None:
        super().__init__()
        w = width
        self.enc1, self.enc2, self.bottom = _block(1, w), _block(w, 2 * w), _block(2 * w, 4 * w)
        self.pool = nn.MaxPool2d(2)
        self.up2 = nn.ConvTranspose2d(4 * w, 2 * w, 2, stride=2)   # ×2 resolution
        self.dec2 = _block(4 * w, 2 * w)                             # 2w upsampled + 2w skip
        self.up1 = nn.ConvTranspose2d(2 * w, w, 2, stride=2)
        self.dec1 = _block(2 * w, w)
        self.head = nn.Conv2d(w, 1, 1)                               # one logit per pixel

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e1 = self.enc1(x)                        # (N, w, H, W)      fine details
        e2 = self.enc2(self.pool(e1))            # (N, 2w, H/2, W/2)
        b = self.bottom(self.pool(e2))           # (N, 4w, H/4, W/4) large receptive field
        d2 = self.dec2(torch.cat([self.up2(b), e2], dim=1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))
        return self.head(d1)                     # (N, 1, H, W)
# --8<-- [end:unet]


def train_segmentation(
    model: nn.Module, data: Shapes, *, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] = bce_dice_loss_torch,
    config: TrainConfig = TrainConfig(),
) -> list[float]:
    """Train with Adam on ``data`` and return the training loss after each epoch.

    After the last epoch batch norm's running mean and variance are recomputed with the final
    weights (one pass over ``data``, ``torch.optim.swa_utils.update_bn``): in a short run the
    running averages still mix in statistics of earlier weights, and the net in ``eval()`` mode
    would normalise with stale ones (for some seeds the test IoU then drops by a tenth).
    """
    cfg = config.over(TrainConfig(epochs=8, lr=3e-3, batch_size=32, seed=0))
    lr, batch_size, seed, device = cfg.lr, cfg.batch_size, cfg.seed, cfg.device
    torch.manual_seed(seed)
    device = device or get_device()
    batches = loader(data.images, data.masks, batch_size, shuffle=True, seed=seed)
    history = fit(
        model, batches, config=cfg,
        optimizer=torch.optim.Adam(model.parameters(), lr=lr), loss_fn=loss_fn, progress=False,
    )
    torch.optim.swa_utils.update_bn(batches, model, device=device)   # fresh running statistics
    return history.train_loss


@torch.no_grad()
def predict_masks(model: nn.Module, images: np.ndarray, device: torch.device | None = None) -> np.ndarray:
    """Per-pixel probabilities ``σ(logits)`` as numpy, shape of ``images``."""
    device = device or get_device()
    model.to(device).eval()
    return torch.sigmoid(model(torch.as_tensor(images, device=device))).cpu().numpy()
