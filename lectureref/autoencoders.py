r"""Autoencoders and the variational autoencoder (VAE): numpy pieces checked against PyTorch.

Lecture 8 (after 29:30). An autoencoder learns to reproduce its input through a bottleneck: the
encoder squeezes 64 pixels into a few numbers $z$, the decoder rebuilds the image from them.
A VAE's encoder outputs a Gaussian $q(z|x) = \mathcal N(\mu, \sigma^2)$ instead of a point; the
decoder gets a random sample of it, and a KL term keeps the Gaussians close to $\mathcal N(0, I)$
(it stops $\sigma$ from shrinking to zero). Training maximises the ELBO, i.e. minimises

$$\mathcal L = \underbrace{-\mathbb E_{q(z|x)} \log p(x|z)}_{\text{reconstruction}}
+ \underbrace{\mathrm{KL}\bigl(q(z|x)\,\|\,\mathcal N(0, I)\bigr)}_{\text{KL}}.$$
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from lectureref.device import get_device
from lectureref.training import fit, History, loader, TrainConfig

# ---------------------------------------------------------------------------------------------
# The VAE's two special pieces in numpy (forward + backward) and their torch twins.


class KLCache(NamedTuple):
    """Inputs of `kl_forward`, all its backward needs."""

    mu: np.ndarray  # (N, K)
    logvar: np.ndarray  # (N, K) log σ²


def kl_forward(mu: np.ndarray, logvar: np.ndarray) -> tuple[np.ndarray, KLCache]:
    r"""KL divergence $\mathrm{KL}(\mathcal N(\mu, \sigma^2) \| \mathcal N(0, 1))$ per example, ``(N,)``.

    Closed form for diagonal Gaussians, summed over the ``K`` latent dimensions:
    $\frac12 \sum_k (\mu_k^2 + \sigma_k^2 - 1 - \log \sigma_k^2)$. It is 0 only for $\mu=0, \sigma=1$.
    """
    # --8<-- [start:kl]
    kl = 0.5 * np.sum(mu**2 + np.exp(logvar) - 1.0 - logvar, axis=1)
    # --8<-- [end:kl]
    return kl, KLCache(mu, logvar)


def kl_backward(dkl: np.ndarray, cache: KLCache) -> tuple[np.ndarray, np.ndarray]:
    """Gradients ``(dmu, dlogvar)``, each ``(N, K)``, from the upstream gradient ``dkl`` ``(N,)``."""
    # --8<-- [start:kl_backward]
    dmu = dkl[:, None] * cache.mu                                   # ∂/∂μ of μ²/2
    dlogvar = dkl[:, None] * 0.5 * (np.exp(cache.logvar) - 1.0)     # ∂/∂logσ² of (σ² − logσ²)/2
    # --8<-- [end:kl_backward]
    return dmu, dlogvar


def kl_torch(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """The same KL per example in PyTorch, ``(N,)``."""
    return 0.5 * torch.sum(mu**2 + logvar.exp() - 1.0 - logvar, dim=1)


class ReparamCache(NamedTuple):
    """The noise and the standard deviation of `reparameterize_forward`."""

    eps: np.ndarray  # (N, K) the N(0, 1) draw
    std: np.ndarray  # (N, K) σ = exp(logvar / 2)


def reparameterize_forward(mu: np.ndarray, logvar: np.ndarray, eps: np.ndarray) -> tuple[np.ndarray, ReparamCache]:
    r"""Reparameterization trick: $z = \mu + \sigma \odot \varepsilon$, $\varepsilon \sim \mathcal N(0, I)$.

    Sampling $z \sim \mathcal N(\mu, \sigma^2)$ directly has no gradient; moving the randomness
    into an input ``eps`` makes ``z`` a differentiable function of ``mu`` and ``logvar``.
    """
    # --8<-- [start:reparam]
    std = np.exp(0.5 * logvar)
    z = mu + std * eps
    # --8<-- [end:reparam]
    return z, ReparamCache(eps, std)


def reparameterize_backward(dz: np.ndarray, cache: ReparamCache) -> tuple[np.ndarray, np.ndarray]:
    """Gradients ``(dmu, dlogvar)`` of `reparameterize_forward`."""
    # --8<-- [start:reparam_backward]
    return dz, dz * cache.eps * 0.5 * cache.std       # dσ/dlogσ² = σ/2
    # --8<-- [end:reparam_backward]


def reparameterize_torch(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor | None = None) -> torch.Tensor:
    """The same trick in PyTorch; draws ``eps`` when none is given."""
    eps = torch.randn_like(mu) if eps is None else eps
    return mu + torch.exp(0.5 * logvar) * eps


# ---------------------------------------------------------------------------------------------
# Models. Small MLPs: 8×8 digits need no convolutions (and torchvision is not available here).


class AutoEncoder(nn.Module):
    """``64 → hidden → latent → hidden → 64``; the output is a pixel image in [0, 1]."""

    def __init__(self, n_in: int = 64, hidden: int = 64, latent: int = 8) -> None:
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, latent))
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, n_in), nn.Sigmoid())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))


def train_autoencoder(
    X: np.ndarray, *, latent: int = 8, config: TrainConfig = TrainConfig(),
) -> tuple[AutoEncoder, History]:
    """Fit an `AutoEncoder` with the MSE between image and reconstruction (shared ``fit``)."""
    cfg = config.over(TrainConfig(epochs=40, lr=3e-3, batch_size=64, seed=0))
    lr, batch_size, seed = cfg.lr, cfg.batch_size, cfg.seed
    torch.manual_seed(seed)
    model = AutoEncoder(n_in=X.shape[1], latent=latent)
    # --8<-- [start:train_ae]
    history = fit(
        model,
        loader(X, X, batch_size=batch_size, shuffle=True, seed=seed),  # the target is the input itself
        config=cfg,
        optimizer=torch.optim.Adam(model.parameters(), lr=lr),
        loss_fn=F.mse_loss,
        progress=False,
    )
    # --8<-- [end:train_ae]
    return model, history


class VAE(nn.Module):
    """The encoder outputs ``(mu, logvar)`` of ``q(z|x)``; the decoder outputs pixel logits."""

    def __init__(self, n_in: int = 64, hidden: int = 128, latent: int = 4) -> None:
        super().__init__()
        self.latent = latent
        self.encoder = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, 2 * latent))
        self.decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, n_in))

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        return mu, logvar

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        # --8<-- [start:vae_forward]
        mu, logvar = self.encode(x)
        z = reparameterize_torch(mu, logvar)             # a random point of q(z|x), differentiable
        return self.decoder(z), mu, logvar
        # --8<-- [end:vae_forward]


def vae_loss(x: torch.Tensor, logits: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The two parts of the negative ELBO, each averaged over the batch: ``(reconstruction, kl)``.

    Pixels in [0, 1] are treated as Bernoulli probabilities, so ``-log p(x|z)`` is the binary
    cross-entropy summed over the 64 pixels.
    """
    # --8<-- [start:vae_loss]
    reconstruction = F.binary_cross_entropy_with_logits(logits, x, reduction="sum") / len(x)
    kl = kl_torch(mu, logvar).mean()
    # --8<-- [end:vae_loss]
    return reconstruction, kl


