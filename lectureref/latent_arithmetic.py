r"""Arithmetic in a VAE's latent space: an attribute direction found from the data, added to codes.

Lecture 8, on autoencoders: a direction in the space of codes — a smile, glasses —
can be added to or subtracted from other pictures' codes. Here the attribute is one the digits
have and a program can measure: how wide a digit is (the spread of its ink across the columns).
Its direction is the difference of the mean codes of the widest and the narrowest quarter of the
images,

$$
d = \overline{\mu(x)}_{\text{wide}} - \overline{\mu(x)}_{\text{narrow}}, \qquad
x' = \mathrm{decoder}\bigl(\mu(x) + \alpha\, d\bigr),
$$

and adding ``α d`` to another image's code makes the decoded digit wider (α > 0) or narrower
(α < 0). Width also tells digits apart (a 1 is narrow, a 0 wide), so this direction changes the
digit too; taken inside each class and averaged, it changes the width and keeps the digit better. Stands on lecture 8's VAE
(`lectureref.autoencoders`), which it imports.
"""

from __future__ import annotations

import numpy as np
import torch

from lectureref.autoencoders import VAE
from lectureref.device import get_device


def width(X: np.ndarray) -> np.ndarray:
    """The attribute: the horizontal spread of each 8×8 image's ink, the standard deviation of the
    ink's column position weighted by the pixels (N,) — wide digits have a larger one."""
    images = X.reshape(len(X), 8, 8) + 1e-9
    columns = np.arange(8)
    mass = images.sum(axis=(1, 2))
    mean = (images * columns).sum(axis=(1, 2)) / mass
    return np.sqrt((images * (columns - mean[:, None, None]) ** 2).sum(axis=(1, 2)) / mass)


@torch.no_grad()
def codes(model: VAE, X: np.ndarray, device: torch.device | None = None) -> np.ndarray:
    """The latent means ``μ(x)`` (N, K): each image's code without the sampling noise."""
    device = device or get_device()
    model.to(device).eval()
    return model.encode(torch.as_tensor(X, device=device))[0].double().cpu().numpy()


@torch.no_grad()
def decode(model: VAE, Z: np.ndarray, device: torch.device | None = None) -> np.ndarray:
    """Images (N, 64) in [0, 1] from codes (N, K)."""
    device = device or get_device()
    model.to(device).eval()
    z = torch.as_tensor(Z, dtype=torch.float32, device=device)
    return torch.sigmoid(model.decoder(z)).double().cpu().numpy()


# --8<-- [start:direction]
def attribute_direction(Z: np.ndarray, attribute: np.ndarray, groups: np.ndarray | None = None,
                        share: float = 0.25) -> np.ndarray:
    """Mean code of the ``share`` of images with the most of the attribute minus that of the least.

    With ``groups`` (say, the digit classes) the difference is taken inside each group and
    averaged: what the widest and narrowest digits differ in *besides* being different digits.
    """
    if groups is not None:
        return np.mean([attribute_direction(Z[groups == g], attribute[groups == g], share=share)
                        for g in np.unique(groups)], axis=0)
    low, high = np.quantile(attribute, [share, 1 - share])
    return Z[attribute >= high].mean(axis=0) - Z[attribute <= low].mean(axis=0)


def shift(model: VAE, X: np.ndarray, direction: np.ndarray, alphas: list[float]) -> np.ndarray:
    """Decoded images with ``α·direction`` added to their codes: (len(alphas), N, 64)."""
    Z = codes(model, X)
    return np.stack([decode(model, Z + a * direction) for a in alphas])
# --8<-- [end:direction]
