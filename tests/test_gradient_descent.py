"""lectureref.gradient_descent: the numpy gradient against torch autograd, and the two fits."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.data import make_regression
from lectureref.gradient_descent import (
    fit_closed_form,
    fit_linear,
    fit_sgd,
    fit_linear_torch,
    max_stable_lr,
    mse_grad,
    standardize,
)
from lectureref.training import minibatches, TrainConfig


def test_mse_grad_matches_autograd() -> None:
    X, y, _, _ = make_regression(n=30, n_features=4, seed=3)
    w, b = np.random.default_rng(0).standard_normal(4), 0.7
    loss, dw, db = mse_grad(X, y, w, b)
    wt = torch.tensor(w, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    lt = torch.mean((torch.tensor(X) @ wt + bt - torch.tensor(y)) ** 2)
    lt.backward()
    assert np.isclose(loss, lt.item(), rtol=1e-12)
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-10)
    assert np.isclose(db, bt.grad.item(), rtol=1e-10)


def test_numpy_and_torch_take_the_same_steps() -> None:
    X, y, _, _ = make_regression(n=40, seed=1)
    a = fit_linear(X, y, config=TrainConfig(lr=0.05, steps=30))
    b = fit_linear_torch(X, y, config=TrainConfig(lr=0.05, steps=30, device=torch.device("cpu")))
    np.testing.assert_allclose(a.losses, b.losses, rtol=1e-10)
    np.testing.assert_allclose(a.w, b.w, rtol=1e-10)


def test_gradient_descent_reaches_the_closed_form() -> None:
    X, y, w_true, _ = make_regression(n=100, seed=2)
    fit = fit_linear(X, y, config=TrainConfig(lr=0.1, steps=300))
    w, b = fit_closed_form(X, y)
    np.testing.assert_allclose(fit.w, w, atol=1e-6)
    assert abs(fit.b - b) < 1e-6
    assert fit.losses[0] > 10 * fit.losses[-1]


def test_too_large_learning_rate_diverges() -> None:
    X, y, _, _ = make_regression(n=100, seed=2)
    fit = fit_linear(X, y, config=TrainConfig(lr=1.5, steps=30))
    assert fit.losses[-1] > fit.losses[0]


def test_standardize_uses_training_statistics() -> None:
    X = np.random.default_rng(0).standard_normal((50, 2)) * [3.0, 100.0] + [1.0, -7.0]
    Xs, mean, std = standardize(X)
    np.testing.assert_allclose(Xs.mean(0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Xs.std(0), 1.0)
    np.testing.assert_allclose(standardize(X[:5], mean, std)[0], Xs[:5])


def test_max_stable_lr_separates_convergence_from_divergence() -> None:
    X, y, _, _ = make_regression(n=100, seed=4)
    X = X * [1.0, 10.0, 30.0]  # badly scaled: the limit is far below 1
    lr_max = max_stable_lr(X)
    Xb = np.column_stack([X, np.ones(len(X))])
    assert np.isclose(lr_max, len(X) / np.linalg.eigvalsh(Xb.T @ Xb).max())
    below = fit_linear(X, y, config=TrainConfig(lr=0.95 * lr_max, steps=300))
    above = fit_linear(X, y, config=TrainConfig(lr=1.05 * lr_max, steps=300))
    assert below.losses[-1] < below.losses[0] and above.losses[-1] > 1e3 * above.losses[0]
    assert max_stable_lr(standardize(X)[0]) > 100 * lr_max


def test_minibatches_cover_every_example_once_per_epoch() -> None:
    batches = minibatches(10, batch_size=4, epochs=2, seed=0)
    assert [len(b) for b in batches] == [4, 4, 2, 4, 4, 2]
    assert sorted(np.concatenate(batches[:3])) == list(range(10))
    assert not np.array_equal(np.concatenate(batches[:3]), np.concatenate(batches[3:]))  # reshuffled


def test_full_batch_sgd_is_gradient_descent_and_minibatches_are_faster_per_epoch() -> None:
    X, y, _, _ = make_regression(n=64, seed=5)
    full = fit_sgd(X, y, config=TrainConfig(lr=0.1, epochs=20, batch_size=64))
    np.testing.assert_allclose(full.w, fit_linear(X, y, config=TrainConfig(lr=0.1, steps=20)).w, rtol=1e-12)
    small = fit_sgd(X, y, config=TrainConfig(lr=0.1, epochs=20, batch_size=8))
    assert small.losses[2] < full.losses[2] / 5  # 8 steps per epoch beat 1 step per epoch
