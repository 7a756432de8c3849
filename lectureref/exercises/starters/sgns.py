"""Упражнение «Skip-gram с negative sampling» (лекция 9).

Допишите функцию, затем проверьте: python -m lectureref.exercises check sgns sgns.py
"""

import numpy as np


def sgns_loss_grad(
    v: np.ndarray, u_pos: np.ndarray, u_neg: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Потеря skip-gram с negative sampling, среднее по батчу, и её градиенты.

    v (B, D) — векторы центральных слов, u_pos (B, D) — их настоящих контекстов,
    u_neg (B, K, D) — K случайных («негативных») слов на пример.
    loss = −mean_b [ log σ(v_b·u_pos_b) + Σ_k log σ(−v_b·u_neg_bk) ].
    Вернуть (loss, dv, du_pos, du_neg) — формы как у входов. Большие v·u не должны давать inf/nan.
    """
    raise NotImplementedError
