"""Where batch normalization and dropout go relative to ReLU.

Lecture 5, notes between 27:55 and 1:17:27: batch normalization is a layer after the weights,
most often put after the activation (ReLU); dropout usually near the end of the net.
`next_layer_input` shows in numpy what each order of batch norm and ReLU hands the next
layer; `dropout_then_relu` / `relu_then_dropout` show that with ReLU the order of dropout
does not matter at all; `make_mlp` builds the PyTorch nets that the page trains.
"""

from __future__ import annotations

import numpy as np
from torch import nn

from lectureref.nn.activations import relu_forward
from lectureref.nn.batchnorm import batchnorm_forward
from lectureref.nn.dropout import dropout_forward

ORDERS = ("linear-relu", "linear-bn-relu", "linear-relu-bn")


# --8<-- [start:next_layer_input]
def next_layer_input(z: np.ndarray, order: str) -> np.ndarray:
    """What the next layer receives from pre-activations ``z`` (N, D): ``ReLU(BN(z))`` or ``BN(ReLU(z))``.

    Batch norm in training mode with ``γ = 1``, ``β = 0`` (as initialized).
    """
    gamma, beta = np.ones(z.shape[1]), np.zeros(z.shape[1])
    if order == "linear-bn-relu":                 # normalize, then cut: half of each feature is 0
        return relu_forward(batchnorm_forward(z, gamma, beta)[0])[0]
    if order == "linear-relu-bn":                 # cut, then normalize: mean 0, std 1 per feature
        return batchnorm_forward(relu_forward(z)[0], gamma, beta)[0]
    raise ValueError(f"order must be linear-bn-relu or linear-relu-bn; got {order!r}")
# --8<-- [end:next_layer_input]


# --8<-- [start:dropout]
def dropout_then_relu(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``ReLU(dropout(x))`` with a given inverted-dropout mask (entries 0 or ``1/(1 − p)``)."""
    return relu_forward(dropout_forward(x, mask)[0])[0]


def relu_then_dropout(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``dropout(ReLU(x))``: the same numbers, since ``max(m·x, 0) = m·max(x, 0)`` for ``m ≥ 0``."""
    return dropout_forward(relu_forward(x)[0], mask)[0]
# --8<-- [end:dropout]


# --8<-- [start:make_mlp]
def block(order: str, n_in: int, n_out: int) -> list[nn.Module]:
    """One hidden layer in the given order of ``Linear``, ``BatchNorm1d`` and ``ReLU``."""
    layers = {
        "linear-relu": [nn.Linear(n_in, n_out), nn.ReLU()],
        "linear-bn-relu": [nn.Linear(n_in, n_out), nn.BatchNorm1d(n_out), nn.ReLU()],
        "linear-relu-bn": [nn.Linear(n_in, n_out), nn.ReLU(), nn.BatchNorm1d(n_out)],
    }
    if order not in layers:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}; got {order!r}")
    return layers[order]


def make_mlp(order: str, sizes: tuple[int, ...] = (64, 64, 64, 10)) -> nn.Sequential:
    """An MLP whose hidden layers all follow ``order``; the last layer is a plain ``Linear``."""
    hidden = [layer for n_in, n_out in zip(sizes[:-2], sizes[1:-1]) for layer in block(order, n_in, n_out)]
    return nn.Sequential(*hidden, nn.Linear(sizes[-2], sizes[-1]))
# --8<-- [end:make_mlp]
