"""lectureref.cnn_architectures: the numpy LeNet against torch (float64, same weights), the shift
augmentation, the residual block and the parameter-count formulas against ``numel()``."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from lectureref.backprop import check_gradient, relative_error
from lectureref.cnn_architectures import (
    alexnet_spec,
    BasicBlock,
    conv_params,
    spec_params,
    deep_net,
    lenet,
    linear_params,
    resnet,
    resnet_spec,
    shifted_copies,
    vgg,
    vgg_spec,
)
from lectureref.nn.layers import Conv2d
from lectureref.nn.losses import SoftmaxCrossEntropy


def _numel(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def test_numpy_lenet_matches_torch_forward_and_backward() -> None:
    net = lenet(channels=(3, 4), hidden=5, seed=2, dtype=np.float64)
    model = net.to_torch()                                   # a copy of the same weights
    rng = np.random.default_rng(0)
    x, y = rng.random((3, 1, 8, 8)), np.array([1, 7, 3])
    loss_fn = SoftmaxCrossEntropy()
    loss = loss_fn.forward(net.forward(x), y)
    dx = net.backward(loss_fn.backward())

    xt = torch.tensor(x, requires_grad=True)
    loss_t = nn.functional.cross_entropy(model(xt), torch.tensor(y))
    loss_t.backward()
    assert abs(loss - loss_t.item()) < 1e-12
    assert relative_error(dx, xt.grad.numpy()) < 1e-10
    pairs = [(layer, module) for layer, module in zip(net.layers, model) if layer.params]
    assert len(pairs) == 4                                   # two convolutions, two linear layers
    for layer, module in pairs:
        for name, torch_name in [("w", "weight"), ("b", "bias")]:
            assert relative_error(layer.grads[name], getattr(module, torch_name).grad.numpy()) < 1e-10


def test_numpy_lenet_gradient_matches_a_numerical_gradient() -> None:
    net = lenet(channels=(2, 3), hidden=4, seed=1, dtype=np.float64)
    x, y = np.random.default_rng(1).random((2, 1, 8, 8)), np.array([0, 5])
    loss_fn = SoftmaxCrossEntropy()
    loss_fn.forward(net.forward(x), y)
    net.backward(loss_fn.backward())
    conv = net.layers[3]                                      # the second convolution
    assert isinstance(conv, Conv2d)

    def loss_of(w: np.ndarray) -> float:
        conv.params["w"] = w
        return loss_fn.forward(net.forward(x), y)

    w0 = conv.params["w"].copy()
    check_gradient(loss_of, w0.copy(), conv.grads["w"].copy(), tol=1e-6)
    conv.params["w"] = w0


def test_shifted_copies_move_the_image_and_keep_the_labels() -> None:
    X = np.random.default_rng(0).random((2, 1, 5, 6))
    Xs, ys = shifted_copies(X, np.array([4, 9]))
    assert Xs.shape == (10, 1, 5, 6) and ys.tolist() == [4, 9] * 5
    right, left, down, up = Xs[2:4], Xs[4:6], Xs[6:8], Xs[8:10]
    np.testing.assert_array_equal(Xs[:2], X)
    np.testing.assert_array_equal(right[..., 1:], X[..., :-1])
    np.testing.assert_array_equal(left[..., :-1], X[..., 1:])
    np.testing.assert_array_equal(down[..., 1:, :], X[..., :-1, :])
    np.testing.assert_array_equal(up[..., :-1, :], X[..., 1:, :])
    assert not right[..., 0].any() and not left[..., -1].any()    # zeros come in, nothing wraps around
    assert not down[..., 0, :].any() and not up[..., -1, :].any()


def test_basic_block_is_relu_of_f_plus_x() -> None:
    torch.manual_seed(0)
    block = BasicBlock(4, 4, batchnorm=False).double()
    assert isinstance(block.shortcut, nn.Identity)
    x = torch.randn(2, 4, 6, 6, dtype=torch.float64)
    assert block(x).shape == x.shape
    assert torch.allclose(block(x), torch.relu(block.f(x) + x), rtol=0, atol=1e-14)
    with torch.no_grad():                                     # f ≡ 0: the block passes its input through
        block.f[-2].weight.zero_()
        block.f[-2].bias.zero_()
    xp = x.abs().requires_grad_()
    assert torch.equal(block(xp), xp)
    block(xp).sum().backward()                                # ∂y/∂x = I + ∂f/∂x = I here
    assert torch.equal(xp.grad, torch.ones_like(xp))


def test_basic_block_projection_when_the_shape_changes() -> None:
    block = BasicBlock(4, 8, stride=2)
    assert not isinstance(block.shortcut, nn.Identity)
    assert block(torch.randn(2, 4, 6, 6)).shape == (2, 8, 3, 3)


def test_plain_and_residual_deep_nets_have_the_same_layers() -> None:
    plain, res = deep_net(depth=8, width=4), deep_net(depth=8, width=4, residual=True)
    convs = [sum(isinstance(m, nn.Conv2d) for m in net.modules()) for net in (plain, res)]
    assert convs == [7, 7] and _numel(plain) == _numel(res)   # only the skips differ
    assert plain(torch.zeros(2, 1, 8, 8)).shape == res(torch.zeros(2, 1, 8, 8)).shape == (2, 10)


@pytest.mark.parametrize("n_in, n_out, k, bias, groups", [(3, 5, 3, True, 1), (4, 6, 1, False, 1), (4, 6, 5, True, 2)])
def test_layer_formulas_match_numel(n_in: int, n_out: int, k: int, bias: bool, groups: int) -> None:
    assert conv_params(n_in, n_out, k, bias, groups) == _numel(nn.Conv2d(n_in, n_out, k, bias=bias, groups=groups))
    assert linear_params(n_in, n_out, bias) == _numel(nn.Linear(n_in, n_out, bias=bias))
    assert spec_params([("bn", n_out)]) == _numel(nn.BatchNorm2d(n_out))


def test_spec_counts_match_the_torch_nets() -> None:
    widths, blocks = (4, 8, 16), (1, 2, 1)
    assert spec_params(resnet_spec(widths, blocks, 2, 3)) == _numel(resnet(widths, blocks, 2, 3))
    cfg = (4, "M", 8, 8, "M")
    assert spec_params(vgg_spec(cfg, 1, 8 * 2 * 2, 16, 10)) == _numel(vgg(cfg, 1, 8 * 2 * 2, 16, 10))
    assert vgg(cfg, 1, 8 * 2 * 2, 16, 10)(torch.zeros(2, 1, 8, 8)).shape == (2, 10)
    net = lenet(channels=(3, 4), hidden=5)
    assert sum(p.size for layer in net.layers for p in layer.params.values()) == _numel(net.to_torch())
    # AlexNet: the two-GPU split (groups=2) halves the weights of layers 2, 4 and 5
    split = alexnet_spec(original=True)
    joined = [spec[:4] for spec in split]                     # the same layers without groups
    grouped = [spec for spec in split if len(spec) == 6]     # ("conv", n_in, n_out, k, bias, groups=2)
    assert len(grouped) == 3
    assert spec_params(joined) - spec_params(split) == sum(n_in * n_out * k * k // 2 for _, n_in, n_out, k, _, _ in grouped)
