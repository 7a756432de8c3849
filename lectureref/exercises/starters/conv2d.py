"""Упражнение «Свёртка: forward и backward» (лекция 6).

Свёртка — как F.conv2d в PyTorch (cross-correlation: ядро не переворачивается).
Допишите функции, затем проверьте: python -m lectureref.exercises check conv2d conv2d.py
"""

import numpy as np


def conv2d_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Свёртка x (N, C, H, W) с фильтрами w (F, C, KH, KW) и сдвигами b (F,).

    Вход дополняется нулями на padding с каждой стороны; выход (N, F, OH, OW),
    OH = (H + 2·padding − KH) // stride + 1 (OW — так же).
    """
    raise NotImplementedError


def conv2d_backward(
    dout: np.ndarray, x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Градиенты (dx, dw, db) по dout = ∂L/∂out (N, F, OH, OW); формы — как у x, w, b."""
    raise NotImplementedError
