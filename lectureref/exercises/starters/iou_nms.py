"""Упражнение «IoU и non-maximum suppression» (лекция 7).

Боксы — (x1, y1, x2, y2), x1 < x2, y1 < y2.
Допишите функции, затем проверьте: python -m lectureref.exercises check iou_nms iou_nms.py
"""

import numpy as np


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Попарный IoU (площадь пересечения / площадь объединения) боксов a (N, 4) и b (M, 4) → (N, M)."""
    raise NotImplementedError


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    """Жадный NMS: индексы оставленных боксов по убыванию score.

    Берём лучший оставшийся бокс, выбрасываем те, чей IoU с ним больше iou_threshold, повторяем.
    """
    raise NotImplementedError
