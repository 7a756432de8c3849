"""L2 regularisation: a penalty on large weights, and how it maps onto ``weight_decay``.

Lecture 3 (41:39). The loss becomes $L + \\lambda\\lVert W\\rVert^2$, so
the gradient gains $2\\lambda W$ and every step pulls the weights towards zero. PyTorch's
``SGD(weight_decay=wd)`` adds ``wd · W`` to the gradient: the same update when ``wd = 2λ``.
The numpy penalty is `lectureref.nn.losses.l2_penalty`; the parameter groups that decay the
weights and not the biases are `lectureref.training.sgd_param_groups`.
"""

from __future__ import annotations

import torch


def l2_penalty_torch(w: torch.Tensor, lam: float) -> torch.Tensor:
    """``λ‖w‖²`` as a differentiable torch scalar (autograd gives ``2λw``)."""
    return lam * (w * w).sum()
