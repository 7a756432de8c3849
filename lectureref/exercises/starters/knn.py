"""Упражнение «kNN и кросс-валидация» (лекция 2).

Допишите функции, затем проверьте: python -m lectureref.exercises check knn knn.py
"""

import numpy as np


def knn_predict(X_train: np.ndarray, y_train: np.ndarray, X: np.ndarray, k: int) -> np.ndarray:
    """Метки (M,) для строк X (M, D): большинство голосов среди k ближайших точек X_train (N, D).

    Расстояние — евклидово; y_train (N,) — целые метки 0..C-1.
    """
    raise NotImplementedError


def kfold_indices(n: int, n_folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Разбиение range(n) на n_folds фолдов: список пар (train_idx, val_idx).

    Каждый индекс ровно в одном val_idx; размеры фолдов отличаются не больше чем на 1.
    """
    raise NotImplementedError
