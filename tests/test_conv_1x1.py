"""lectureref.conv_1x1: the 1×1 convolution against torch, the Inception block's shape and parameter formula."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.conv_1x1 import Inception, conv1x1, conv_mult_adds, inception_params


def test_conv1x1_matches_torch() -> None:
    rng = np.random.default_rng(0)
    x, w, b = rng.standard_normal((3, 5, 4, 6)), rng.standard_normal((7, 5)), rng.standard_normal(7)
    expected = torch.nn.functional.conv2d(torch.as_tensor(x), torch.as_tensor(w).reshape(7, 5, 1, 1), torch.as_tensor(b))
    np.testing.assert_allclose(conv1x1(x, w, b), expected.numpy(), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("reduce", [True, False])
@pytest.mark.parametrize("sizes", [(3, 2, 1, 4, 2, 3, 1), (8, 4, 3, 5, 2, 6, 7)])
def test_inception_shape_and_parameter_formula(sizes: tuple[int, ...], reduce: bool) -> None:
    c_in, c1, _, c3, _, c5, pool_proj = sizes
    block = Inception(*sizes, reduce=reduce)
    assert block(torch.zeros(2, c_in, 5, 7)).shape == (2, c1 + c3 + c5 + pool_proj, 5, 7)
    assert sum(p.numel() for p in block.parameters()) == inception_params(*sizes, reduce=reduce)


def test_mult_adds() -> None:
    assert conv_mult_adds(2, 3, 5, 4, 6) == 4 * 6 * 3 * 2 * 25
