"""lectureref.overfitting: when EarlyStopping stops, which weights it restores, and the small subset."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from lectureref.overfitting import EarlyStopping, fit_early_stopping, overfit_model, small_subset
from lectureref.training import evaluate, loader, TrainConfig


def test_stops_after_patience_epochs_without_improvement() -> None:
    losses = [1.0, 0.8, 0.9, 0.85, 0.7, 0.75, 0.8, 0.9, 0.6]
    stopper = EarlyStopping(patience=3)
    decisions = [stopper.step(v) for v in losses]
    # best 0.7 at epoch 4; epochs 5, 6, 7 are worse: stop at the third of them, not earlier or later
    assert decisions == [False] * 7 + [True, False]
    assert (stopper.best, stopper.best_epoch) == (0.6, 8)       # a later improvement resets the count
    assert stopper.bad_epochs == 0


def test_an_improvement_smaller_than_min_delta_does_not_count() -> None:
    stopper = EarlyStopping(patience=2, min_delta=0.05)
    assert [stopper.step(v) for v in (1.0, 0.97, 0.96)] == [False, False, True]
    assert stopper.best_epoch == 0 and stopper.best == 1.0
    equal = EarlyStopping(patience=1)                           # an equal loss is no improvement
    assert [equal.step(v) for v in (0.5, 0.5)] == [False, True]


def test_restore_brings_back_a_copy_of_the_best_weights() -> None:
    model = nn.Linear(3, 2)
    best = {k: v.clone() for k, v in model.state_dict().items()}
    stopper = EarlyStopping(patience=5)
    stopper.step(0.5, model)
    with torch.no_grad():
        model.weight += 1.0                  # in place: a stored reference (no copy) would follow it
    stopper.step(0.9, model)                 # worse: not stored
    stopper.restore(model)
    for k, v in model.state_dict().items():
        torch.testing.assert_close(v, best[k], rtol=0, atol=0)
    with pytest.raises(RuntimeError):
        EarlyStopping().restore(model)       # nothing recorded with a model yet


def test_fit_early_stopping_ends_patience_epochs_after_the_best_and_keeps_its_weights() -> None:
    rng = np.random.default_rng(0)
    X, Xv = rng.standard_normal((40, 6)).astype(np.float32), rng.standard_normal((40, 6)).astype(np.float32)
    y, yv = rng.integers(0, 3, 40), rng.integers(0, 3, 40)     # random labels: val can only get worse
    model = overfit_model(6, 3, hidden=32, seed=0)
    train, val = loader(X, y, batch_size=10, shuffle=True), loader(Xv, yv, batch_size=40)
    history, stopper = fit_early_stopping(model, train, val, config=TrainConfig(epochs=50), patience=3,
                                          optimizer=torch.optim.Adam(model.parameters(), lr=0.05))
    best = int(np.argmin(history.val_loss))
    assert len(history.val_loss) == best + 1 + 3 < 50 and stopper.best_epoch == best
    assert len(history.train_loss) == len(history.val_acc) == len(history.val_loss)
    val_loss, _ = evaluate(model, val, nn.functional.cross_entropy)
    assert val_loss == pytest.approx(history.val_loss[best], rel=1e-6)      # the best epoch's model,
    assert val_loss < history.val_loss[-1] - 1e-3                          # not the last epoch's


def test_small_subset_takes_per_class_distinct_examples() -> None:
    X = np.arange(60, dtype=np.float32).reshape(30, 2)
    y = np.repeat([0, 1, 2], 10)
    Xs, ys = small_subset(X, y, per_class=4, seed=1)
    assert np.bincount(ys).tolist() == [4, 4, 4]
    assert len(np.unique(Xs[:, 0])) == 12                        # no example taken twice
    np.testing.assert_array_equal(y[(Xs[:, 0] // 2).astype(int)], ys)   # each row keeps its label
    np.testing.assert_array_equal(small_subset(X, y, 4, seed=1)[0], Xs)


def test_overfit_model_has_far_more_parameters_than_the_subset_has_examples() -> None:
    model = overfit_model(hidden=256)
    n_params = sum(p.numel() for p in model.parameters())
    assert n_params == 64 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10
    assert model(torch.zeros(2, 64)).shape == (2, 10)
