"""lectureref.logistic_regression: stable sigmoid/BCE, gradients against autograd, torch, sklearn."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression

from lectureref.data import make_two_blobs
from lectureref.logistic_regression import (
    boundary_x2,
    fit_logistic,
    fit_logistic_torch,
    logistic_loss_grad,
    predict,
    predict_proba,
)
from lectureref.nn.functional import log_sigmoid, sigmoid
from lectureref.nn.losses import bce_with_logits
from lectureref.training import TrainConfig

CPU = torch.device("cpu")


def test_sigmoid_and_log_sigmoid_are_stable() -> None:
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 2.0, 1000.0])
    np.testing.assert_allclose(sigmoid(z), torch.sigmoid(torch.tensor(z)).numpy(), rtol=1e-12)
    np.testing.assert_allclose(log_sigmoid(z), F.logsigmoid(torch.tensor(z)).numpy(), rtol=1e-12)
    assert sigmoid(np.array(0.0)) == 0.5 and np.all(np.isfinite(log_sigmoid(z)))
    np.testing.assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=1e-15)


def test_bce_and_gradient_match_autograd() -> None:
    rng = np.random.default_rng(0)
    z, y = rng.standard_normal(9) * 3, rng.integers(0, 2, 9).astype(np.float64)
    z[0] = 800.0  # a huge logit must not give inf or nan
    loss, dz = bce_with_logits(z, y)
    zt = torch.tensor(z, requires_grad=True)
    lt = F.binary_cross_entropy_with_logits(zt, torch.tensor(y))
    lt.backward()
    assert np.isclose(loss, lt.item(), rtol=1e-12)
    np.testing.assert_allclose(dz, zt.grad.numpy(), rtol=1e-10, atol=1e-15)


def test_loss_grad_with_l2_matches_autograd_and_numerical() -> None:
    rng = np.random.default_rng(1)
    X, y = rng.standard_normal((20, 3)), rng.integers(0, 2, 20).astype(np.float64)
    w, b, lam = rng.standard_normal(3), 0.3, 0.07
    loss, dw, db = logistic_loss_grad(X, y, w, b, l2=lam)
    wt, bt = torch.tensor(w, requires_grad=True), torch.tensor(b, dtype=torch.float64, requires_grad=True)
    lt = F.binary_cross_entropy_with_logits(torch.tensor(X) @ wt + bt, torch.tensor(y)) + lam * (wt**2).sum()
    lt.backward()
    assert np.isclose(loss, lt.item(), rtol=1e-12)
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-10)
    assert np.isclose(db, bt.grad.item(), rtol=1e-10)
    eps = 1e-6  # central differences for the bias, independent of torch
    numeric = (logistic_loss_grad(X, y, w, b + eps, lam)[0] - logistic_loss_grad(X, y, w, b - eps, lam)[0]) / (2 * eps)
    assert abs(numeric - db) <= 1e-6 * max(1.0, abs(db))


def test_numpy_torch_and_sklearn_agree() -> None:
    X, y = make_two_blobs(120, seed=2)
    ours = fit_logistic(X, y, config=TrainConfig(lr=1.0, steps=400))
    torch_fit = fit_logistic_torch(X, y, config=TrainConfig(lr=1.0, steps=400, device=CPU))
    np.testing.assert_allclose(ours.losses, torch_fit.losses, rtol=1e-10)
    np.testing.assert_allclose(ours.w, torch_fit.w, rtol=1e-10)
    sk = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y)  # no penalty: the same MLE
    np.testing.assert_allclose(ours.w, sk.coef_[0], rtol=1e-4)
    assert abs(ours.b - sk.intercept_[0]) < 1e-4
    assert ours.losses[-1] < ours.losses[0] == np.log(2)  # w = 0 starts at p = 0.5 everywhere


def test_predictions_and_boundary_agree() -> None:
    w, b = np.array([2.0, -1.0]), 0.5
    x1 = np.linspace(-2, 2, 5)
    on_line = np.column_stack([x1, boundary_x2(x1, w, b)])
    np.testing.assert_allclose(predict_proba(on_line, w, b), 0.5)
    shifted = on_line + 1e-6 * w  # a step along w crosses to class 1
    assert np.all(predict(shifted, w, b) == 1) and np.all(predict(on_line - 1e-6 * w, w, b) == 0)
