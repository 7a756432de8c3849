"""L2 regularisation: a penalty on large weights, and how it maps onto ``weight_decay``.

Lecture 3 (41:39), lecture 5 (27:55). The loss becomes $L + \\lambda\\lVert W\\rVert^2$, so
the gradient gains $2\\lambda W$ and every step pulls the weights towards zero. PyTorch's
``SGD(weight_decay=wd)`` adds ``wd · W`` to the gradient: the same update when ``wd = 2λ``.
"""

from __future__ import annotations

import numpy as np
import torch


def l2_penalty(w: np.ndarray, lam: float) -> tuple[float, np.ndarray]:
    """``(λ‖w‖², 2λw)``: the penalty and its gradient (same shape as ``w``).

    Only weights are penalised, never biases: a bias shifts the boundary, it does not make the
    model more complex.
    """
    # --8<-- [start:penalty]
    penalty = lam * float(np.sum(w * w))     # λ‖w‖²
    dw = 2.0 * lam * w                       # d(λ‖w‖²)/dw = 2λw
    # --8<-- [end:penalty]
    return penalty, dw


def l2_penalty_torch(w: torch.Tensor, lam: float) -> torch.Tensor:
    """``λ‖w‖²`` as a differentiable torch scalar (autograd gives ``2λw``)."""
    return lam * (w * w).sum()


def weight_decay_for(lam: float) -> float:
    """The ``weight_decay`` of ``torch.optim.SGD`` that reproduces the penalty ``λ‖w‖²``: ``2λ``."""
    return 2.0 * lam


def sgd_param_groups(weights: list[torch.Tensor], biases: list[torch.Tensor], lam: float) -> list[dict]:
    """Parameter groups for ``torch.optim.SGD``: decay on the weights only, not on the biases."""
    # --8<-- [start:param_groups]
    return [
        {"params": weights, "weight_decay": weight_decay_for(lam)},   # grad += 2λ·W
        {"params": biases, "weight_decay": 0.0},
    ]
    # --8<-- [end:param_groups]
