"""lectureref.softmax: stability at huge logits, gradients against autograd, numpy vs torch SGD."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.functional import log_softmax, softmax
from lectureref.nn.losses import softmax_cross_entropy
from lectureref.softmax import fit_softmax, fit_softmax_torch, predict, softmax_loss_grad
from lectureref.training import TrainConfig

CPU = torch.device("cpu")


def test_softmax_is_stable_at_huge_logits() -> None:
    z = np.array([[1e4, 0.0, -1e4], [1e4, 1e4, 1e4], [-1e4, -1e4, 5.0]])
    p, logp = softmax(z), log_softmax(z)
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(logp))
    np.testing.assert_allclose(p, torch.softmax(torch.tensor(z), 1).numpy(), rtol=1e-12)
    np.testing.assert_allclose(logp, torch.log_softmax(torch.tensor(z), 1).numpy(), rtol=1e-12)
    np.testing.assert_allclose(p[1], 1 / 3)
    loss, dlogits = softmax_cross_entropy(z, np.array([2, 0, 1]))
    assert np.isfinite(loss) and np.all(np.isfinite(dlogits))
    assert np.isclose(loss, F.cross_entropy(torch.tensor(z), torch.tensor([2, 0, 1])).item(), rtol=1e-12)


def test_softmax_is_shift_invariant_and_sums_to_one() -> None:
    z = np.random.default_rng(0).standard_normal((4, 5))
    np.testing.assert_allclose(softmax(z + 100.0), softmax(z), rtol=1e-12)
    np.testing.assert_allclose(softmax(z).sum(1), 1.0)


def test_cross_entropy_gradient_matches_autograd() -> None:
    rng = np.random.default_rng(1)
    logits, y = rng.standard_normal((6, 4)) * 2, rng.integers(0, 4, 6)
    loss, dlogits = softmax_cross_entropy(logits, y)
    zt = torch.tensor(logits, requires_grad=True)
    F.cross_entropy(zt, torch.tensor(y)).backward()
    np.testing.assert_allclose(dlogits, zt.grad.numpy(), rtol=1e-10, atol=1e-15)
    # maximum likelihood: the loss is −(1/N)·log of the product of the right-class probabilities
    p = softmax(logits)[np.arange(6), y]
    assert np.isclose(loss, -np.log(np.prod(p)) / 6, rtol=1e-12)


def test_classifier_gradient_with_l2_matches_autograd() -> None:
    rng = np.random.default_rng(2)
    X, y = rng.standard_normal((10, 3)), rng.integers(0, 4, 10)
    W, b, lam = rng.standard_normal((3, 4)), rng.standard_normal(4), 0.05
    loss, dW, db = softmax_loss_grad(X, y, W, b, l2=lam)
    Wt, bt = torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True)
    lt = F.cross_entropy(torch.tensor(X) @ Wt + bt, torch.tensor(y)) + lam * (Wt**2).sum()
    lt.backward()
    assert np.isclose(loss, lt.item(), rtol=1e-12)
    np.testing.assert_allclose(dW, Wt.grad.numpy(), rtol=1e-10)
    np.testing.assert_allclose(db, bt.grad.numpy(), rtol=1e-10)


def test_numpy_and_torch_sgd_take_the_same_steps() -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((50, 4))
    y = np.argmax(X @ rng.standard_normal((4, 3)), axis=1)
    for l2 in (0.0, 0.01):
        a = fit_softmax(X, y, 3, config=TrainConfig(lr=0.5, epochs=4, batch_size=8, seed=1), l2=l2)
        b = fit_softmax_torch(X, y, 3, config=TrainConfig(lr=0.5, epochs=4, batch_size=8, seed=1, device=CPU), l2=l2)
        np.testing.assert_allclose(a.W, b.W, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(a.b, b.b, rtol=1e-9, atol=1e-12)
    assert len(a.losses) == 4 * 7  # ceil(50 / 8) steps per epoch
    assert np.mean(predict(X, a.W, a.b) == y) > 0.9
