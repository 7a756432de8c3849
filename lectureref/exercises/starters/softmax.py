"""Упражнение «Softmax-регрессия и её градиент» (лекции 3–4).

Допишите функцию, затем проверьте: python -m lectureref.exercises check softmax softmax.py
"""

import numpy as np


def softmax_loss_grad(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Средняя cross-entropy линейного классификатора и её градиенты.

    X (N, D) — признаки, y (N,) — метки 0..K-1, W (D, K), b (K,).
    Логиты z = X W + b; loss = −mean_n log softmax(z_n)[y_n].
    Вернуть (loss, dW (D, K), db (K,)). Большие логиты не должны давать inf/nan.
    """
    raise NotImplementedError
