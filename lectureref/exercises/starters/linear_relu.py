"""Упражнение «Слои Linear и ReLU: forward и backward» (лекция 3).

Допишите функции, затем проверьте: python -m lectureref.exercises check linear_relu linear_relu.py
"""

import numpy as np


def linear_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """y = x Wᵀ + b для батча x (N, D), весов w (M, D) и сдвига b (M,); вернуть y (N, M)."""
    raise NotImplementedError


def linear_backward(dout: np.ndarray, x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Градиенты (dx, dw, db) по dout = ∂L/∂y (N, M); у каждого — форма того, по чему он взят."""
    raise NotImplementedError


def relu_forward(x: np.ndarray) -> np.ndarray:
    """max(0, x) поэлементно."""
    raise NotImplementedError


def relu_backward(dout: np.ndarray, x: np.ndarray) -> np.ndarray:
    """∂L/∂x по dout = ∂L/∂relu(x) и входу x прямого прохода."""
    raise NotImplementedError
