"""lectureref.dropout: the same mask as torch gives the same output and gradient; E[y] = x; eval is identity."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.backprop import check_gradient, relative_error
from lectureref.nn.dropout import (
    dropout_backward,
    dropout_forward,
    dropout_mask,
    dropout_torch,
    expected_activation,
)
from lectureref.nn.layers import Dropout


def test_same_mask_as_torch_gives_same_output_and_gradient() -> None:
    rng = np.random.default_rng(0)
    x, dout, p = rng.uniform(0.5, 2.0, (8, 10)), rng.standard_normal((8, 10)), 0.3
    torch.manual_seed(0)
    xt = torch.tensor(x, requires_grad=True)
    out_t = F.dropout(xt, p, training=True)          # torch draws the mask
    out_t.backward(torch.tensor(dout))
    mask = (out_t.detach().numpy() != 0) / (1 - p)   # read it back (x has no zeros)
    out, cache = dropout_forward(x, mask)
    dx = dropout_backward(dout, cache)
    assert relative_error(out, out_t.detach().numpy()) < 1e-15
    assert relative_error(dx, xt.grad.numpy()) < 1e-15
    check_gradient(lambda v: dropout_forward(v, mask)[0], x, dx, dout, tol=1e-6)
    xt2 = torch.tensor(x, requires_grad=True)
    dropout_torch(xt2, torch.tensor(mask)).backward(torch.tensor(dout))
    np.testing.assert_allclose(xt2.grad.numpy(), dx)


def test_mask_drops_p_and_keeps_the_expected_activation() -> None:
    rng = np.random.default_rng(1)
    mask = dropout_mask((200, 500), 0.3, rng)
    assert mask.dtype == np.float32
    assert set(np.unique(mask)) == {0.0, np.float32(1 / 0.7)}
    assert abs((mask == 0).mean() - 0.3) < 0.005
    x = np.array([1.0, -2.0, 5.0])
    np.testing.assert_allclose(expected_activation(x, 0.5, n_samples=20_000), x, rtol=0.03)
    # without the 1/(1 − p) scaling the mean would shrink to (1 − p)·x: the scaling is what keeps it
    assert abs(dropout_mask((100_000,), 0.5, rng).mean() - 1.0) < 0.01


def test_layer_train_vs_eval() -> None:
    x = np.ones((4, 1000), np.float32)
    layer = Dropout(0.5, seed=3)
    a, b = layer.forward(x), layer.forward(x)
    assert not np.array_equal(a, b)                  # a new mask every forward
    np.testing.assert_array_equal(layer.backward(np.ones_like(x)), b)   # backward uses the last mask
    assert abs(a.mean() - 1.0) < 0.05
    np.testing.assert_array_equal(Dropout(0.5, seed=3).forward(x), a)   # seeded: reproducible
    layer.training = False
    assert layer.forward(x) is x and layer.backward(x) is x             # inference: identity
