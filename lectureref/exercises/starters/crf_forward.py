"""Упражнение «CRF: алгоритм прямого прохода и Витерби» (лекция 10).

Оценка последовательности тегов y: s(y) = start[y_1] + Σ_t emissions[t, y_t]
+ Σ_t transitions[y_{t−1}, y_t] + end[y_T]; transitions[j, k] — переход из тега j в тег k.
Допишите функции, затем проверьте: python -m lectureref.exercises check crf_forward crf_forward.py
"""

import numpy as np


def crf_log_partition(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray) -> float:
    """log Z = log Σ_y exp s(y) по всем K^T последовательностям — за O(T·K²), без перебора.

    emissions (T, K), transitions (K, K), start и end (K,). Не переполняйтесь при больших оценках.
    """
    raise NotImplementedError


def crf_viterbi(
    emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, float]:
    """Лучшая последовательность тегов (T,) и её оценка s(y)."""
    raise NotImplementedError
