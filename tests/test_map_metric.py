"""lectureref.map_metric: AP by hand on a tiny case, duplicates and wrong classes, and pycocotools' COCOeval."""

from __future__ import annotations

import numpy as np
import pytest

from lectureref.detection import box_iou
from lectureref.map_metric import (
    Detections,
    average_precision,
    coco_map,
    iou_matrix,
    make_detection_set,
    match_image,
    mean_average_precision,
)

A, B = [0.0, 0.0, 10.0, 10.0], [20.0, 20.0, 30.0, 30.0]


def test_ap_by_hand_a_duplicate_is_a_false_positive() -> None:
    truth = Detections(np.array([A, B]), np.array([0, 0]))
    pred = Detections(np.array([A, A, B]), np.array([0, 0, 0]), np.array([0.9, 0.8, 0.7]))
    np.testing.assert_array_equal(match_image(pred.boxes, pred.scores, truth.boxes, 0.5), [True, False, True])
    # precision after each detection 1, 1/2, 2/3 at recall 1/2, 1/2, 1; made non-increasing: 1, 2/3, 2/3;
    # 51 recall levels 0 … 0.50 read precision 1, the 50 levels 0.51 … 1 read 2/3
    expected = (51 * 1.0 + 50 * 2 / 3) / 101
    assert mean_average_precision([pred], [truth], np.array([0.5])) == pytest.approx(expected, abs=1e-15)
    assert coco_map([pred], [truth])[1] == pytest.approx(expected, abs=1e-15)


def test_perfect_detections_give_one_and_a_wrong_class_counts_for_nothing() -> None:
    truth = Detections(np.array([A, B]), np.array([0, 1]))
    perfect = Detections(truth.boxes.copy(), truth.labels.copy(), np.array([0.9, 0.8]))
    assert mean_average_precision([perfect], [truth]) == 1.0
    swapped = Detections(truth.boxes.copy(), np.array([1, 0]), np.array([0.9, 0.8]))
    assert mean_average_precision([swapped], [truth]) == 0.0


def test_match_takes_the_best_free_box_and_respects_the_threshold() -> None:
    truth = np.array([A, [2.0, 0.0, 12.0, 10.0]])
    pred = np.array([[1.0, 0.0, 11.0, 10.0]])          # IoU 9/11 with both boxes; then only the threshold
    assert match_image(pred, np.array([0.5]), truth, 0.8).tolist() == [True]
    assert match_image(pred, np.array([0.5]), truth, 0.85).tolist() == [False]
    assert not match_image(pred, np.array([0.5]), np.zeros((0, 4)), 0.5).any()


def test_iou_matrix_is_lecture_sevens_iou() -> None:
    preds, _ = make_detection_set(n_images=3, seed=1)
    boxes = np.concatenate([p.boxes for p in preds])
    np.testing.assert_allclose(iou_matrix(boxes, boxes[:5]), box_iou(boxes, boxes[:5]), rtol=1e-12)


def test_average_precision_without_any_true_positive_is_zero() -> None:
    assert average_precision(np.zeros(3, dtype=bool), np.array([0.3, 0.2, 0.1]), n_truth=2) == 0.0


@pytest.mark.parametrize("seed", [3, 7])
def test_equal_to_pycocotools_on_synthetic_detections(seed: int) -> None:
    preds, truths = make_detection_set(n_images=15, n_classes=4, seed=seed)
    coco, coco_50 = coco_map(preds, truths)
    assert mean_average_precision(preds, truths) == pytest.approx(coco, abs=1e-12)
    assert mean_average_precision(preds, truths, np.array([0.5])) == pytest.approx(coco_50, abs=1e-12)
