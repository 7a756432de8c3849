"""lectureref.gan: the numpy losses against torch, data and the coverage metric, a short training."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.data import ring_centers, ring_of_gaussians
from lectureref.gan import (
    discriminator_loss_backward,
    discriminator_loss_forward,
    discriminator_loss_torch,
    generator_loss_backward,
    generator_loss_forward,
    generator_loss_torch,
    mode_coverage,
    sample,
    train_gan,
)
from lectureref.training import TrainConfig


def _logits(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(0, 3, 6), rng.normal(0, 3, 9)


def test_discriminator_loss_matches_torch() -> None:
    real, fake = _logits()
    loss, cache = discriminator_loss_forward(real, fake)
    d_real, d_fake = discriminator_loss_backward(cache)
    rt, ft = torch.tensor(real, requires_grad=True), torch.tensor(fake, requires_grad=True)
    lt = discriminator_loss_torch(rt, ft)
    lt.backward()
    assert np.isclose(loss, lt.item(), rtol=1e-12)
    np.testing.assert_allclose(d_real, rt.grad.numpy(), rtol=1e-10)
    np.testing.assert_allclose(d_fake, ft.grad.numpy(), rtol=1e-10)
    # by hand: −log σ(s) − log(1 − σ(s'))
    sig = lambda s: 1 / (1 + np.exp(-s))  # noqa: E731
    assert np.isclose(loss, -np.log(sig(real)).mean() - np.log(1 - sig(fake)).mean(), rtol=1e-10)


def test_generator_losses_match_torch_and_saturate_differently() -> None:
    _, fake = _logits(1)
    for non_saturating in [True, False]:
        loss, cache = generator_loss_forward(fake, non_saturating)
        grad = generator_loss_backward(cache, non_saturating)
        ft = torch.tensor(fake, requires_grad=True)
        lt = generator_loss_torch(ft, non_saturating)
        lt.backward()
        assert np.isclose(loss, lt.item(), rtol=1e-12)
        np.testing.assert_allclose(grad, ft.grad.numpy(), rtol=1e-10)
    rejected = np.array([-8.0])  # D(G(z)) ≈ 3e-4
    assert abs(generator_loss_backward(rejected, False)[0]) < 1e-3
    assert abs(generator_loss_backward(rejected, True)[0]) > 0.99
    # Both push the fake logit up (a negative gradient): same direction, different strength.
    assert generator_loss_backward(rejected, False)[0] < 0 and generator_loss_backward(rejected, True)[0] < 0


def test_losses_are_stable_for_huge_logits() -> None:
    loss, _ = discriminator_loss_forward(np.array([800.0]), np.array([-800.0]))
    assert loss == 0.0
    assert np.isclose(generator_loss_forward(np.array([-800.0]))[0], 800.0)


def test_ring_data_and_coverage() -> None:
    centers = ring_centers(8, radius=2.0)
    np.testing.assert_allclose(np.linalg.norm(centers, axis=1), 2.0)
    data = ring_of_gaussians(4000, std=0.05, seed=0)
    cov = mode_coverage(data, centers)
    assert cov.modes_covered == 8 and cov.high_quality > 0.999 and cov.mean_distance < 0.08
    one_mode = mode_coverage(np.repeat(centers[:1], 50, axis=0), centers)
    assert one_mode.modes_covered == 1 and list(one_mode.counts) == [50] + [0] * 7
    assert mode_coverage(np.zeros((20, 2)), centers).high_quality == 0.0


def test_short_training_moves_samples_towards_the_ring() -> None:
    data = ring_of_gaussians(500, seed=1)
    centers = ring_centers()
    G0, _ = train_gan(data, config=TrainConfig(steps=0, device=torch.device("cpu")))
    before = mode_coverage(sample(G0, 300, device=torch.device("cpu")), centers).mean_distance
    G, history = train_gan(data, config=TrainConfig(steps=150, batch_size=64, lr=2e-3, device=torch.device("cpu")))
    after = mode_coverage(sample(G, 300, device=torch.device("cpu")), centers).mean_distance
    assert len(history.g_loss) == 150 and after < 0.6 * before
