r"""Object detection: box IoU, non-maximum suppression and a YOLO-style one-shot grid detector.

Lecture 7 (second part). A detector outputs boxes ``(x1, y1, x2, y2)`` with a confidence. A
one-shot detector (YOLO) cuts the image into a $G \times G$ grid; each cell predicts whether the
centre of an object falls into it (objectness) and the box relative to the cell. Overlapping
predictions of the same object are then removed by non-maximum suppression (NMS).
torchvision (which has ``box_iou`` and ``nms``) does not install beside this torch, so both are
written here twice, numpy and torch, and tested against a brute-force reference.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.nn.functional import sigmoid
from lectureref.data import Shapes
from lectureref.training import TrainConfig


# --8<-- [start:box_iou]
def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pairwise IoU of boxes ``a`` (N, 4) and ``b`` (M, 4), format ``(x1, y1, x2, y2)`` → (N, M).

    Two empty boxes (zero area) overlap by 0, not by 0/0; a box with ``x2 < x1`` or ``y2 < y1`` is an error.
    """
    for boxes in (a, b):
        if len(boxes) and (np.any(boxes[:, 2] < boxes[:, 0]) or np.any(boxes[:, 3] < boxes[:, 1])):
            raise ValueError("boxes must be (x1, y1, x2, y2) with x2 ≥ x1 and y2 ≥ y1")
    lt = np.maximum(a[:, None, :2], b[None, :, :2])          # (N, M, 2) top-left of the overlap
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])          # (N, M, 2) bottom-right
    inter = np.clip(rb - lt, 0, None).prod(axis=-1)          # 0 when the boxes do not overlap
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.divide(inter, union, out=np.zeros(union.shape), where=union > 0)
# --8<-- [end:box_iou]


def box_iou_torch(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """The torch twin of `box_iou`."""
    lt = torch.maximum(a[:, None, :2], b[None, :, :2])
    rb = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(dim=-1)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return torch.where(union > 0, inter / union.clamp(min=torch.finfo(union.dtype).tiny), 0.0)


# --8<-- [start:nms]
def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float = 0.5) -> np.ndarray:
    """Greedy NMS: indices of the kept boxes, highest score first.

    Take the best remaining box, drop every remaining box that overlaps it by more than
    ``iou_threshold``, repeat. One loop step per *kept* box; the comparisons are vectorised.
    """
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        best, order = order[0], order[1:]
        keep.append(best)
        order = order[box_iou(boxes[best : best + 1], boxes[order])[0] <= iou_threshold]
    return np.array(keep, dtype=np.int64)
# --8<-- [end:nms]


def nms_torch(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float = 0.5) -> torch.Tensor:
    """The torch twin of `nms` (what ``torchvision.ops.nms`` computes)."""
    order = torch.sort(scores, descending=True, stable=True).indices
    keep = []
    while order.numel():
        best, order = order[0], order[1:]
        keep.append(best)
        order = order[box_iou_torch(boxes[best : best + 1], boxes[order])[0] <= iou_threshold]
    return torch.stack(keep) if keep else torch.zeros(0, dtype=torch.int64)


# ---------------------------------------------------------------------------------------------
# YOLO-style grid detector: one box per cell. Channels: objectness, x, y (offset of the centre
# inside the cell, through a sigmoid), w, h (fraction of the image, through a sigmoid).


def encode_targets(boxes: list[np.ndarray], size: int = 32, grid: int = 4) -> np.ndarray:
    """The training target ``(N, 5, G, G)``: the cell holding a box centre gets objectness 1 and the box."""
    cell = size / grid
    target = np.zeros((len(boxes), 5, grid, grid), dtype=np.float32)
    for i, b in enumerate(boxes):
        cx, cy = (b[:, 0] + b[:, 2]) / 2 / cell, (b[:, 1] + b[:, 3]) / 2 / cell   # in cells
        gx, gy = cx.astype(int), cy.astype(int)
        target[i, :, gy, gx] = np.stack(
            [np.ones_like(cx), cx - gx, cy - gy, (b[:, 2] - b[:, 0]) / size, (b[:, 3] - b[:, 1]) / size], axis=1
        )
    return target


def decode(out: np.ndarray, size: int = 32, threshold: float = 0.5) -> list[tuple[np.ndarray, np.ndarray]]:
    """Raw outputs ``(N, 5, G, G)`` → per image ``(boxes (k, 4), scores (k,))`` with score > ``threshold``."""
    grid = out.shape[-1]
    cell = size / grid
    gy, gx = np.mgrid[0:grid, 0:grid]
    score, tx, ty, tw, th = sigmoid(out.astype(np.float64)).transpose(1, 0, 2, 3)   # each (N, G, G)
    cx, cy, w, h = (gx + tx) * cell, (gy + ty) * cell, tw * size, th * size
    boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=-1)      # (N, G, G, 4)
    return [(boxes[i][score[i] > threshold], score[i][score[i] > threshold]) for i in range(len(out))]


