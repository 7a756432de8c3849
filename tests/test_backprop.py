"""lectureref.backprop: the graph example, and the gradient checker catches wrong signs and factors."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.backprop import add_mul_graph, check_gradient, numerical_gradient, relative_error, relative_errors


def test_add_mul_graph_matches_autograd() -> None:
    g = add_mul_graph(-2.0, 5.0, -4.0)
    x, y, z = (torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (-2.0, 5.0, -4.0))
    f = (x + y) * z
    f.backward()
    assert g == (f.item(), x.grad.item(), y.grad.item(), z.grad.item()) == (-12.0, -4.0, -4.0, 3.0)


def test_numerical_gradient_of_a_matrix_product() -> None:
    """Y = X Wᵀ: dL/dW = dYᵀ X and dL/dX = dY W, the gradient of a matrix product (lecture 4)."""
    rng = np.random.default_rng(0)
    X, W, dY = rng.standard_normal((4, 3)), rng.standard_normal((2, 3)), rng.standard_normal((4, 2))
    np.testing.assert_allclose(numerical_gradient(lambda w: X @ w.T, W, dY), dY.T @ X, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda x: x @ W.T, X, dY), dY @ W, rtol=1e-8)
    W0 = W.copy()
    numerical_gradient(lambda w: float(np.sum(w**2)), W)
    np.testing.assert_array_equal(W, W0)               # every entry restored after its nudge


def test_numerical_gradient_is_second_order_accurate() -> None:
    x = np.array([0.3, -1.2, 2.0])
    exact = np.cos(x)
    err = [np.abs(numerical_gradient(lambda v: np.sum(np.sin(v)), x, h=h) - exact).max() for h in (1e-2, 1e-3)]
    assert 50 < err[0] / err[1] < 200                  # h 10× smaller → error ≈ 100× smaller: O(h²)


def test_relative_error_values() -> None:
    g = np.array([1.0, -2.0, 3.0])
    assert relative_error(g, g) == 0.0
    assert relative_error(g, -g) == pytest.approx(1.0)          # wrong sign
    assert relative_error(g, 2 * g) == pytest.approx(1 / 3)     # missing factor 2
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(1e-9 * g, 1e-9 * g * (1 + 1e-7)) < 1e-7   # scale-free


def test_check_gradient_passes_the_right_gradient_and_rejects_wrong_ones() -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal(5)
    f = lambda v: float(np.sum(v**3))                  # noqa: E731 - gradient 3v²
    check_gradient(f, x, 3 * x**2, tol=1e-8)
    for wrong in (-3 * x**2, 1.5 * x**2, 3 * x**2 + 1e-3):
        with pytest.raises(AssertionError, match="gradient check failed"):
            check_gradient(f, x, wrong)
    with pytest.raises(TypeError):
        check_gradient(f, x.astype(np.float32), 3 * x**2)


def test_relative_errors_names_each_pair_and_takes_tensors(capsys: pytest.CaptureFixture[str]) -> None:
    a = np.array([1.0, 2.0])
    errors = relative_errors({"same": (a, torch.tensor(a, requires_grad=True) * 1), "double": (a, 2 * a)})
    assert errors == {"same": 0.0, "double": pytest.approx(1 / 3)}
    assert "double: relative error 3.3e-01" in capsys.readouterr().out
