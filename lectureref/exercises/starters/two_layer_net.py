"""Упражнение «Двухслойная сеть на цифрах» (лекции 3–4).

Сеть: X → Linear(W1, b1) → ReLU → Linear(W2, b2) → softmax, потеря — средняя cross-entropy.
Проверка сама обучит вашу сеть SGD с momentum на sklearn digits (8×8) и ждёт точность ≥ 90 %.
Допишите функции, затем проверьте: python -m lectureref.exercises check two_layer_net two_layer_net.py
"""

import numpy as np


def init_params(n_in: int, n_hidden: int, n_out: int, seed: int) -> dict[str, np.ndarray]:
    """Начальные веса: {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}.

    Веса — случайные (np.random.default_rng(seed)) и небольшие, сдвиги — нули.
    """
    raise NotImplementedError


def loss_and_grads(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, np.ndarray]]:
    """Средняя cross-entropy на батче X (N, n_in), y (N,) и градиенты по всем параметрам.

    Вернуть (loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}) — формы как у params.
    """
    raise NotImplementedError
