"""Упражнение «Шаг GRU: forward и backward» (лекция 10, дополнение сайта к LSTM).

Гейты в порядке PyTorch: строки w_ih, w_hh, b_ih, b_hh — блоки r, z, n по H строк.
Допишите функции, затем проверьте: python -m lectureref.exercises check gru_cell gru_cell.py
"""

import numpy as np


def gru_step_forward(
    x: np.ndarray, h: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b_ih: np.ndarray, b_hh: np.ndarray
) -> tuple[np.ndarray, object]:
    """Один шаг GRU: x (N, D), h (N, H), w_ih (3H, D), w_hh (3H, H), b_ih и b_hh (3H,).

    gi = x w_ihᵀ + b_ih, gh = h w_hhᵀ + b_hh (блоки r, z, n);
    r = σ(gi_r + gh_r), z = σ(gi_z + gh_z), n = tanh(gi_n + r·gh_n);
    h_next = (1 − z)·n + z·h. Вернуть (h_next, cache).
    """
    raise NotImplementedError


def gru_step_backward(
    dh_next: np.ndarray, cache: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Градиенты по dh_next = ∂L/∂h_next (N, H).

    Вернуть (dx, dh, dw_ih, dw_hh, db_ih, db_hh) — формы как у x, h, w_ih, w_hh, b_ih, b_hh.
    """
    raise NotImplementedError
