"""Упражнение «Шаг LSTM: forward и backward» (лекция 10).

Гейты в порядке PyTorch: строки w_ih, w_hh, b — блоки i, f, g, o по H строк.
Допишите функции, затем проверьте: python -m lectureref.exercises check lstm_cell lstm_cell.py
"""

import numpy as np


def lstm_step_forward(
    x: np.ndarray, h: np.ndarray, c: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, b: np.ndarray
) -> tuple[np.ndarray, np.ndarray, object]:
    """Один шаг LSTM: x (N, D), h и c (N, H), w_ih (4H, D), w_hh (4H, H), b (4H,).

    a = x w_ihᵀ + h w_hhᵀ + b; i, f, o = σ(…), g = tanh(…);
    c_next = f·c + i·g, h_next = o·tanh(c_next). Вернуть (h_next, c_next, cache).
    """
    raise NotImplementedError


def lstm_step_backward(
    dh_next: np.ndarray, dc_next: np.ndarray, cache: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Градиенты по dh_next = ∂L/∂h_next и dc_next = ∂L/∂c_next (оба (N, H)).

    Вернуть (dx, dh, dc, dw_ih, dw_hh, db) — формы как у x, h, c, w_ih, w_hh, b.
    """
    raise NotImplementedError
