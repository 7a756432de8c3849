"""Lecture 7: IoU of boxes and greedy non-maximum suppression."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, CheckFailed, as_array, call, compare, describe, need
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["iou_nms"]


def _boxes(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 10, (n, 2))
    return np.concatenate([xy, xy + rng.uniform(1, 6, (n, 2))], axis=1)   # (x1, y1, x2, y2)


def iou_values(m: ModuleType) -> str:
    """Pairwise IoU of random boxes matches the reference."""
    a, b = _boxes(5, 0), _boxes(4, 1)
    compare("box_iou", call(need(m, "box_iou"), a, b), REF["box_iou"](a, b), describe(a=a, b=b))
    return "попарные IoU (5×4) совпадают с эталоном"


def iou_edge_cases(m: ModuleType) -> str:
    """Identical boxes give 1; disjoint and touching boxes give 0."""
    a = np.array([[0.0, 0.0, 2.0, 2.0]])
    cases = {
        "тот же бокс": (a, 1.0),
        "далеко по обеим осям": (np.array([[5.0, 5.0, 7.0, 9.0]]), 0.0),
        "касание стороной": (np.array([[2.0, 0.0, 4.0, 2.0]]), 0.0),
        "внутри": (np.array([[0.5, 0.5, 1.5, 1.5]]), 0.25),
    }
    for label, (b, expected) in cases.items():
        compare(f"box_iou ({label})", call(need(m, "box_iou"), a, b), np.array([[expected]]),
                f"a = {a[0].tolist()}, b = {b[0].tolist()}")
    return "IoU = 1 для одинаковых боксов, 0 для непересекающихся и касающихся"


def nms(m: ModuleType) -> str:
    """The kept boxes and their order match the reference at two thresholds."""
    boxes = np.concatenate([_boxes(6, 2), _boxes(6, 2) + 0.3, _boxes(4, 3)])
    scores = np.random.default_rng(4).permutation(len(boxes)) / len(boxes)
    for thr in (0.3, 0.5):
        got = as_array(call(need(m, "nms"), boxes, scores, thr), "nms").astype(np.int64).ravel().tolist()
        expected = REF["nms"](boxes, scores, thr).tolist()
        if got != expected:
            raise CheckFailed(f"nms оставила {got}, ожидалось {expected} (по убыванию score); "
                              f"вход: boxes {boxes.shape}, iou_threshold={thr}")
    return "оставленные боксы и их порядок совпадают с эталоном"


CHECKS = [
    Check("iou_values", iou_values),
    Check("iou_edge_cases", iou_edge_cases),
    Check("nms", nms, ("detection#grid-detector", "detection")),
]
