"""lectureref.anchor_boxes: anchor layout, offsets round trip, matching rules, and the head's output order."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.anchor_boxes import (
    SSDHead,
    box_iou,
    decode,
    encode,
    encode_torch,
    make_anchors,
    match_anchors,
    random_objects,
    to_center,
)
from lectureref.detection import box_iou as lecture_iou


def test_anchor_layout_sizes_and_ratios() -> None:
    a = to_center(make_anchors(64, grids=[4, 2], sizes=[16, 32], ratios=(1.0, 2.0, 0.5)))
    assert a.shape == (3 * (16 + 4), 4)
    np.testing.assert_allclose(a[:3, :2], [[8, 8]] * 3)                      # first cell's centre
    np.testing.assert_allclose(a[:3, 2] / a[:3, 3], [1.0, 2.0, 0.5])         # w/h = ratio
    np.testing.assert_allclose(a[:48, 2] * a[:48, 3], 16.0**2)               # same area on a level
    np.testing.assert_allclose(a[3, :2], [24, 8])                             # then along the row


def test_encode_decode_round_trip_and_torch() -> None:
    anchors = make_anchors(64, [8], [16])[:5]
    boxes = random_objects(5, seed=3)
    t = encode(boxes, anchors)
    np.testing.assert_allclose(decode(t, anchors), boxes, atol=1e-10)
    np.testing.assert_allclose(encode(anchors, anchors), 0.0, atol=1e-15)     # an anchor is its own box
    np.testing.assert_allclose(encode_torch(torch.from_numpy(boxes), torch.from_numpy(anchors)).numpy(), t, rtol=1e-12)


def test_iou_is_lecture_sevens() -> None:
    a, b = random_objects(6, seed=1), random_objects(4, seed=2)
    np.testing.assert_allclose(box_iou(a, b), lecture_iou(a, b), rtol=1e-12)


def test_matching_threshold_and_the_forced_best_anchor() -> None:
    anchors = np.array([[0, 0, 10, 10], [0, 0, 9, 10], [50, 50, 60, 60]], dtype=float)
    tiny = np.array([[51, 51, 53, 53]], dtype=float)                           # IoU 0.04 with its best anchor
    assert match_anchors(anchors, tiny).tolist() == [-1, -1, 0]                # forced, though below 0.5
    both = np.array([[0, 0, 10, 10], [51, 51, 53, 53]], dtype=float)
    assert match_anchors(anchors, both).tolist() == [0, 0, 1]                  # IoU 0.9 ≥ 0.5 counts too


def test_head_output_order_is_the_anchor_order() -> None:
    # Feed each map its column and row index as two channels; the box conv copies them out,
    # and the ratio index as the third number: the rows then line up with make_anchors.
    grids, ratios = [4, 2], 3
    head = SSDHead(channels=[2, 2], classes=1, ratios=ratios)
    feats = []
    with torch.no_grad():
        for box, g in zip(head.box, grids):
            box.weight.zero_()
            box.bias.zero_()
            for r in range(ratios):
                box.weight[4 * r, 0, 1, 1] = box.weight[4 * r + 1, 1, 1, 1] = 1.0
                box.bias[4 * r + 2] = r
            rows, cols = torch.meshgrid(torch.arange(g), torch.arange(g), indexing="ij")
            feats.append(torch.stack([cols, rows]).float()[None])
        _, offsets = head(feats)
    anchors = to_center(make_anchors(64, grids, [16, 32]))
    steps = np.concatenate([np.full(g * g * ratios, 64 / g) for g in grids])
    cells = (anchors[:, :2] / steps[:, None] - 0.5)                           # (col, row) of each anchor
    np.testing.assert_allclose(offsets[0, :, :2].numpy(), cells, atol=1e-6)
    np.testing.assert_array_equal(offsets[0, :, 2].numpy(), np.tile(np.arange(ratios), sum(g * g for g in grids)))
