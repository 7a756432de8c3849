"""lectureref.autoencoders: KL and reparameterization in numpy against torch, the models on tiny data."""

from __future__ import annotations

import numpy as np
import torch
from torch.distributions import Normal, kl_divergence

from lectureref.autoencoders import (
    VAE,
    interpolate,
    kl_backward,
    kl_forward,
    kl_torch,
    reconstruct,
    reparameterize_backward,
    reparameterize_forward,
    reparameterize_torch,
    train_autoencoder,
    train_vae,
    vae_loss,
)
from lectureref.training import TrainConfig

CPU = torch.device("cpu")


def _mu_logvar(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(0, 1, (5, 3)), rng.normal(0, 0.7, (5, 3))


def test_kl_matches_torch_distributions_and_is_zero_only_at_the_prior() -> None:
    mu, logvar = _mu_logvar()
    kl, _ = kl_forward(mu, logvar)
    q = Normal(torch.tensor(mu), torch.tensor(np.exp(0.5 * logvar)))
    np.testing.assert_allclose(kl, kl_divergence(q, Normal(0.0, 1.0)).sum(1).numpy(), rtol=1e-12)
    np.testing.assert_allclose(kl, kl_torch(torch.tensor(mu), torch.tensor(logvar)).numpy(), rtol=1e-12)
    assert np.all(kl > 0)
    assert np.allclose(kl_forward(np.zeros((2, 3)), np.zeros((2, 3)))[0], 0.0)


def test_kl_backward_matches_autograd() -> None:
    mu, logvar = _mu_logvar(1)
    kl, cache = kl_forward(mu, logvar)
    dkl = np.random.default_rng(2).standard_normal(len(kl))
    dmu, dlogvar = kl_backward(dkl, cache)
    mt, lt = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    (kl_torch(mt, lt) * torch.tensor(dkl)).sum().backward()
    np.testing.assert_allclose(dmu, mt.grad.numpy(), rtol=1e-10)
    np.testing.assert_allclose(dlogvar, lt.grad.numpy(), rtol=1e-10)


def test_kl_backward_matches_numerical_gradient() -> None:
    mu, logvar = _mu_logvar(3)
    _, cache = kl_forward(mu, logvar)
    _, dlogvar = kl_backward(np.ones(len(mu)), cache)
    h = 1e-6
    numeric = np.zeros_like(logvar)
    for idx in np.ndindex(logvar.shape):
        step = np.zeros_like(logvar)
        step[idx] = h
        numeric[idx] = (kl_forward(mu, logvar + step)[0].sum() - kl_forward(mu, logvar - step)[0].sum()) / (2 * h)
    assert np.abs(numeric - dlogvar).max() / np.abs(dlogvar).max() < 1e-6


def test_reparameterization_matches_torch_and_has_the_right_moments() -> None:
    mu, logvar = _mu_logvar(4)
    eps = np.random.default_rng(5).standard_normal(mu.shape)
    z, cache = reparameterize_forward(mu, logvar, eps)
    dz = np.random.default_rng(6).standard_normal(mu.shape)
    dmu, dlogvar = reparameterize_backward(dz, cache)
    mt, lt = torch.tensor(mu, requires_grad=True), torch.tensor(logvar, requires_grad=True)
    zt = reparameterize_torch(mt, lt, torch.tensor(eps))
    (zt * torch.tensor(dz)).sum().backward()
    np.testing.assert_allclose(z, zt.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(dmu, mt.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(dlogvar, lt.grad.numpy(), rtol=1e-10)
    # Many draws of one (mu, logvar): the samples have mean mu and variance exp(logvar).
    big = np.random.default_rng(7).standard_normal((100_000, 3))
    samples, _ = reparameterize_forward(mu[:1], logvar[:1], big)
    np.testing.assert_allclose(samples.mean(0), mu[0], atol=0.02)
    np.testing.assert_allclose(samples.var(0), np.exp(logvar[0]), rtol=0.02)


def test_vae_loss_parts() -> None:
    torch.manual_seed(0)
    x = torch.rand(4, 6, dtype=torch.float64)
    logits, mu = torch.randn(4, 6, dtype=torch.float64), torch.randn(4, 2, dtype=torch.float64)
    logvar = torch.zeros(4, 2, dtype=torch.float64)
    rec, kl = vae_loss(x, logits, mu, logvar)
    p = torch.sigmoid(logits)
    expected_rec = -(x * p.log() + (1 - x) * (1 - p).log()).sum(1).mean()  # summed over pixels, mean over batch
    assert torch.isclose(rec, expected_rec, rtol=1e-10)
    assert torch.isclose(kl, 0.5 * (mu**2).sum(1).mean(), rtol=1e-12)  # σ = 1: only the μ² term is left


def _blobs() -> np.ndarray:
    rng = np.random.default_rng(0)
    protos = rng.random((3, 16)) > 0.5
    return np.clip(protos[rng.integers(0, 3, 150)] + 0.1 * rng.standard_normal((150, 16)), 0, 1).astype(np.float32)


def test_autoencoder_beats_the_mean_image() -> None:
    X = _blobs()
    model, history = train_autoencoder(X, latent=2, config=TrainConfig(epochs=30, device=CPU))
    mse = np.mean((reconstruct(model, X, device=CPU) - X) ** 2)
    assert mse < 0.3 * np.mean((X - X.mean(0)) ** 2)
    assert history.train_loss[-1] < history.train_loss[0]


def test_vae_trains_and_interpolates() -> None:
    X = _blobs()
    model, history = train_vae(X, latent=2, config=TrainConfig(epochs=30, batch_size=50, device=CPU))
    assert history.total[-1] < history.total[0] and min(history.kl) > 0
    np.testing.assert_allclose(history.total, np.add(history.reconstruction, history.kl))
    path = interpolate(model, X[0], X[1], steps=5, device=CPU)
    ends = reconstruct(model, X[:2], device=CPU)
    assert path.shape == (5, 16)
    np.testing.assert_allclose(path[[0, -1]], ends, atol=1e-6)  # the path starts and ends at the two images
    assert isinstance(model, VAE)