# --8<-- [start:yolo_loss]
def yolo_loss_torch(
    out: torch.Tensor, target: torch.Tensor, box_weight: float = 5.0, empty_weight: float = 0.5,
) -> torch.Tensor:
    """BCE of objectness over all cells (an empty cell weighs ``empty_weight``)
    + ``box_weight`` · MSE of the box over cells with an object (YOLO's λ_noobj and λ_coord)."""
    obj = target[:, 0]
    bce = nn.functional.binary_cross_entropy_with_logits(out[:, 0], obj, reduction="none")   # (N, G, G)
    loss_obj = (bce * (obj + empty_weight * (1 - obj))).mean()   # most cells are empty: weigh them less
    box_err = ((torch.sigmoid(out[:, 1:]) - target[:, 1:]) ** 2).sum(1)    # (N, G, G)
    loss_box = (box_err * obj).sum() / obj.sum().clamp(min=1)              # only cells that own a box
    return loss_obj + box_weight * loss_box
# --8<-- [end:yolo_loss]


# --8<-- [start:grid_detector]
def grid_detector(width: int = 16) -> nn.Sequential:
    """A small CNN: three conv + max-pool stages take 32×32 to a 4×4 grid, a 1×1 conv gives 5 numbers a cell."""
    w = width
    return nn.Sequential(
        nn.Conv2d(1, w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),           # 16×16
        nn.Conv2d(w, 2 * w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),       # 8×8
        nn.Conv2d(2 * w, 2 * w, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),   # 4×4: a cell sees ≥ 22 px
        nn.Conv2d(2 * w, 2 * w, 3, padding=1), nn.ReLU(),
        nn.Conv2d(2 * w, 5, 1),
    )
# --8<-- [end:grid_detector]


def train_detector(model: nn.Module, data: Shapes, config: TrainConfig = TrainConfig()) -> list[float]:
    """Train with Adam on `encode_targets` of ``data``; returns the mean loss of each epoch."""
    cfg = config.over(TrainConfig(epochs=15, lr=3e-3, batch_size=32, seed=0))
    lr, batch_size, seed = cfg.lr, cfg.batch_size, cfg.seed
    from lectureref.training import fit, loader

    size = data.images.shape[-1]
    with torch.no_grad():   # the model's own grid: the side of its output map
        grid = model(torch.zeros(1, *data.images.shape[1:], device=next(model.parameters()).device)).shape[-1]
    torch.manual_seed(seed)
    history = fit(
        model, loader(data.images, encode_targets(data.boxes, size, grid), batch_size, shuffle=True, seed=seed),
        config=cfg, optimizer=torch.optim.Adam(model.parameters(), lr=lr), loss_fn=yolo_loss_torch, progress=False,
    )
    return history.train_loss


@torch.no_grad()
def detect(
    model: nn.Module, images: np.ndarray, threshold: float = 0.5, iou_threshold: float = 0.5,
    device: torch.device | None = None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Boxes and scores for each image: decode the grid, then NMS."""
    device = device or get_device()
    out = model.to(device).eval()(torch.as_tensor(images, device=device)).cpu().numpy()
    found = decode(out, size=images.shape[-1], threshold=threshold)
    return [(b[keep], s[keep]) for b, s in found for keep in [nms(b, s, iou_threshold)]]


class PR(NamedTuple):
    """Precision, recall and the counts behind them."""

    precision: float
    recall: float
    true_positives: int
    n_predicted: int
    n_true: int


# --8<-- [start:precision_recall]
def precision_recall(
    predictions: list[tuple[np.ndarray, np.ndarray]], truth: list[np.ndarray], iou_threshold: float = 0.5
) -> PR:
    """A prediction is a true positive if it overlaps a not yet matched true box with IoU ≥ threshold.

    Predictions are matched in order of score, each true box at most once: a duplicate of an
    already found object counts as a false positive.
    """
    tp = n_pred = n_true = 0
    for (boxes, scores), gt in zip(predictions, truth):
        n_pred, n_true = n_pred + len(boxes), n_true + len(gt)
        if not len(boxes) or not len(gt):
            continue
        ious = box_iou(boxes[np.argsort(-scores)], gt)     # (predicted, true)
        free = np.ones(len(gt), dtype=bool)
        for row in ious:
            j = np.argmax(np.where(free, row, -1.0))       # best still unmatched true box
            if free[j] and row[j] >= iou_threshold:
                free[j], tp = False, tp + 1
    return PR(tp / max(n_pred, 1), tp / max(n_true, 1), tp, n_pred, n_true)
# --8<-- [end:precision_recall]
