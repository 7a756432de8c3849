"""Упражнение «Triplet loss и его градиент» (лекция 8).

Допишите функцию, затем проверьте: python -m lectureref.exercises check triplet_loss triplet_loss.py
"""

import numpy as np


def triplet_loss(
    a: np.ndarray, p: np.ndarray, n: np.ndarray, margin: float
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Средний triplet loss по N тройкам эмбеддингов (N, D): anchor a, positive p, negative n.

    loss = mean_i max(0, ‖a_i − p_i‖ − ‖a_i − n_i‖ + margin), расстояния — евклидовы (не квадраты).
    Вернуть (loss, da, dp, dn) — градиенты формы (N, D).
    """
    raise NotImplementedError
