"""lectureref.convolution: forward and backward of conv and pooling against torch (float64),
a numerical gradient, and the receptive-field formula against a gradient experiment."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.backprop import check_gradient
from lectureref.convolution import field_bounds, field_by_gradient, LayerSpec, receptive_field
from lectureref.nn.convolution import (
    avg_pool_backward,
    avg_pool_forward,
    avg_pool_torch,
    conv2d_backward,
    conv2d_backward_fast,
    conv2d_forward,
    conv2d_forward_fast,
    conv2d_torch,
    max_pool_backward,
    max_pool_forward,
    max_pool_torch,
    out_size,
)

CONV_CASES = [  # (N, C, H, W, F, K, stride, padding)
    (2, 3, 7, 7, 4, 3, 1, 1),
    (2, 2, 8, 9, 3, 3, 2, 0),   # the last row/column is never covered: its gradient must be 0
    (1, 3, 10, 10, 2, 5, 3, 2),
    (3, 1, 6, 5, 2, 1, 1, 0),   # 1×1 convolution
    (2, 2, 5, 5, 3, 4, 1, 2),   # even kernel, output larger than the input
]


def _rel(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-12))


PAIRS = {"readable": (conv2d_forward, conv2d_backward), "fast": (conv2d_forward_fast, conv2d_backward_fast)}


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize("n, c, h, w, f, k, s, p", CONV_CASES)
def test_conv2d_matches_torch_forward_and_backward(n, c, h, w, f, k, s, p, pair) -> None:
    forward, backward = PAIRS[pair]
    rng = np.random.default_rng(h * 10 + k)
    x, wt, b = rng.standard_normal((n, c, h, w)), rng.standard_normal((f, c, k, k)), rng.standard_normal(f)
    out, cache = forward(x, wt, b, stride=s, padding=p)
    tensors = [torch.tensor(a, requires_grad=True) for a in (x, wt, b)]
    out_t = conv2d_torch(*tensors, stride=s, padding=p)
    assert out.shape == tuple(out_t.shape) == (n, f, out_size(h, k, s, p), out_size(w, k, s, p))
    dout = rng.standard_normal(out.shape)
    out_t.backward(torch.tensor(dout))
    assert _rel(out, out_t.detach().numpy()) < 1e-12
    for mine, t in zip(backward(dout, cache), tensors):
        assert mine.shape == t.shape and _rel(mine, t.grad.numpy()) < 1e-10


def test_fast_conv2d_equals_the_readable_one_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tiny chunk budget: 7 images go through in chunks of 2 (the last one short), rectangular
    images, a kernel wider than tall, a non-contiguous dout."""
    import lectureref.nn.convolution as conv

    rng = np.random.default_rng(5)
    x, w, b = rng.standard_normal((7, 3, 6, 9)), rng.standard_normal((4, 3, 2, 3)), rng.standard_normal(4)
    monkeypatch.setattr(conv, "_CHUNK_BYTES", 2 * 3 * 2 * 3 * 8 * 11 * 8)   # two images' patches, float64
    out, cache = conv2d_forward_fast(x, w, b, padding=1)
    ref, ref_cache = conv2d_forward(x, w, b, padding=1)
    assert isinstance(cache, conv.FlatConvCache) and _rel(out, ref) < 1e-12
    dout = rng.standard_normal((*out.shape[:3], 2 * out.shape[3]))[..., ::2]
    for mine, want in zip(conv2d_backward_fast(dout, cache), conv2d_backward(dout, ref_cache)):
        assert mine.shape == want.shape and _rel(mine, want) < 1e-12
    for first, again in zip(conv2d_backward_fast(dout, cache), conv2d_backward_fast(dout, cache)):
        np.testing.assert_array_equal(first, again)             # the buffers are not left dirty


def test_conv2d_backward_matches_a_numerical_gradient() -> None:
    rng = np.random.default_rng(1)
    x, w, b = rng.standard_normal((2, 2, 5, 5)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)
    dout = rng.standard_normal((2, 3, 3, 3))

    def loss(x_: np.ndarray, w_: np.ndarray, b_: np.ndarray) -> float:
        return float((conv2d_forward(x_, w_, b_, stride=2, padding=1)[0] * dout).sum())

    grads = conv2d_backward(dout, conv2d_forward(x, w, b, stride=2, padding=1)[1])
    eps = 1e-6
    for i, arr in enumerate((x, w, b)):
        num = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            args = [x.copy(), w.copy(), b.copy()]
            args[i][idx] += eps
            up = loss(*args)
            args[i][idx] -= 2 * eps
            num[idx] = (up - loss(*args)) / (2 * eps)
        assert _rel(grads[i], num) < 1e-6


