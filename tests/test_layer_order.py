"""lectureref.layer_order: the numpy orders against torch's layers, dropout commuting with ReLU, the MLPs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from lectureref.layer_order import ORDERS, dropout_then_relu, make_mlp, next_layer_input, relu_then_dropout


@pytest.mark.parametrize("order", ["linear-bn-relu", "linear-relu-bn"])
def test_next_layer_input_matches_torch(order: str) -> None:
    z = np.random.default_rng(0).standard_normal((32, 5))
    bn = nn.BatchNorm1d(5, dtype=torch.float64).train()
    layers = [bn, nn.ReLU()] if order == "linear-bn-relu" else [nn.ReLU(), bn]
    expected = nn.Sequential(*layers)(torch.as_tensor(z)).detach().numpy()
    np.testing.assert_allclose(next_layer_input(z, order), expected, rtol=1e-10, atol=1e-12)


def test_dropout_commutes_with_relu_but_not_with_a_shifted_activation() -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((50, 8))
    mask = (rng.random(x.shape) >= 0.3) / 0.7
    np.testing.assert_array_equal(dropout_then_relu(x, mask), relu_then_dropout(x, mask))
    # the identity needs f(m·x) = m·f(x); a sigmoid has f(0) ≠ 0, so there the order matters
    sigmoid = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    assert not np.allclose(sigmoid(x * mask), sigmoid(x) * mask)


def test_make_mlp_orders_and_shapes() -> None:
    for order in ORDERS:
        model = make_mlp(order, sizes=(6, 5, 4, 3))
        assert model(torch.zeros(2, 6)).shape == (2, 3)
        names = [type(m).__name__ for m in model]
        assert names.count("BatchNorm1d") == (0 if order == "linear-relu" else 2)
    assert [type(m).__name__ for m in make_mlp("linear-relu-bn", (6, 5, 3))] == ["Linear", "ReLU", "BatchNorm1d", "Linear"]
    with pytest.raises(ValueError, match="order must be"):
        make_mlp("bn-linear")
    with pytest.raises(ValueError, match="order must be"):
        next_layer_input(np.zeros((2, 2)), "linear-relu")
