r"""Mean average precision (mAP), the detection metric, from scratch in numpy — COCO's definition.

For one class and one IoU threshold: sort all detections of that class (over every image) by
score; walk down the list, and call a detection a true positive when it overlaps a ground-truth box
of its image by IoU ≥ the threshold and that box is not taken yet (the highest-IoU free box), else a
false positive. After each detection, precision = TP / (TP + FP) and recall = TP / (number of
ground-truth boxes). Average precision (AP) is the area under the precision-recall curve, with
precision first made non-increasing ("interpolated") and read at 101 recall levels 0, 0.01, …, 1.
mAP averages AP over the classes; COCO's mAP also over IoU thresholds 0.50, 0.55, …, 0.95.

Checked against ``pycocotools`` (the reference COCO evaluation) in the tests and the page's
snippet. The IoU itself is lecture 7's (`lectureref.detection.box_iou` computes the same).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

COCO_IOUS = np.linspace(0.5, 0.95, 10)
RECALL_LEVELS = np.linspace(0.0, 1.0, 101)


class Detections(NamedTuple):
    """Boxes of one image ``(x1, y1, x2, y2)`` (n, 4), their class labels (n,) and — for
    predictions — scores (n,)."""

    boxes: np.ndarray
    labels: np.ndarray
    scores: np.ndarray | None = None


def iou_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of every box in ``a`` (n, 4) with every box in ``b`` (m, 4): (n, m)."""
    lt = np.maximum(a[:, None, :2], b[None, :, :2])
    rb = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.prod(np.clip(rb - lt, 0, None), axis=2)
    area = lambda x: (x[:, 2] - x[:, 0]) * (x[:, 3] - x[:, 1])  # noqa: E731
    return inter / (area(a)[:, None] + area(b)[None, :] - inter)


# --8<-- [start:match]
def match_image(pred: np.ndarray, scores: np.ndarray, truth: np.ndarray, iou_threshold: float) -> np.ndarray:
    """True/false positive flag of each prediction of one class in one image, by falling score.

    Each prediction takes the free ground-truth box it overlaps most, if that IoU ≥ the threshold;
    a box once taken cannot make a second prediction a true positive (a duplicate is an FP).
    """
    order = np.argsort(-scores, kind="stable")
    iou = iou_matrix(pred[order], truth) if len(truth) else np.zeros((len(pred), 0))
    taken = np.zeros(len(truth), dtype=bool)
    tp = np.zeros(len(pred), dtype=bool)
    for i in range(len(pred)):
        candidates = np.where(taken, -1.0, iou[i])
        if len(truth) and candidates.max() >= iou_threshold:
            j = int(candidates.argmax())
            taken[j] = tp[i] = True
    return tp
# --8<-- [end:match]


# --8<-- [start:ap]
def average_precision(tp: np.ndarray, scores: np.ndarray, n_truth: int) -> float:
    """AP from the TP flags and scores of all detections of a class: 101-point interpolated area."""
    order = np.argsort(-scores, kind="stable")
    tp = tp[order]
    tp_cum, fp_cum = np.cumsum(tp), np.cumsum(~tp)
    recall = tp_cum / n_truth
    precision = tp_cum / np.maximum(tp_cum + fp_cum, np.finfo(float).eps)
    precision = np.maximum.accumulate(precision[::-1])[::-1]      # best precision at any recall ≥ r
    idx = np.searchsorted(recall, RECALL_LEVELS, side="left")    # first point reaching each level
    return float(np.where(idx < len(recall), precision[np.minimum(idx, len(recall) - 1)], 0.0).mean())
# --8<-- [end:ap]


# --8<-- [start:map]
def mean_average_precision(preds: list[Detections], truths: list[Detections],
                           iou_thresholds: np.ndarray = COCO_IOUS) -> float:
    """mAP over the classes that have ground truth and over ``iou_thresholds`` (COCO: 0.50:0.95)."""
    classes = np.unique(np.concatenate([t.labels for t in truths]))
    aps = []
    for c in classes:
        for thr in iou_thresholds:
            flags, scores, n_truth = [], [], 0
            for p, t in zip(preds, truths):                 # match inside each image ...
                pm, tm = p.labels == c, t.labels == c
                order = np.argsort(-p.scores[pm], kind="stable")
                flags.append(match_image(p.boxes[pm], p.scores[pm], t.boxes[tm], thr))
                scores.append(p.scores[pm][order])
                n_truth += int(tm.sum())
            # ... then rank every detection of the class over all images together
            aps.append(average_precision(np.concatenate(flags), np.concatenate(scores), n_truth))
    return float(np.mean(aps))
