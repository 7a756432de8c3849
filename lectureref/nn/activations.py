r"""Activation functions (non-linearities) as forward/backward pairs: ReLU, Leaky ReLU, sigmoid, tanh.

Lecture 3 (1:04:36), lecture 4 (55:47). Without a non-linearity between them, two linear layers
collapse into one: $W_2(W_1 x) = (W_2 W_1) x$. Each pair here is cs231n-style:
``*_forward(x) -> (out, cache)`` keeps what the derivative needs, ``*_backward(dout, cache) -> dx``
multiplies the upstream gradient by the local derivative, element by element.
The layer classes in `lectureref.nn.layers` are thin wrappers over these pairs; the PyTorch
twins are the built-ins listed in `TORCH`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.nn.functional import sigmoid  # the package's one overflow-free sigmoid


class InputCache(NamedTuple):
    """ReLU and Leaky ReLU need the sign of the input ``x`` (any shape)."""

    x: np.ndarray


class OutputCache(NamedTuple):
    """Sigmoid and tanh express their derivative through the output ``out``."""

    out: np.ndarray


# --8<-- [start:relu]
def relu_forward(x: np.ndarray) -> tuple[np.ndarray, InputCache]:
    """``max(0, x)`` element-wise; any shape."""
    return np.maximum(x, 0), InputCache(x)


def relu_backward(dout: np.ndarray, cache: InputCache) -> np.ndarray:
    """``dout · [x > 0]``: the gradient passes where the unit was on and stops where it was off."""
    return dout * (cache.x > 0)
# --8<-- [end:relu]


# --8<-- [start:leaky_relu]
def leaky_relu_forward(x: np.ndarray, alpha: float = 0.01) -> tuple[np.ndarray, InputCache]:
    """``max(x, αx)`` for ``0 < α < 1``: a small slope instead of zero for ``x < 0``."""
    return np.where(x > 0, x, alpha * x), InputCache(x)


def leaky_relu_backward(dout: np.ndarray, cache: InputCache, alpha: float = 0.01) -> np.ndarray:
    """``dout · 1`` where ``x > 0``, ``dout · α`` elsewhere: a negative unit still learns a little."""
    return np.where(cache.x > 0, dout, alpha * dout)
# --8<-- [end:leaky_relu]


# --8<-- [start:sigmoid]
def sigmoid_forward(x: np.ndarray) -> tuple[np.ndarray, OutputCache]:
    """The logistic sigmoid element-wise, values in (0, 1)."""
    out = sigmoid(x)
    return out, OutputCache(out)


def sigmoid_backward(dout: np.ndarray, cache: OutputCache) -> np.ndarray:
    """``σ' = σ(1 − σ)`` ≤ 1/4: every sigmoid layer shrinks the gradient at least 4×."""
    return dout * cache.out * (1.0 - cache.out)
# --8<-- [end:sigmoid]


# --8<-- [start:tanh]
def tanh_forward(x: np.ndarray) -> tuple[np.ndarray, OutputCache]:
    """``tanh(x) = 2σ(2x) − 1``: zero-centred, values in (−1, 1)."""
    out = np.tanh(x)
    return out, OutputCache(out)


def tanh_backward(dout: np.ndarray, cache: OutputCache) -> np.ndarray:
    """``tanh' = 1 − tanh²`` ≤ 1, and → 0 when the unit saturates at ±1."""
    return dout * (1.0 - cache.out**2)
# --8<-- [end:tanh]


#: The PyTorch twin of each pair, by name (``alpha`` is ``negative_slope`` in torch).
TORCH: dict[str, Callable[..., torch.Tensor]] = {
    "relu": F.relu,
    "leaky_relu": F.leaky_relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
}

#: ``name -> (forward, backward)`` for the four pairs above.
PAIRS: dict[str, tuple[Callable, Callable]] = {
    "relu": (relu_forward, relu_backward),
    "leaky_relu": (leaky_relu_forward, leaky_relu_backward),
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
}


def derivative(name: str, x: np.ndarray) -> np.ndarray:
    """The local derivative ``f'(x)`` of activation ``name``: its backward pass with ``dout = 1``."""
    forward, backward = PAIRS[name]
    _, cache = forward(x)
    return backward(np.ones_like(x), cache)
