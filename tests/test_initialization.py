"""lectureref.initialization: the std/bound formulas are torch.nn.init's, and the samples follow them."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from lectureref.initialization import activation_stds
from lectureref.nn.init import calculate_gain, he_std, init_weights, uniform_bound, xavier_std

FAN_IN, FAN_OUT = 300, 70  # unequal, so fan_in and fan_out cannot be swapped unnoticed


def torch_draw(init, std: float | None = None, bound: float | None = None, **kw) -> tuple[torch.Tensor, torch.Tensor]:
    """torch.nn.init's tensor, and the same seed drawn by hand with our std or bound."""
    torch.manual_seed(0)
    theirs = init(torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64), **kw)
    torch.manual_seed(0)
    mine = torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)
    mine = mine.normal_(0.0, std) if bound is None else mine.uniform_(-bound, bound)
    return theirs, mine


@pytest.mark.parametrize("gain", [1.0, 5.0 / 3.0])
def test_xavier_formulas_are_torch_nn_init(gain: float) -> None:
    std = xavier_std(FAN_IN, FAN_OUT, gain)
    theirs, mine = torch_draw(torch.nn.init.xavier_normal_, std=std, gain=gain)
    torch.testing.assert_close(theirs, mine, rtol=1e-14, atol=0)
    theirs, mine = torch_draw(torch.nn.init.xavier_uniform_, bound=uniform_bound(std), gain=gain)
    torch.testing.assert_close(theirs, mine, rtol=1e-14, atol=0)


@pytest.mark.parametrize("nonlinearity", ["relu", "tanh", "leaky_relu"])
def test_he_formulas_are_torch_kaiming(nonlinearity: str) -> None:
    std = he_std(FAN_IN, calculate_gain(nonlinearity, negative_slope=0.2))  # kaiming's `a` is the slope
    theirs, mine = torch_draw(torch.nn.init.kaiming_normal_, std=std, a=0.2, nonlinearity=nonlinearity)
    torch.testing.assert_close(theirs, mine, rtol=1e-14, atol=0)
    theirs, mine = torch_draw(torch.nn.init.kaiming_uniform_, bound=uniform_bound(std), a=0.2, nonlinearity=nonlinearity)
    torch.testing.assert_close(theirs, mine, rtol=1e-14, atol=0)


def test_gains_are_torch_gains() -> None:
    for name in ["linear", "sigmoid", "tanh", "relu", "leaky_relu"]:
        assert calculate_gain(name) == pytest.approx(torch.nn.init.calculate_gain(name), rel=1e-12)
    assert calculate_gain("leaky_relu", 0.2) == pytest.approx(torch.nn.init.calculate_gain("leaky_relu", 0.2))


@pytest.mark.parametrize(
    ("method", "std"),
    [
        ("xavier_normal", math.sqrt(2 / (FAN_IN + FAN_OUT))),
        ("xavier_uniform", math.sqrt(2 / (FAN_IN + FAN_OUT))),
        ("he_normal", math.sqrt(2 / FAN_IN)),
        ("he_uniform", math.sqrt(2 / FAN_IN)),
        ("small", 0.01),
    ],
)
def test_numpy_samples_have_the_formula_std(method: str, std: float) -> None:
    W = init_weights(FAN_IN, FAN_OUT, method, np.random.default_rng(0))
    assert W.shape == (FAN_OUT, FAN_IN)
    assert abs(W.mean()) < 0.02 * std * 10
    assert W.std() == pytest.approx(std, rel=0.02)
    if method.endswith("uniform"):
        assert np.abs(W).max() <= math.sqrt(3) * std and np.abs(W).max() > 0.99 * math.sqrt(3) * std


def test_he_keeps_a_linear_layers_second_moment_after_relu() -> None:
    """He's 2/fan_in exactly compensates ReLU's halving: E[y²] = E[x²] for y = W·relu(x)."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4000, 200))
    W = init_weights(200, 200, "he_normal", rng)
    y = np.maximum(x, 0) @ W.T
    assert np.mean(y**2) == pytest.approx(np.mean(x**2), rel=0.05)


def test_spread_is_deterministic_and_zero_init_is_dead() -> None:
    a = activation_stds("he_normal", "relu", depth=3, width=32, n=64, seed=5)
    assert a == activation_stds("he_normal", "relu", depth=3, width=32, n=64, seed=5)
    assert activation_stds("zero", "relu", depth=3, width=32, n=64) == [0.0, 0.0, 0.0]