@pytest.mark.parametrize("pair", PAIRS)
def test_float32_stays_float32(pair) -> None:
    forward, backward = PAIRS[pair]
    x = np.ones((1, 2, 5, 5), np.float32)
    out, cache = forward(x, np.ones((3, 2, 3, 3), np.float32), np.zeros(3, np.float32), padding=1)
    assert out.dtype == np.float32 and all(g.dtype == np.float32 for g in backward(out, cache))
    assert out[0, 0, 2, 2] == 18 and out[0, 0, 0, 0] == 8    # 2 channels × 9 ones; a corner sees 2×4


@pytest.mark.parametrize("kernel, stride", [(2, None), (3, 2), (3, 1), (2, 1)])
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pooling_matches_torch(kernel: int, stride: int | None, kind: str) -> None:
    rng = np.random.default_rng(kernel)
    x = rng.standard_normal((2, 3, 9, 8))
    fwd, bwd, twin = {"max": (max_pool_forward, max_pool_backward, max_pool_torch),
                      "avg": (avg_pool_forward, avg_pool_backward, avg_pool_torch)}[kind]
    out, cache = fwd(x, kernel, stride)
    xt = torch.tensor(x, requires_grad=True)
    out_t = twin(xt, kernel, stride)
    dout = rng.standard_normal(out.shape)
    out_t.backward(torch.tensor(dout))
    assert _rel(out, out_t.detach().numpy()) < 1e-12
    assert _rel(bwd(dout, cache), xt.grad.numpy()) < 1e-12


def test_max_pool_gradient_goes_to_the_maximum_only() -> None:
    x = np.random.default_rng(3).standard_normal((2, 4, 6, 6))
    out, cache = max_pool_forward(x, 2)
    dx = max_pool_backward(np.full(out.shape, 7.0), cache)
    assert np.count_nonzero(dx) == out.size                 # one pixel per window
    windows = x.reshape(2, 4, 3, 2, 3, 2)
    is_max = x == windows.max(axis=(3, 5)).repeat(2, axis=2).repeat(2, axis=3)
    np.testing.assert_array_equal(dx != 0, is_max)           # ...and it is the maximum
    assert np.all(dx[is_max] == 7.0)                          # which gets the whole gradient
    davg = avg_pool_backward(np.full(out.shape, 8.0), avg_pool_forward(x, 2)[1])
    assert np.all(davg == 2.0)                                # average pool: dout / 4 everywhere


STACKS = [
    [LayerSpec(3)] * 4,
    [LayerSpec(3, 1, 1), LayerSpec(2, 2)] * 3,
    [LayerSpec(5, 2, 2), LayerSpec(3, 2, 1), LayerSpec(3)],
    [LayerSpec(3, 1, 1), LayerSpec(3, 1, 2, 2), LayerSpec(3, 1, 4, 4)],
    [LayerSpec(7, 2, 3), LayerSpec(3, 2, 1), LayerSpec(3, 1, 1), LayerSpec(3, 1, 1)],  # ResNet stem
]


@pytest.mark.parametrize("layers", STACKS)
def test_receptive_field_is_where_the_gradient_is_nonzero(layers: list[LayerSpec]) -> None:
    size = 96
    n_out = size
    for k, s, p, d in layers:
        n_out = out_size(n_out, k, s, p, d)
    for index in (0, n_out // 2, n_out - 1):                  # corners are clipped by the image
        lo, hi = field_bounds(layers, index, size)
        expected = np.zeros((size, size), bool)
        expected[lo : hi + 1, lo : hi + 1] = True
        np.testing.assert_array_equal(field_by_gradient(layers, size, index), expected)
    middle = field_bounds(layers, n_out // 2, size)
    assert middle[1] - middle[0] + 1 == receptive_field(layers).size   # unclipped in the middle


def test_receptive_field_known_values() -> None:
    assert receptive_field([LayerSpec(3)] * 3).size == 7              # three 3×3 = one 7×7 (VGG)
    assert receptive_field([LayerSpec(3, dilation=2)]).size == 5
    f = receptive_field([LayerSpec(7, 2, 3), LayerSpec(3, 2, 1)])     # ResNet: conv 7/2, max pool 3/2
    assert (f.size, f.jump) == (11, 4)


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pooling_backward_matches_a_numerical_gradient(kind: str) -> None:
    fwd, bwd = {"max": (max_pool_forward, max_pool_backward), "avg": (avg_pool_forward, avg_pool_backward)}[kind]
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 2, 5, 5))                     # random: no ties inside a max window
    out, cache = fwd(x, 3, 2)                                 # overlapping windows: gradients add
    dout = rng.standard_normal(out.shape)
    check_gradient(lambda x_: fwd(x_, 3, 2)[0], x, bwd(dout, cache), dout=dout, tol=1e-7)
