"""lectureref.gradient_descent: the numpy gradient against torch autograd, and the two fits."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.gradient_descent import fit_closed_form, fit_numpy, fit_torch, make_regression, mse_grad


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
    a = fit_numpy(X, y, lr=0.05, steps=30)
    b = fit_torch(X, y, lr=0.05, steps=30, device=torch.device("cpu"))
    np.testing.assert_allclose(a.losses, b.losses, rtol=1e-10)
    np.testing.assert_allclose(a.w, b.w, rtol=1e-10)


def test_gradient_descent_reaches_the_closed_form() -> None:
    X, y, w_true, _ = make_regression(n=100, seed=2)
    fit = fit_numpy(X, y, lr=0.1, steps=300)
    w, b = fit_closed_form(X, y)
    np.testing.assert_allclose(fit.w, w, atol=1e-6)
    assert abs(fit.b - b) < 1e-6
    assert fit.losses[0] > 10 * fit.losses[-1]


def test_too_large_learning_rate_diverges() -> None:
    X, y, _, _ = make_regression(n=100, seed=2)
    fit = fit_numpy(X, y, lr=1.5, steps=30)
    assert fit.losses[-1] > fit.losses[0]
