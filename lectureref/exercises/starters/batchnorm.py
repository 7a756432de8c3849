"""Упражнение «Batch normalization: forward и backward» (лекция 5).

Допишите функции, затем проверьте: python -m lectureref.exercises check batchnorm batchnorm.py
"""

import numpy as np


def batchnorm_forward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> tuple[np.ndarray, object]:
    """Batch norm в режиме обучения: x (N, D) нормируется статистиками этого батча по каждому признаку.

    out = gamma · (x − mean) / sqrt(var + eps) + beta, gamma и beta — (D,).
    Вернуть (out, cache): в cache — всё, что понадобится backward (любой объект).
    """
    raise NotImplementedError


def batchnorm_backward(dout: np.ndarray, cache: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Градиенты (dx (N, D), dgamma (D,), dbeta (D,)) по dout = ∂L/∂out.

    Помните: mean и var сами зависят от x.
    """
    raise NotImplementedError
