r"""Anchor boxes and the SSD head: default boxes on several feature maps, matching, offsets.

Lecture 7, in its part on detection, calls SSD a one-stage detector with a feature pyramid. SSD (single shot
multibox detector) puts a few *anchor* (default) boxes of set sizes and aspect ratios at every cell
of several feature maps — coarse maps with large anchors for large objects, fine maps with small
anchors for small ones — and for every anchor predicts class scores and four offsets that move and
stretch it into the object's box:

$$
t_x = \frac{c_x - a_x}{a_w},\quad t_y = \frac{c_y - a_y}{a_h},\quad
t_w = \log\frac{w}{a_w},\quad t_h = \log\frac{h}{a_h}.
$$

For training, an anchor whose IoU with a ground-truth box is at least 0.5 — and, for every object,
its best anchor — gets that object as its target; the rest are background. Boxes are
``(x1, y1, x2, y2)`` in pixels; anchors are made in ``(cx, cy, w, h)`` and converted.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn


def to_corners(b: np.ndarray) -> np.ndarray:
    """``(cx, cy, w, h)`` → ``(x1, y1, x2, y2)``."""
    return np.concatenate([b[:, :2] - b[:, 2:] / 2, b[:, :2] + b[:, 2:] / 2], axis=1)


def to_center(b: np.ndarray) -> np.ndarray:
    """``(x1, y1, x2, y2)`` → ``(cx, cy, w, h)``."""
    return np.concatenate([(b[:, :2] + b[:, 2:]) / 2, b[:, 2:] - b[:, :2]], axis=1)


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box of ``a`` (n, 4) with every box of ``b`` (m, 4), corners format: (n, m)."""
    lt, rb = np.maximum(a[:, None, :2], b[None, :, :2]), np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.prod(np.clip(rb - lt, 0, None), axis=2)
    area = lambda x: np.prod(x[:, 2:] - x[:, :2], axis=1)  # noqa: E731
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


# --8<-- [start:anchors]
def make_anchors(image_size: int, grids: list[int], sizes: list[float],
                 ratios: tuple[float, ...] = (1.0, 2.0, 0.5)) -> np.ndarray:
    """Anchors of every level: a ``g × g`` grid with boxes of ``size`` and each aspect ratio w/h.

    Level ``i`` has ``grids[i]² · len(ratios)`` anchors, in the order (row, column, ratio) — the
    order the SSD head's outputs are flattened in. Returns corners (A, 4).
    """
    levels = []
    for g, size in zip(grids, sizes):
        step = image_size / g
        centers = (np.arange(g) + 0.5) * step                       # cell centres in pixels
        cy, cx = np.meshgrid(centers, centers, indexing="ij")
        for_cell = [(size * np.sqrt(r), size / np.sqrt(r)) for r in ratios]   # same area, w/h = r
        wh = np.array(for_cell)                                     # (R, 2)
        cells = np.stack([cx.ravel(), cy.ravel()], 1)               # (g², 2)
        boxes = np.concatenate([np.repeat(cells, len(ratios), 0), np.tile(wh, (g * g, 1))], 1)
        levels.append(to_corners(boxes))
    return np.concatenate(levels)
# --8<-- [end:anchors]


# --8<-- [start:encode]
def encode(boxes: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """Offsets ``(t_x, t_y, t_w, t_h)`` that turn each anchor into its box (both corners, (n, 4))."""
    b, a = to_center(boxes), to_center(anchors)
    return np.concatenate([(b[:, :2] - a[:, :2]) / a[:, 2:], np.log(b[:, 2:] / a[:, 2:])], axis=1)


def decode(offsets: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    """The inverse of `encode`: boxes (corners) from the predicted offsets."""
    a = to_center(anchors)
    return to_corners(np.concatenate([a[:, :2] + offsets[:, :2] * a[:, 2:], a[:, 2:] * np.exp(offsets[:, 2:])], axis=1))
# --8<-- [end:encode]


def encode_torch(boxes: torch.Tensor, anchors: torch.Tensor) -> torch.Tensor:
    """`encode` in torch (differentiable, any device)."""
    def center(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return (x[:, :2] + x[:, 2:]) / 2, x[:, 2:] - x[:, :2]

    (bc, bwh), (ac, awh) = center(boxes), center(anchors)
    return torch.cat([(bc - ac) / awh, torch.log(bwh / awh)], dim=1)


# --8<-- [start:match]
def match_anchors(anchors: np.ndarray, truth: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Index of the object each anchor must predict, −1 for background.

    An anchor takes the object it overlaps most if that IoU ≥ ``threshold``; besides, every object
    takes its best anchor whatever the IoU, so that no object is left without a target.
    """
    iou = box_iou(anchors, truth)                    # (A, n)
    target = np.where(iou.max(1) >= threshold, iou.argmax(1), -1)
    target[iou.argmax(0)] = np.arange(len(truth))    # each object's best anchor is forced to it
    return target
# --8<-- [end:match]


def best_anchor_iou(anchors: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """For each object, the IoU of its best anchor: how well the anchor set covers it (n,)."""
    return box_iou(anchors, truth).max(0)


# --8<-- [start:head]
class SSDHead(nn.Module):
    """For each feature map: one 3×3 conv for the class scores and one for the offsets of every anchor.

    A map (N, C_i, g_i, g_i) gives (N, g_i²·R, classes + 1) scores and (N, g_i²·R, 4) offsets,
    in the order of `make_anchors`; the levels are concatenated.
    """

    def __init__(self, channels: list[int], classes: int, ratios: int = 3) -> None:
        super().__init__()
        self.k, self.r = classes + 1, ratios              # + 1: background
        self.cls = nn.ModuleList(nn.Conv2d(c, ratios * self.k, 3, padding=1) for c in channels)
        self.box = nn.ModuleList(nn.Conv2d(c, ratios * 4, 3, padding=1) for c in channels)

    def forward(self, features: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        scores, offsets = [], []
        for f, cls, box in zip(features, self.cls, self.box):
            n = len(f)
            scores.append(cls(f).permute(0, 2, 3, 1).reshape(n, -1, self.k))   # (row, col, ratio)
            offsets.append(box(f).permute(0, 2, 3, 1).reshape(n, -1, 4))
        return torch.cat(scores, 1), torch.cat(offsets, 1)
# --8<-- [end:head]


def random_objects(n: int, image_size: int = 64, min_size: float = 6.0, max_size: float = 40.0, seed: int = 0) -> np.ndarray:
    """``n`` boxes (corners) of random size (log-uniform) and aspect ratio from 1:2 to 2:1 inside the image."""
    rng = np.random.default_rng(seed)
    size = np.exp(rng.uniform(np.log(min_size), np.log(max_size), n))
    ratio = np.exp(rng.uniform(np.log(0.5), np.log(2.0), n))
    wh = np.stack([size * np.sqrt(ratio), size / np.sqrt(ratio)], 1)
    c = rng.uniform(wh / 2, image_size - wh / 2)
    return to_corners(np.concatenate([c, wh], 1))
