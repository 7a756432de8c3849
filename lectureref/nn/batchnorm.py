r"""Batch normalization for fully connected layers: batch statistics in training, running ones at inference.

Lecture 5. For a batch $x$ of shape (N, D) every feature is standardised with the batch mean
$\mu$ and (biased) variance $\sigma^2$, then scaled and shifted by learnable $\gamma, \beta$:

$$\hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad y = \gamma \hat x + \beta .$$

Training also keeps exponential running averages of $\mu$ and of the *unbiased* variance
(``momentum = 0.1`` as in ``torch.nn.BatchNorm1d``); inference uses them instead of the batch,
so a prediction does not depend on the other examples in the batch.

The layer class is `lectureref.nn.layers.BatchNorm1d`, a thin wrapper over these functions.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class BatchNormCache(NamedTuple):
    """What backward needs: the normalised input, ``1/√(σ²+ε)`` and ``γ``; ``mean``/``var`` for the running stats."""

    x_hat: np.ndarray      # (N, D)
    inv_std: np.ndarray    # (D,)
    gamma: np.ndarray      # (D,)
    mean: np.ndarray       # (D,) batch mean
    var: np.ndarray        # (D,) biased batch variance


# --8<-- [start:forward]
def batchnorm_forward(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5
) -> tuple[np.ndarray, BatchNormCache]:
    """Training-mode batch norm of ``x`` (N, D) with the statistics of this batch; ``γ, β`` (D,)."""
    mean = x.mean(axis=0)
    var = x.var(axis=0)                               # biased (÷N), as in the normalisation
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mean) * inv_std                      # every feature: mean 0, variance ≈ 1
    return gamma * x_hat + beta, BatchNormCache(x_hat, inv_std, gamma, mean, var)
# --8<-- [end:forward]


# --8<-- [start:backward]
def batchnorm_backward(dout: np.ndarray, cache: BatchNormCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(dx, dγ, dβ)`` for ``dout`` (N, D).

    ``μ`` and ``σ`` depend on every example, so ``dx`` has two extra terms beyond ``γ·dout/σ``:
    ``dx = (1/σ)·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))`` with ``dx̂ = γ·dout`` (means over the batch).
    """
    x_hat, inv_std, gamma = cache.x_hat, cache.inv_std, cache.gamma
    dbeta = dout.sum(axis=0)
    dgamma = (dout * x_hat).sum(axis=0)
    dx_hat = dout * gamma
    dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))
    return dx, dgamma, dbeta
# --8<-- [end:backward]


# --8<-- [start:running]
def update_running(
    running_mean: np.ndarray, running_var: np.ndarray, cache: BatchNormCache, n: int, momentum: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """New running ``(mean, var)``: ``(1 − m)·old + m·batch``, the variance unbiased (× n/(n−1)) like torch."""
    new_mean = (1.0 - momentum) * running_mean + momentum * cache.mean
    new_var = (1.0 - momentum) * running_var + momentum * cache.var * (n / (n - 1))
    return new_mean, new_var


def batchnorm_eval(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, running_mean: np.ndarray, running_var: np.ndarray,
    eps: float = 1e-5,
) -> np.ndarray:
    """Inference-mode batch norm: a fixed per-feature affine map, the same for any batch."""
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta
# --8<-- [end:running]
