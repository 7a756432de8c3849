"""lectureref.activations: each pair against torch, derivative formulas, saturation and stability."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.nn.activations import derivative, leaky_relu_backward, leaky_relu_forward, PAIRS, TORCH
from lectureref.nn.functional import sigmoid
from lectureref.backprop import check_gradient, relative_error


@pytest.mark.parametrize("name", PAIRS)
def test_pair_matches_torch_and_numerical_gradient(name: str) -> None:
    rng = np.random.default_rng(0)
    x, dout = rng.standard_normal((4, 6)) * 3, rng.standard_normal((4, 6))
    forward, backward = PAIRS[name]
    out, cache = forward(x)
    dx = backward(dout, cache)
    xt = torch.tensor(x, requires_grad=True)
    out_t = TORCH[name](xt)
    out_t.backward(torch.tensor(dout))
    assert relative_error(out, out_t.detach().numpy()) < 1e-14
    assert relative_error(dx, xt.grad.numpy()) < 1e-12
    check_gradient(lambda v: forward(v)[0], x, dx, dout, tol=1e-6)


def test_derivatives_have_the_textbook_values() -> None:
    x = np.array([-3.0, -0.5, 0.5, 3.0])
    np.testing.assert_array_equal(derivative("relu", x), [0, 0, 1, 1])
    np.testing.assert_allclose(derivative("leaky_relu", x), [0.01, 0.01, 1, 1])
    np.testing.assert_allclose(derivative("sigmoid", np.zeros(1)), [0.25])      # the maximum
    np.testing.assert_allclose(derivative("tanh", np.zeros(1)), [1.0])          # the maximum
    grid = np.linspace(-10, 10, 2001)
    assert derivative("sigmoid", grid).max() == pytest.approx(0.25)
    assert derivative("tanh", grid).max() == pytest.approx(1.0)
    np.testing.assert_allclose(np.tanh(grid), 2 * sigmoid(2 * grid) - 1, atol=1e-15)


def test_saturated_units_pass_almost_no_gradient() -> None:
    x = np.array([-10.0, 10.0])
    assert derivative("sigmoid", x).max() < 5e-5 and derivative("tanh", x).max() < 1e-8
    np.testing.assert_array_equal(derivative("relu", np.array([10.0, 1000.0])), [1.0, 1.0])   # no saturation for x > 0


def test_sigmoid_is_stable_at_extreme_inputs() -> None:
    with np.errstate(over="raise", invalid="raise"):
        s = sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_array_equal(s, [0.0, 0.5, 1.0])


def test_leaky_relu_slope_is_a_parameter() -> None:
    x = np.array([-2.0, 3.0])
    out, cache = leaky_relu_forward(x, alpha=0.2)
    np.testing.assert_allclose(out, [-0.4, 3.0])
    np.testing.assert_allclose(leaky_relu_backward(np.ones(2), cache, alpha=0.2), [0.2, 1.0])
    xt = torch.tensor(x, requires_grad=True)
    torch.nn.functional.leaky_relu(xt, 0.2).sum().backward()
    np.testing.assert_allclose(xt.grad.numpy(), [0.2, 1.0])
