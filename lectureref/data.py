"""Small datasets that ship with scikit-learn or are generated: nothing is downloaded."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


class Split(NamedTuple):
    """Train / validation / test arrays."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def digits_split(val_size: float = 0.15, test_size: float = 0.2, seed: int = 0, images: bool = False) -> Split:
    """scikit-learn's 8×8 digits (1797 images, 10 classes), split with stratification.

    Pixels are scaled to [0, 1] (the raw values are 0..16) as ``float32``. ``images=True``
    returns ``(N, 1, 8, 8)`` arrays for convolutional nets, else ``(N, 64)``.
    Classes are ``int64`` labels 0..9.
    """
    digits = load_digits()
    X = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    if images:
        X = X.reshape(-1, 1, 8, 8)
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    val_share = val_size / (1.0 - test_size)
    X_train, X_val, y_train, y_val = train_test_split(
        X_rest, y_rest, test_size=val_share, random_state=seed, stratify=y_rest
    )
    return Split(X_train, y_train, X_val, y_val, X_test, y_test)
