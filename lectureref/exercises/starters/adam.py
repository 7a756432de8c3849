"""Упражнение «Momentum и Adam» (лекция 4).

Оба правила — как в torch.optim: проверка сравнивает ваши шаги с эталоном шаг за шагом.
Допишите функции, затем проверьте: python -m lectureref.exercises check adam adam.py
"""

import numpy as np


def momentum_step(w: np.ndarray, dw: np.ndarray, v: np.ndarray, lr: float, mu: float) -> tuple[np.ndarray, np.ndarray]:
    """Один шаг SGD с momentum: v ← mu·v + dw, w ← w − lr·v (v в начале — нули). Вернуть (w, v)."""
    raise NotImplementedError


def adam_step(
    w: np.ndarray, dw: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
    lr: float, beta1: float, beta2: float, eps: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Шаг Adam номер t (t = 1, 2, …; m и v в начале — нули). Вернуть (w, m, v).

    m — скользящее среднее градиента, v — его квадрата; не забудьте поправку смещения.
    """
    raise NotImplementedError