@dataclass
class VAEHistory:
    """Per-epoch training means of the two ELBO parts and their sum."""

    reconstruction: list[float] = field(default_factory=list)
    kl: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)


def train_vae(
    X: np.ndarray, *, latent: int = 4, config: TrainConfig = TrainConfig(),
) -> tuple[VAE, VAEHistory]:
    """Train a `VAE` with Adam; the history keeps reconstruction and KL apart."""
    cfg = config.over(TrainConfig(epochs=40, batch_size=64, lr=3e-3, seed=0))
    epochs, batch_size, lr, seed, device = cfg.epochs, cfg.batch_size, cfg.lr, cfg.seed, cfg.device
    torch.manual_seed(seed)
    model = VAE(n_in=X.shape[1], latent=latent).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = VAEHistory()
    data = loader(X, X, batch_size=batch_size, shuffle=True, seed=seed)
    for _ in range(epochs):
        sums = np.zeros(2)
        # --8<-- [start:train_vae]
        for xb, _ in data:
            xb = xb.to(device)
            reconstruction, kl = vae_loss(xb, *model(xb))
            optimizer.zero_grad()
            (reconstruction + kl).backward()              # minimise −ELBO = reconstruction + KL
            optimizer.step()
            sums += [reconstruction.item() * len(xb), kl.item() * len(xb)]
        # --8<-- [end:train_vae]
        rec, kl_mean = sums / len(X)
        history.reconstruction.append(float(rec))
        history.kl.append(float(kl_mean))
        history.total.append(float(rec + kl_mean))
    return model, history


@torch.no_grad()
def reconstruct(model: nn.Module, X: np.ndarray, device: torch.device | None = None) -> np.ndarray:
    """Reconstructed images ``(N, 64)`` in [0, 1]; a VAE decodes the mean ``mu`` (no noise)."""
    device = device or get_device()
    model.to(device).eval()
    x = torch.as_tensor(X, device=device)
    if isinstance(model, VAE):
        out = torch.sigmoid(model.decoder(model.encode(x)[0]))
    else:
        out = model(x)
    return out.double().cpu().numpy()


@torch.no_grad()
def interpolate(model: VAE, x_a: np.ndarray, x_b: np.ndarray, steps: int = 8, device: torch.device | None = None) -> np.ndarray:
    """Decode ``steps`` points on the line between the latent means of images ``x_a`` and ``x_b``.

    Returns ``(steps, 64)`` images: the first close to ``x_a``, the last close to ``x_b``.
    """
    device = device or get_device()
    model.to(device).eval()
    # --8<-- [start:interpolate]
    mu = model.encode(torch.as_tensor(np.stack([x_a, x_b]), device=device))[0]   # (2, K)
    t = torch.linspace(0.0, 1.0, steps, device=device)[:, None]
    z = (1 - t) * mu[0] + t * mu[1]                                                # (steps, K)
    return torch.sigmoid(model.decoder(z)).double().cpu().numpy()
    # --8<-- [end:interpolate]
