"""lectureref.polynomial_features: the slides' gradient equals autograd's, the features, the data."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.polynomial_features import accuracy, fit_logistic, fit_logistic_torch, make_disc, polynomial


def test_one_step_is_the_slides_gradient() -> None:
    X, y = make_disc(n=50, seed=3)
    F = polynomial(X)
    w, w0 = fit_logistic(F, y, lr=1.0, steps=1)                 # from zero: w = −(1/N) Σ (0.5 − y) f
    np.testing.assert_allclose(w, -F.T @ (0.5 - y) / len(y), rtol=1e-12)
    assert w0 == pytest.approx(-np.mean(0.5 - y))
    wt = torch.zeros(4, dtype=torch.float64, requires_grad=True)
    torch.nn.functional.binary_cross_entropy_with_logits(torch.as_tensor(F) @ wt, torch.as_tensor(y)).backward()
    np.testing.assert_allclose(w, -wt.grad.numpy(), rtol=1e-12)


def test_numpy_and_torch_descend_alike() -> None:
    X, y = make_disc(n=80, seed=4)
    w, w0 = fit_logistic(polynomial(X), y, steps=50)
    wt, w0t = fit_logistic_torch(polynomial(X), y, steps=50)
    np.testing.assert_allclose(np.append(w, w0), np.append(wt, w0t), rtol=1e-10, atol=1e-12)


def test_data_and_features() -> None:
    X, y = make_disc(n=1000, radius=1.0, flip=0.0, seed=0)
    assert np.array_equal(y == 1, np.sum(X**2, axis=1) < 1)
    assert polynomial(np.array([[2.0, -3.0]])).tolist() == [[2.0, -3.0, 4.0, 9.0]]
    # the true circle as weights: w0 = r², w3 = w4 = −1 classifies noise-free data perfectly
    assert accuracy(polynomial(X), y, np.array([0.0, 0.0, -1.0, -1.0]), 1.0) == 1.0
