"""lectureref.detection: box IoU and NMS (numpy, torch, brute force), target encoding, matching."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.data import make_rectangles
from lectureref.detection import (
    box_iou,
    box_iou_torch,
    decode,
    encode_targets,
    grid_detector,
    nms,
    nms_torch,
    precision_recall,
    yolo_loss_torch,
)


def _random_boxes(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 20, (n, 2))
    return np.concatenate([xy, xy + rng.uniform(2, 10, (n, 2))], axis=1)


def _iou_scalar(a, b) -> float:
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h
    return w * h / union


def _nms_bruteforce(boxes, scores, thr) -> list[int]:
    """Keep a box iff it does not overlap any already kept, better-scored box by more than thr."""
    keep: list[int] = []
    for i in sorted(range(len(boxes)), key=lambda i: -scores[i]):
        if all(_iou_scalar(boxes[i], boxes[j]) <= thr for j in keep):
            keep.append(i)
    return keep


def test_box_iou_matches_scalar_formula_and_torch() -> None:
    a, b = _random_boxes(7, 0), _random_boxes(5, 1)
    ious = box_iou(a, b)
    brute = np.array([[_iou_scalar(x, y) for y in b] for x in a])
    np.testing.assert_allclose(ious, brute, rtol=1e-12)
    np.testing.assert_allclose(box_iou_torch(torch.tensor(a), torch.tensor(b)).numpy(), ious, rtol=1e-12)
    assert np.allclose(np.diag(box_iou(a, a)), 1.0)
    assert box_iou(np.array([[0, 0, 2, 2.0]]), np.array([[1, 0, 3, 2.0]]))[0, 0] == 2 / 6


def test_nms_matches_bruteforce_and_torch() -> None:
    for seed in range(5):
        boxes, scores = _random_boxes(40, seed), np.random.default_rng(seed + 10).random(40)
        for thr in (0.1, 0.3, 0.5):
            expected = _nms_bruteforce(boxes, scores, thr)
            assert nms(boxes, scores, thr).tolist() == expected
            assert nms_torch(torch.tensor(boxes), torch.tensor(scores), thr).tolist() == expected


def test_encode_decode_roundtrip() -> None:
    data = make_rectangles(10, seed=2)
    target = encode_targets(data.boxes)
    assert target[:, 0].sum() == sum(len(b) for b in data.boxes)       # one cell per box
    logits = np.log(np.clip(target, 1e-9, 1 - 1e-9) / np.clip(1 - target, 1e-9, 1))   # σ⁻¹(target)
    for (boxes, _scores), gt in zip(decode(logits), data.boxes):
        assert len(boxes) == len(gt)
        assert box_iou(boxes, gt).max(axis=1).min() > 0.999


def test_precision_recall_counts_duplicates_as_false_positives() -> None:
    gt = [np.array([[0, 0, 10, 10.0], [20, 20, 30, 30.0]])]
    pred = [(np.array([[0, 0, 10, 10.0], [1, 0, 11, 10.0], [50, 50, 60, 60.0]]), np.array([0.9, 0.8, 0.7]))]
    pr = precision_recall(pred, gt)
    assert (pr.true_positives, pr.n_predicted, pr.n_true) == (1, 3, 2)
    assert np.isclose(pr.precision, 1 / 3) and np.isclose(pr.recall, 1 / 2)


def test_yolo_loss_is_zero_only_for_the_target_and_model_shape() -> None:
    target = torch.as_tensor(encode_targets(make_rectangles(4, seed=5).boxes), dtype=torch.float64)
    assert grid_detector()(torch.zeros(2, 1, 32, 32)).shape == (2, 5, 4, 4)
    exact = torch.logit(target.clamp(1e-12, 1 - 1e-12))
    assert yolo_loss_torch(exact, target) < 1e-9
    moved = exact.clone()
    moved[:, 1:] += 1.0                                   # boxes off, objectness still right
    assert yolo_loss_torch(moved, target) > 1e-3
