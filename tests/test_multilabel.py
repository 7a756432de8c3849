"""lectureref.multilabel: targets, the heads' losses and predictions, on tiny data."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.nn.losses import bce_with_logits
from lectureref.data import digit_pairs
from lectureref.multilabel import (
    digit_attributes,
    HEADS,
    ink_center,
    per_label_accuracy,
    predict,
    r2_score,
    train_multilabel,
)
from lectureref.training import TrainConfig


def test_digit_attributes() -> None:
    A = digit_attributes(np.arange(10))
    np.testing.assert_array_equal(A[:, 0], [1, 0, 1, 0, 1, 0, 1, 0, 1, 0])      # even
    np.testing.assert_array_equal(A[:, 1], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])      # > 4
    np.testing.assert_array_equal(A[:, 2], [1, 0, 0, 0, 0, 0, 1, 0, 1, 1])      # 0, 6, 8, 9
    assert A.dtype == np.float32


def test_digit_pairs_put_both_digits_in_the_target() -> None:
    X = np.arange(3 * 64, dtype=np.float32).reshape(3, 64)
    images, targets = digit_pairs(X, np.array([4, 7, 4]), n=50, seed=0)
    assert images.shape == (50, 128) and targets.shape == (50, 10)
    assert set(targets.sum(1)) <= {1.0, 2.0} and targets[:, [0, 1, 2, 3, 5, 6, 8, 9]].sum() == 0
    left = images.reshape(50, 8, 16)[:, :, :8].reshape(50, 64)                   # left half is a digit
    assert all(any(np.array_equal(row, x) for x in X) for row in left)


def test_ink_center_of_a_single_pixel_and_a_bar() -> None:
    img = np.zeros((2, 8, 8))
    img[0, 2, 5] = 1.0
    img[1, :, 3] = 1.0                                                           # a vertical bar
    np.testing.assert_allclose(ink_center(img.reshape(2, 64)), [[2, 5], [3.5, 3]], atol=1e-6)


def test_multilabel_loss_is_mean_of_independent_binary_losses() -> None:
    rng = np.random.default_rng(0)
    z, y = rng.standard_normal((6, 3)), (rng.random((6, 3)) > 0.5).astype(float)
    loss = HEADS["multilabel"][0](torch.tensor(z), torch.tensor(y)).item()
    assert np.isclose(loss, bce_with_logits(z.ravel(), y.ravel())[0], rtol=1e-12)
    # and it is not softmax cross-entropy: a column's loss ignores the other columns
    z2 = z.copy()
    z2[:, 1] += 5.0
    col0 = [HEADS["multilabel"][0](torch.tensor(a[:, :1]), torch.tensor(y[:, :1])).item() for a in (z, z2)]
    assert col0[0] == col0[1]


def test_predictions_and_scores() -> None:
    assert per_label_accuracy(np.array([[1, 0], [0, 0]]), np.array([[True, True], [False, False]])).tolist() == [1.0, 0.5]
    y = np.array([[1.0], [2.0], [3.0]])
    assert r2_score(y, y) == 1.0 and r2_score(y, np.full_like(y, 2.0)) == 0.0


def test_a_multilabel_head_learns_separable_labels() -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((256, 4)).astype(np.float32)
    Y = np.stack([X[:, 0] > 0, X[:, 1] + X[:, 2] > 0], 1).astype(np.float32)    # two labels at once
    model = train_multilabel(X, Y, "multilabel", config=TrainConfig(epochs=15), hidden=16)
    assert per_label_accuracy(Y, predict(model, X, "multilabel")).min() > 0.9