# --8<-- [end:map]


def make_detection_set(n_images: int = 20, n_classes: int = 3, seed: int = 0) -> tuple[list[Detections], list[Detections]]:
    """A synthetic detection result: ground truth, and predictions of varying quality.

    Each image has 1–4 objects. A prediction is a ground-truth box moved by noise of random
    strength (so its IoU ranges from near 1 to near 0), sometimes with the wrong class or twice;
    a few false alarms land anywhere. Better boxes tend to get higher scores, as from a detector.
    """
    rng = np.random.default_rng(seed)
    preds, truths = [], []
    for _ in range(n_images):
        k = int(rng.integers(1, 5))
        xy = rng.uniform(0, 80, (k, 2))
        wh = rng.uniform(10, 40, (k, 2))
        gt = np.concatenate([xy, xy + wh], 1)
        labels = rng.integers(0, n_classes, k)
        boxes, plabels, scores = [], [], []
        for box, label, size in zip(gt, labels, wh):
            for _ in range(int(rng.choice([0, 1, 1, 1, 2]))):          # missed, found, found twice
                noise = rng.uniform(0.0, 0.4)
                boxes.append(box + rng.normal(0, noise, 4) * np.tile(size, 2))
                plabels.append(label if rng.random() > 0.1 else rng.integers(0, n_classes))
                scores.append(np.clip(1 - noise + rng.normal(0, 0.15), 0.01, 0.99))
        for _ in range(int(rng.integers(0, 3))):                         # false alarms
            xy1 = rng.uniform(0, 80, 2)
            boxes.append(np.concatenate([xy1, xy1 + rng.uniform(10, 40, 2)]))
            plabels.append(rng.integers(0, n_classes))
            scores.append(rng.uniform(0.01, 0.6))
        b = np.array(boxes).reshape(-1, 4)
        b = np.concatenate([np.minimum(b[:, :2], b[:, 2:] - 1), np.maximum(b[:, 2:], b[:, :2] + 1)], 1)
        preds.append(Detections(b, np.array(plabels, dtype=int), np.array(scores, dtype=float)))
        truths.append(Detections(gt, labels))
    return preds, truths


# --8<-- [start:coco]
def coco_map(preds: list[Detections], truths: list[Detections]) -> tuple[float, float]:
    """mAP@[0.50:0.95] and AP@0.50 by ``pycocotools`` (the reference COCO evaluation), silenced."""
    import contextlib
    import io

    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    xywh = lambda b: [float(b[0]), float(b[1]), float(b[2] - b[0]), float(b[3] - b[1])]  # noqa: E731
    classes = sorted({int(c) for t in truths for c in t.labels} | {int(c) for p in preds for c in p.labels})
    boxes = [(i, b, c) for i, t in enumerate(truths) for b, c in zip(t.boxes, t.labels)]
    gt = {"images": [{"id": i} for i in range(len(truths))], "categories": [{"id": c} for c in classes],
          "annotations": [{"id": k, "image_id": i, "category_id": int(c), "bbox": xywh(b), "iscrowd": 0,
                           "area": float((b[2] - b[0]) * (b[3] - b[1]))} for k, (i, b, c) in enumerate(boxes, start=1)]}
    dets = [{"image_id": i, "category_id": int(c), "bbox": xywh(b), "score": float(s)}
            for i, p in enumerate(preds) for b, c, s in zip(p.boxes, p.labels, p.scores)]
    with contextlib.redirect_stdout(io.StringIO()):
        coco = COCO()
        coco.dataset = gt
        coco.createIndex()
        evaluation = COCOeval(coco, coco.loadRes(dets), iouType="bbox")
        evaluation.evaluate()
        evaluation.accumulate()
    precision = evaluation.eval["precision"][:, :, :, 0, -1]      # (IoU, recall, class), all areas, 100 dets
    mean = lambda p: float(p[p > -1].mean())  # noqa: E731 — −1 marks a class without ground truth
    return mean(precision), mean(precision[0])
# --8<-- [end:coco]
