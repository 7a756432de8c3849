"""lectureref.nn.layers: every layer's forward and backward against torch autograd and central differences.

All in float64. A layer passes when its output equals the torch module's (same weights, via
``to_torch``), its ``dx`` and parameter gradients equal autograd's to 1e-10, and a numerical
gradient agrees to 1e-6: a wrong sign gives a relative error of 1, a missing factor 2 gives 1/3.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lectureref.backprop import check_gradient, relative_error
from lectureref.nn.layers import (
    BatchNorm1d,
    Dropout,
    Layer,
    LeakyReLU,
    Linear,
    linear_backward,
    linear_forward,
    ReLU,
    Sigmoid,
    Tanh,
)
from lectureref.nn.losses import BCEWithLogitsLoss, MSELoss, SoftmaxCrossEntropy

TORCH_NAME = {"w": "weight", "b": "bias", "gamma": "weight", "beta": "bias"}


def _batchnorm() -> BatchNorm1d:
    layer = BatchNorm1d(5, dtype=np.float64)
    rng = np.random.default_rng(7)          # non-trivial γ, β so that dx depends on γ
    layer.params["gamma"][:] = rng.uniform(0.5, 2.0, 5)
    layer.params["beta"][:] = rng.standard_normal(5)
    return layer


LAYERS: dict[str, Callable[[], Layer]] = {
    "linear": lambda: Linear(5, 4, np.random.default_rng(1), dtype=np.float64),
    "relu": ReLU,
    "leaky_relu": lambda: LeakyReLU(0.1),
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "batchnorm_train": _batchnorm,
}


@pytest.mark.parametrize("name", LAYERS)
def test_layer_matches_torch_autograd_and_numerical_gradient(name: str) -> None:
    rng = np.random.default_rng(0)
    layer = LAYERS[name]()
    x = rng.standard_normal((6, 5)) * 2
    module = layer.to_torch()                    # same weights, before forward changes any state
    out = layer.forward(x)
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout)
    grads = {k: g.copy() for k, g in layer.grads.items()}

    xt = torch.tensor(x, requires_grad=True)
    out_t = module(xt)
    out_t.backward(torch.tensor(dout))
    torch_params = dict(module.named_parameters())
    assert relative_error(out, out_t.detach().numpy()) < 1e-12
    assert relative_error(dx, xt.grad.numpy()) < 1e-10
    assert set(grads) == set(layer.params)
    for k, g in grads.items():
        assert g.shape == layer.params[k].shape
        assert relative_error(g, torch_params[TORCH_NAME[k]].grad.numpy()) < 1e-10

    # the same gradients by central differences: dx, then every parameter
    check_gradient(lambda x_: layer.forward(x_), x, dx, dout, tol=1e-6)
    for k, p in layer.params.items():
        check_gradient(lambda _: layer.forward(x), p, grads[k], dout, tol=1e-6)


def test_dropout_layer_scales_like_torch_and_its_backward_is_the_same_mask() -> None:
    """Dropout draws a random mask, so it is compared with nn.Dropout through what both must share.

    Kept units are multiplied by exactly 1/(1 − p) in both (a missing factor fails), the share of
    zeros is p, backward is autograd's dout·mask for the same mask (and a numerical gradient),
    and in eval mode both are the identity.
    """
    p, rng = 0.3, np.random.default_rng(4)
    x = rng.uniform(0.5, 2.0, (50, 40))                          # no zeros: out / x reads the mask back
    layer = Dropout(p, seed=1)
    module = layer.to_torch()
    out = layer.forward(x)
    out_t = module(torch.tensor(x)).numpy()                      # a fresh nn.Dropout is in training mode
    for o in (out, out_t):
        ratios = np.unique(np.round(o / x, 12))
        np.testing.assert_allclose(ratios, [0.0, 1 / (1 - p)], rtol=1e-12)
        assert abs(np.mean(o == 0) - p) < 0.03
    mask = out / x
    dout = rng.standard_normal(x.shape)
    dx = layer.backward(dout)
    xt = torch.tensor(x, requires_grad=True)
    (xt * torch.tensor(mask)).backward(torch.tensor(dout))       # what nn.Dropout's autograd does
    assert relative_error(dx, xt.grad.numpy()) < 1e-14
    check_gradient(lambda v: v * mask, x.copy(), dx, dout, tol=1e-6)
    layer.training = False
    module.eval()
    np.testing.assert_array_equal(layer.forward(x), module(torch.tensor(x)).numpy())
    np.testing.assert_array_equal(layer.backward(dout), dout)


def test_linear_pair_shapes_and_the_slides_formulas() -> None:
    rng = np.random.default_rng(2)
    x, w, b = rng.standard_normal((3, 4)), rng.standard_normal((2, 4)), rng.standard_normal(2)
    out, cache = linear_forward(x, w, b)
    np.testing.assert_allclose(out[1], w @ x[1] + b)           # y = Wx + b for each example
    dout = rng.standard_normal((3, 2))
    dx, dw, db = linear_backward(dout, cache)
    assert (dx.shape, dw.shape, db.shape) == (x.shape, w.shape, b.shape)
    # the slides: dz/dW = dz/dy · xᵀ, summed over the batch; dz/dx = Wᵀ · dz/dy
    np.testing.assert_allclose(dw, sum(np.outer(dout[n], x[n]) for n in range(3)))
    np.testing.assert_allclose(dx[0], w.T @ dout[0])


def test_linear_init_keeps_the_relu_signal_scale_and_to_torch_copies() -> None:
    layer = Linear(400, 300, np.random.default_rng(0))
    assert layer.params["w"].dtype == np.float32 and np.all(layer.params["b"] == 0)
    assert abs(layer.params["w"].std() - np.sqrt(2 / 400)) < 0.01 * np.sqrt(2 / 400)
    module = layer.to_torch()
    layer.params["w"] += 1.0                     # a copy: later updates don't leak into torch
    assert not np.allclose(module.weight.detach().numpy(), layer.params["w"])


LOSSES = {
    "softmax_ce": (SoftmaxCrossEntropy, lambda r: r.integers(0, 4, 6), F.cross_entropy),
    "mse": (MSELoss, lambda r: r.standard_normal((6, 4)), F.mse_loss),
    "bce_logits": (BCEWithLogitsLoss, lambda r: r.integers(0, 2, (6, 4)).astype(float), F.binary_cross_entropy_with_logits),
}


@pytest.mark.parametrize("name", LOSSES)
def test_loss_matches_torch_and_numerical_gradient(name: str) -> None:
    make, target_of, torch_fn = LOSSES[name]
    rng = np.random.default_rng(3)
    scores, target = rng.standard_normal((6, 4)) * 3, target_of(rng)
    loss_fn = make()
    loss = loss_fn.forward(scores, target)
    dscores = loss_fn.backward()
    st = torch.tensor(scores, requires_grad=True)
    lt = torch_fn(st, torch.tensor(target))
    lt.backward()
    assert abs(loss - lt.item()) < 1e-12 * max(1.0, abs(loss))
    assert relative_error(dscores, st.grad.numpy()) < 1e-10
    check_gradient(lambda s: loss_fn.forward(s, target), scores, dscores, tol=1e-6)
    loss_fn.forward(scores, target)
    np.testing.assert_allclose(loss_fn.backward(2.5), 2.5 * dscores)   # chain rule: dout scales it
    assert loss_fn.torch_fn is torch_fn


def test_losses_are_stable_at_huge_scores() -> None:
    z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 50.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):   # overflow or log(0) would raise
        ce = SoftmaxCrossEntropy().forward(z, np.array([1, 1]))
        bce_fn = BCEWithLogitsLoss()
        bce = bce_fn.forward(z, np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]))
        dz = bce_fn.backward()
    assert np.isclose(ce, F.cross_entropy(torch.tensor(z), torch.tensor([1, 1])).item(), rtol=1e-12)
    zt = torch.tensor(z, requires_grad=True)
    bt = F.binary_cross_entropy_with_logits(zt, torch.tensor([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], dtype=torch.float64))
    bt.backward()
    assert np.isclose(bce, bt.item(), rtol=1e-12) and np.isfinite(bce)
    np.testing.assert_allclose(dz, zt.grad.numpy(), rtol=1e-12, atol=1e-300)


def test_layers_keep_float32() -> None:
    """The MLP trains in float32: no layer may silently promote to float64."""
    x = np.random.default_rng(0).standard_normal((8, 5)).astype(np.float32)
    for layer in [Linear(5, 5), ReLU(), LeakyReLU(), Sigmoid(), Tanh(), BatchNorm1d(5)]:
        out = layer.forward(x)
        assert out.dtype == np.float32 and layer.backward(out).dtype == np.float32, type(layer).__name__
        assert all(g.dtype == np.float32 for g in layer.grads.values())
