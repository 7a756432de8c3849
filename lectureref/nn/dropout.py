r"""Dropout: zero random units while training, an ensemble of thinned networks in one.

Lecture 5. In training every unit is kept with probability $1 - p$ and zeroed with probability
$p$ (``p`` is the *drop* probability, as in ``torch.nn.Dropout``). *Inverted* dropout divides the
kept units by $1 - p$, so the expected activation is unchanged, $\mathbb E[y] = x$, and inference
uses the network as it is. The slides show the original form instead: keep units with
probability $p$ and multiply by $p$ at inference; both give the same expected activation.

The layer class is `lectureref.nn.layers.Dropout`, a thin wrapper over this pair.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch


class DropoutCache(NamedTuple):
    """The scaled keep mask: ``0`` for a dropped unit, ``1 / (1 − p)`` for a kept one."""

    mask: np.ndarray


def dropout_mask(shape: tuple[int, ...], p: float, rng: np.random.Generator, dtype: type = np.float32) -> np.ndarray:
    """A fresh inverted-dropout mask: each entry ``1/(1−p)`` with probability ``1 − p``, else ``0``.

    ``p = 1`` drops everything (all zeros, as ``torch.nn.Dropout(1.0)``); ``p`` outside [0, 1] is an error.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"the drop probability p must be in [0, 1]; got {p}")
    if p == 1.0:
        return np.zeros(shape, dtype)
    # --8<-- [start:mask]
    keep = rng.random(shape, dtype=np.float32) >= p          # True with probability 1 − p
    return keep.astype(dtype) / dtype(1.0 - p)              # kept units are scaled up: E[mask] = 1
    # --8<-- [end:mask]


# --8<-- [start:pair]
def dropout_forward(x: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, DropoutCache]:
    """Training-mode dropout with a given mask (from `dropout_mask`): ``y = x · mask``."""
    return x * mask, DropoutCache(mask)


def dropout_backward(dout: np.ndarray, cache: DropoutCache) -> np.ndarray:
    """``dy/dx = mask``: a dropped unit gets no gradient, a kept one gets ``dout / (1 − p)``."""
    return dout * cache.mask
# --8<-- [end:pair]


def dropout_torch(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The same training-mode dropout in torch with a given mask (autograd gives the backward).

    ``torch.nn.functional.dropout(x, p)`` draws its own mask from torch's generator; for the
    same input without zeros it equals ``dropout_torch(x, (out != 0) / (1 − p))``.
    """
    return x * mask


def expected_activation(x: np.ndarray, p: float, n_samples: int = 10_000, seed: int = 0) -> np.ndarray:
    """Monte-Carlo mean of the training-mode output over ``n_samples`` masks; ≈ ``x`` (inverted dropout)."""
    rng = np.random.default_rng(seed)
    masks = dropout_mask((n_samples, *x.shape), p, rng, dtype=np.float64)
    return (x * masks).mean(axis=0)
