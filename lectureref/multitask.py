"""Multitask learning: one shared body, two heads, one sum of losses.

The Skoltech slides: two joint tasks (gender and age from one photo); plenty of data
for a related task; train the shared part on both and a separate part for the target task.
Here the body is one hidden layer on the digits; head «class» predicts the digit (10 classes,
cross-entropy), head «big» says whether the digit is above 4 (a logit, binary cross-entropy),
and only a few images carry the «big» label. `forward_backward` is the numpy forward and
backward pass: the body's gradient is the sum of what the two heads send back.
`TwoHeadNet` and `multitask_loss` are the same in PyTorch.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.nn.activations import relu_backward, relu_forward
from lectureref.nn.layers import linear_backward, linear_forward
from lectureref.nn.losses import bce_with_logits, softmax_cross_entropy


class Params(NamedTuple):
    """Body ``W1`` (H, D), ``b1``; class head ``Wc`` (10, H), ``bc``; binary head ``Wb`` (1, H), ``bb``."""

    W1: np.ndarray
    b1: np.ndarray
    Wc: np.ndarray
    bc: np.ndarray
    Wb: np.ndarray
    bb: np.ndarray


# --8<-- [start:forward_backward]
def forward_backward(p: Params, X: np.ndarray, y_class: np.ndarray, y_big: np.ndarray, labelled: np.ndarray,
                     weight: float = 1.0) -> tuple[float, Params]:
    """Loss ``L = L_class + weight · L_big`` and its gradients; ``L_big`` only over ``labelled`` rows.

    ``X`` (N, D), ``y_class`` (N,) ints, ``y_big`` (N,) in {0, 1}, ``labelled`` (N,) bool.
    """
    z1, c1 = linear_forward(X, p.W1, p.b1)
    h, c_relu = relu_forward(z1)                               # the shared features (N, H)
    logits, c_class = linear_forward(h, p.Wc, p.bc)            # head 1: (N, 10)
    big, c_big = linear_forward(h[labelled], p.Wb, p.bb)       # head 2: (n, 1), labelled rows only
    loss_class, d_logits = softmax_cross_entropy(logits, y_class)
    loss_big, d_big = bce_with_logits(big, y_big[labelled, None].astype(float))
    dh_class, dWc, dbc = linear_backward(d_logits, c_class)
    dh_big, dWb, dbb = linear_backward(weight * d_big, c_big)
    dh = dh_class
    dh[labelled] += dh_big                                     # the body hears both heads: a sum
    dW1, db1 = linear_backward(relu_backward(dh, c_relu), c1)[1:]
    return loss_class + weight * loss_big, Params(dW1, db1, dWc, dbc, dWb, dbb)
# --8<-- [end:forward_backward]


# --8<-- [start:torch]
class TwoHeadNet(nn.Module):
    """A shared body (Linear + ReLU) and two heads: 10 class logits and one «big» logit."""

    def __init__(self, n_in: int = 64, hidden: int = 32) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU())
        self.class_head = nn.Linear(hidden, 10)
        self.big_head = nn.Linear(hidden, 1)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.body(x)                                       # computed once, used by both heads
        return self.class_head(h), self.big_head(h)[:, 0]


def multitask_loss(model: TwoHeadNet, X: torch.Tensor, y_class: torch.Tensor, y_big: torch.Tensor,
                   labelled: torch.Tensor, w_class: float = 1.0, w_big: float = 1.0) -> torch.Tensor:
    """``w_class · L_class + w_big · L_big``, ``L_big`` over the ``labelled`` rows; a weight of 0
    leaves that head untrained (a single-task net with the same layers)."""
    logits, big = model(X)
    loss_class = nn.functional.cross_entropy(logits, y_class)
    loss_big = nn.functional.binary_cross_entropy_with_logits(big[labelled], y_big[labelled].to(big.dtype))
    return w_class * loss_class + w_big * loss_big
# --8<-- [end:torch]


def params_of(model: TwoHeadNet) -> Params:
    """The torch model's weights as numpy `Params` (float64), for comparing the two implementations."""
    get = lambda t: t.detach().double().numpy().copy()  # noqa: E731
    return Params(get(model.body[0].weight), get(model.body[0].bias), get(model.class_head.weight),
                  get(model.class_head.bias), get(model.big_head.weight), get(model.big_head.bias))


def train(model: TwoHeadNet, X: torch.Tensor, y_class: torch.Tensor, y_big: torch.Tensor, labelled: torch.Tensor,
          steps: int = 200, lr: float = 1e-2, w_class: float = 1.0, w_big: float = 1.0) -> TwoHeadNet:
    """Full-batch Adam on `multitask_loss` for ``steps`` steps (the set is small: every step sees all of it)."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        multitask_loss(model, X, y_class, y_big, labelled, w_class, w_big).backward()
        opt.step()
    return model
