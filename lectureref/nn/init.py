r"""Weight initialization: Xavier (Glorot) and He (Kaiming), with the formulas of ``torch.nn.init``.

A layer ``y = W x`` with ``fan_in`` inputs multiplies the variance of its input by
``fan_in · Var(W)``. Pick ``Var(W)`` so that this factor is 1 and the signal keeps its scale
through many layers: ``1 / fan_in`` for linear or tanh layers (Xavier averages it with
``1 / fan_out`` for the backward pass), ``2 / fan_in`` for ReLU, which zeroes half of its input
(He). Weights have torch's shape ``(fan_out, fan_in)``. The lesson that shows the difference is
`lectureref.initialization`.
"""

from __future__ import annotations

import math

import numpy as np

METHODS = ("xavier_uniform", "xavier_normal", "he_uniform", "he_normal", "small", "zero")
GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def calculate_gain(nonlinearity: str, negative_slope: float = 0.01) -> float:
    """The factor torch's ``calculate_gain`` puts on the std for each nonlinearity."""
    if nonlinearity == "leaky_relu":
        return math.sqrt(2.0 / (1.0 + negative_slope**2))
    if nonlinearity not in GAINS:
        raise ValueError(f"unsupported nonlinearity {nonlinearity!r}; one of leaky_relu, {', '.join(GAINS)}")
    return GAINS[nonlinearity]


# --8<-- [start:formulas]
def xavier_std(fan_in: int, fan_out: int, gain: float = 1.0) -> float:
    """Glorot & Bengio (2010): ``Var(W) = 2 / (fan_in + fan_out)``, times ``gain²``."""
    return gain * math.sqrt(2.0 / (fan_in + fan_out))


def he_std(fan_in: int, gain: float = math.sqrt(2.0)) -> float:
    """He et al. (2015): ``Var(W) = 2 / fan_in`` for ReLU (``gain = √2``)."""
    return gain / math.sqrt(fan_in)


def uniform_bound(std: float) -> float:
    """``U(−a, a)`` has variance ``a² / 3``: the bound with the same std is ``a = √3 · std``."""
    return math.sqrt(3.0) * std
# --8<-- [end:formulas]


# --8<-- [start:init]
def init_weights(
    fan_in: int, fan_out: int, method: str, rng: np.random.Generator, gain: float | None = None,
) -> np.ndarray:
    """Weights ``(fan_out, fan_in)`` drawn as ``torch.nn.init`` would draw them.

    ``method``: ``"xavier_uniform"``, ``"xavier_normal"``, ``"he_uniform"``, ``"he_normal"``
    (torch's ``kaiming_*_`` with the defaults), ``"small"`` (N(0, 0.01²), the old rule of thumb)
    or ``"zero"``.
    """
    if method not in METHODS:
        raise ValueError(f"unknown init method {method!r}; one of {', '.join(METHODS)}")
    shape = (fan_out, fan_in)
    if method == "zero":
        return np.zeros(shape)
    if method == "small":
        return 0.01 * rng.standard_normal(shape)
    family, dist = method.split("_")
    if family == "xavier":
        std = xavier_std(fan_in, fan_out, 1.0 if gain is None else gain)
    else:
        std = he_std(fan_in, math.sqrt(2.0) if gain is None else gain)
    if dist == "uniform":
        a = uniform_bound(std)
        return rng.uniform(-a, a, shape)
    return std * rng.standard_normal(shape)
# --8<-- [end:init]
