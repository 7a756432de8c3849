r"""A generative adversarial network (GAN) on a 2-D mixture of Gaussians; the losses in numpy and PyTorch.

Lecture 8 (1:00:00). A generator $G$ turns noise $z$ into a sample; a discriminator $D$ (a logit
$s$, $D = \sigma(s)$) tells real samples from generated ones. $D$ minimises the binary
cross-entropy $-\log D(x) - \log(1 - D(G(z)))$; $G$ wants $D$ fooled. The original minimax
generator loss $\log(1 - D(G(z)))$ has almost no gradient when $D$ confidently rejects the fakes
(early in training), so $G$ minimises the *non-saturating* loss $-\log D(G(z))$ instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lectureref.device import get_device
from lectureref.nn.functional import log_sigmoid, sigmoid
from lectureref.training import TrainConfig

# ---------------------------------------------------------------------------------------------
# Data: 8 Gaussians on a ring, a standard toy problem where a GAN can miss modes.


# ---------------------------------------------------------------------------------------------
# The losses on discriminator logits: numpy forward + backward, PyTorch twins.


class GANLossCache(NamedTuple):
    """Logits of the real and the generated batch."""

    real: np.ndarray  # (N,)
    fake: np.ndarray  # (M,)


def discriminator_loss_forward(real: np.ndarray, fake: np.ndarray) -> tuple[float, GANLossCache]:
    r"""$\frac1N\sum -\log\sigma(s_{real}) + \frac1M\sum -\log(1-\sigma(s_{fake}))$ from logits."""
    # --8<-- [start:d_loss]
    loss = -log_sigmoid(real).mean() - log_sigmoid(-fake).mean()    # 1 − σ(s) = σ(−s)
    # --8<-- [end:d_loss]
    return float(loss), GANLossCache(real, fake)


def discriminator_loss_backward(cache: GANLossCache) -> tuple[np.ndarray, np.ndarray]:
    """Gradients ``(d_real, d_fake)`` with respect to the logits."""
    # --8<-- [start:d_backward]
    d_real = (sigmoid(cache.real) - 1.0) / len(cache.real)            # push real logits up
    d_fake = sigmoid(cache.fake) / len(cache.fake)                    # push fake logits down
    # --8<-- [end:d_backward]
    return d_real, d_fake


def generator_loss_forward(fake: np.ndarray, non_saturating: bool = True) -> tuple[float, np.ndarray]:
    r"""Generator loss from the logits of generated samples; returns ``(loss, fake)`` as the cache.

    ``non_saturating=True``: $-\log D(G(z))$; ``False``: the minimax $\log(1 - D(G(z)))$.
    """
    # --8<-- [start:g_loss]
    if non_saturating:
        loss = -log_sigmoid(fake).mean()             # −log D(G(z))
    else:
        loss = log_sigmoid(-fake).mean()             # log(1 − D(G(z)))
    # --8<-- [end:g_loss]
    return float(loss), fake


def generator_loss_backward(fake: np.ndarray, non_saturating: bool = True) -> np.ndarray:
    """Gradient with respect to the fake logits.

    Non-saturating: ``(σ(s) − 1)/M`` ≈ ``−1/M`` when ``D`` rejects a fake (``s ≪ 0``): a strong
    signal. Minimax: ``−σ(s)/M`` ≈ 0 in exactly that case: the generator learns nothing.
    """
    # --8<-- [start:g_backward]
    if non_saturating:
        return (sigmoid(fake) - 1.0) / len(fake)
    return -sigmoid(fake) / len(fake)
    # --8<-- [end:g_backward]


def discriminator_loss_torch(real: torch.Tensor, fake: torch.Tensor) -> torch.Tensor:
    """PyTorch twin of `discriminator_loss_forward`."""
    return F.binary_cross_entropy_with_logits(real, torch.ones_like(real)) + F.binary_cross_entropy_with_logits(
        fake, torch.zeros_like(fake)
    )


def generator_loss_torch(fake: torch.Tensor, non_saturating: bool = True) -> torch.Tensor:
    """PyTorch twin of `generator_loss_forward`."""
    if non_saturating:
        return F.binary_cross_entropy_with_logits(fake, torch.ones_like(fake))
    return -F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake))


# ---------------------------------------------------------------------------------------------
# Networks and training.


def mlp(n_in: int, n_out: int, hidden: int = 64) -> nn.Sequential:
    """Two hidden ReLU layers: enough for 2-D toy data."""
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, n_out))


@dataclass
class GANHistory:
    """Losses of every training step."""

    d_loss: list[float] = field(default_factory=list)
    g_loss: list[float] = field(default_factory=list)


def train_gan(
    data: np.ndarray,
    *,
    noise_dim: int = 2,
    hidden: int = 128,
    non_saturating: bool = True,
    config: TrainConfig = TrainConfig(),
) -> tuple[nn.Module, GANHistory]:
    """Alternate one discriminator and one generator Adam step; returns the generator ``noise_dim → 2``.

    Both nets are `mlp` with two hidden layers of ``hidden`` units. The generator is a continuous,
    piecewise-linear map of connected noise, so it can only thin the bridges between separate modes,
    never cut them; with 64 units the bridges stayed thick in some runs (up to two fifths of the
    samples off the modes after 1000 steps), with 128 they thin out in every run tried.
    ``non_saturating=False`` trains the generator with the original minimax loss, for comparison.
    """
    cfg = config.over(TrainConfig(steps=1500, batch_size=256, lr=1e-3, seed=0))
    steps, batch_size, lr, seed, device = cfg.steps, cfg.batch_size, cfg.lr, cfg.seed, cfg.device
    device = device or get_device()
    torch.manual_seed(seed)
    G, D = mlp(noise_dim, data.shape[1], hidden).to(device), mlp(data.shape[1], 1, hidden).to(device)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    real_all = torch.as_tensor(data, device=device)
    history = GANHistory()
    for _ in range(steps):
        real = real_all[torch.randint(len(real_all), (batch_size,), device=device)]
        z = torch.randn(batch_size, noise_dim, device=device)
        # --8<-- [start:step]
        fake = G(z)
        # 1) discriminator: real → 1, fake → 0; detach() keeps this step out of G's weights
        d_loss = discriminator_loss_torch(D(real).squeeze(1), D(fake.detach()).squeeze(1))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        # 2) generator: make D call the fakes real (gradient flows through D into G)
        g_loss = generator_loss_torch(D(fake).squeeze(1), non_saturating)
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        # --8<-- [end:step]
        history.d_loss.append(d_loss.item())
        history.g_loss.append(g_loss.item())
    return G, history


@torch.no_grad()
def sample(G: nn.Module, n: int, noise_dim: int = 2, seed: int = 0, device: torch.device | None = None) -> np.ndarray:
    """``n`` generated points ``(n, 2)`` as float64 numpy."""
    device = device or get_device()
    generator = torch.Generator().manual_seed(seed)
    z = torch.randn(n, noise_dim, generator=generator).to(device)
    return G.to(device).eval()(z).double().cpu().numpy()


class Coverage(NamedTuple):
    """How well samples cover the mixture's modes."""

    counts: np.ndarray  # (k,) samples within ``threshold`` of each centre
    modes_covered: int  # centres with at least ``min_count`` samples
    high_quality: float  # share of samples within ``threshold`` of some centre
    mean_distance: float  # mean distance of a sample to its nearest centre


def mode_coverage(samples: np.ndarray, centers: np.ndarray, threshold: float = 0.3, min_count: int = 10) -> Coverage:
    """Count modes hit by ``samples`` ``(n, 2)``; ``threshold`` ≈ 6 standard deviations of a mode."""
    # --8<-- [start:coverage]
    dist = np.linalg.norm(samples[:, None, :] - centers[None, :, :], axis=2)   # (n, k)
    nearest, d_min = dist.argmin(axis=1), dist.min(axis=1)
    counts = np.bincount(nearest[d_min < threshold], minlength=len(centers))
    # --8<-- [end:coverage]
    return Coverage(counts, int((counts >= min_count).sum()), float((d_min < threshold).mean()), float(d_min.mean()))
