r"""Layers with the course's ``forward(x)`` / ``backward(grad_output)`` interface; numpy.

Lecture 4 (23:13: the layer interface); the ``Layer`` class as on the Skoltech slides. Every layer's ``forward`` computes its
output *and keeps what its ``backward`` needs*; ``backward(dout)`` receives $\partial L/\partial y$
and returns $\partial L/\partial x$, storing the gradients of its parameters in ``layer.grads``
beside ``layer.params`` (same keys), where an optimizer finds them.

The maths lives in cs231n-style pairs ``*_forward(...) -> (out, cache)`` /
``*_backward(dout, cache)``: `linear_forward` here, the activations in
`lectureref.nn.activations`, dropout in `lectureref.nn.dropout`, batch norm in
`lectureref.nn.batchnorm`, convolution and pooling in `lectureref.nn.convolution`. The classes
are thin wrappers; ``to_torch()`` builds the equivalent
``torch.nn`` module with the same weights, which is how the tests compare the two.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import torch
from torch import nn

from lectureref.nn import activations, batchnorm, dropout
from lectureref.nn import convolution as conv
from lectureref.nn.init import he_std


# --8<-- [start:Layer]
class Layer:
    """The course's layer: ``forward(x) -> y`` remembers its input, ``backward(dout) -> dx``.

    ``params`` and ``grads`` map the same names to arrays; ``training`` switches dropout and
    batch norm between their training and inference behaviour.
    """

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.training = True

    def forward(self, x: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dout: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def to_torch(self) -> nn.Module:
        """The equivalent ``torch.nn`` module, with a copy of this layer's parameters."""
        raise NotImplementedError

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)
# --8<-- [end:Layer]


# ---------------------------------------------------------------------------------------------
# Linear (fully connected) layer. Weights are (out, in) as in the Skoltech slides' y = Wx and torch.


class LinearCache(NamedTuple):
    """The input ``x`` (N, D) and the weights ``w`` (M, D): ``dW`` needs ``x``, ``dx`` needs ``W``."""

    x: np.ndarray
    w: np.ndarray


# --8<-- [start:linear]
def linear_forward(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, LinearCache]:
    """``y = x Wᵀ + b`` for a batch ``x`` (N, D), ``w`` (M, D), ``b`` (M,) → ``y`` (N, M)."""
    return x @ w.T + b, LinearCache(x, w)


def linear_backward(dout: np.ndarray, cache: LinearCache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(dx, dw, db)`` for ``dout = ∂L/∂y`` (N, M); each has the shape of what it differentiates."""
    dx = dout @ cache.w            # (N, M)·(M, D): dy/dx = Wᵀ, applied to every row
    dw = dout.T @ cache.x          # (M, N)·(N, D): Σ over the batch of dout_n x_nᵀ
    db = dout.sum(axis=0)          # the bias is added to every example
    return dx, dw, db
# --8<-- [end:linear]


# --8<-- [start:Linear]
class Linear(Layer):
    """Fully connected layer ``n_in → n_out``, He-initialised: ``w ~ N(0, 2/n_in)``, ``b = 0``."""

    def __init__(self, n_in: int, n_out: int, rng: np.random.Generator | None = None, dtype: type = np.float32) -> None:
        super().__init__()
        rng = rng or np.random.default_rng(0)
        w = rng.standard_normal((n_out, n_in)) * he_std(n_in)   # keeps the ReLU signal's scale
        self.params = {"w": w.astype(dtype), "b": np.zeros(n_out, dtype)}
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, self.cache = linear_forward(x, self.params["w"], self.params["b"])
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dx, self.grads["w"], self.grads["b"] = linear_backward(dout, self.cache)
        return dx
# --8<-- [end:Linear]

    def to_torch(self) -> nn.Linear:
        n_out, n_in = self.params["w"].shape
        module = nn.Linear(n_in, n_out, dtype=_torch_dtype(self.params["w"]))
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(self.params["w"]))
            module.bias.copy_(torch.from_numpy(self.params["b"]))
        return module


# ---------------------------------------------------------------------------------------------
# Activations: no parameters, the pair does everything.


class _Activation(Layer):
    """Wraps a ``(forward, backward)`` pair from `lectureref.nn.activations`."""

    pair: tuple = ()

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, self.cache = self.pair[0](x)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return self.pair[1](dout, self.cache)


class ReLU(_Activation):
    pair = (activations.relu_forward, activations.relu_backward)

    def to_torch(self) -> nn.Module:
        return nn.ReLU()


class Sigmoid(_Activation):
    pair = (activations.sigmoid_forward, activations.sigmoid_backward)

    def to_torch(self) -> nn.Module:
        return nn.Sigmoid()


class Tanh(_Activation):
    pair = (activations.tanh_forward, activations.tanh_backward)

    def to_torch(self) -> nn.Module:
        return nn.Tanh()


class LeakyReLU(Layer):
    """``max(x, αx)``; ``alpha`` is torch's ``negative_slope``."""

    def __init__(self, alpha: float = 0.01) -> None:
        super().__init__()
        self.alpha = alpha

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, self.cache = activations.leaky_relu_forward(x, self.alpha)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return activations.leaky_relu_backward(dout, self.cache, self.alpha)

    def to_torch(self) -> nn.Module:
        return nn.LeakyReLU(self.alpha)


# ---------------------------------------------------------------------------------------------
# Dropout and batch norm: their behaviour depends on ``training``.


# --8<-- [start:Dropout]
class Dropout(Layer):
    """Inverted dropout with drop probability ``p``; identity when ``training`` is False."""

    def __init__(self, p: float = 0.5, seed: int = 0) -> None:
        super().__init__()
        self.p, self.rng = p, np.random.default_rng(seed)

    def forward(self, x: np.ndarray) -> np.ndarray:
        if not self.training or self.p == 0:
            self.cache = None
            return x
        mask = dropout.dropout_mask(x.shape, self.p, self.rng, x.dtype.type)   # a new mask every call
        out, self.cache = dropout.dropout_forward(x, mask)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout if self.cache is None else dropout.dropout_backward(dout, self.cache)
# --8<-- [end:Dropout]

    def to_torch(self) -> nn.Module:
        return nn.Dropout(self.p)


# --8<-- [start:BatchNorm1d]
class BatchNorm1d(Layer):
    """Batch norm over ``n`` features: batch statistics when training, running ones in eval mode."""

    def __init__(self, n: int, momentum: float = 0.1, eps: float = 1e-5, dtype: type = np.float32) -> None:
        super().__init__()
        self.momentum, self.eps = momentum, eps
        self.params = {"gamma": np.ones(n, dtype), "beta": np.zeros(n, dtype)}
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}
        self.running_mean, self.running_var = np.zeros(n, dtype), np.ones(n, dtype)

    def forward(self, x: np.ndarray) -> np.ndarray:
        gamma, beta = self.params["gamma"], self.params["beta"]
        if not self.training:
            self.cache = None
            return batchnorm.batchnorm_eval(x, gamma, beta, self.running_mean, self.running_var, self.eps)
        if len(x) < 2:   # x − mean(x) would be 0 for every input; torch refuses too
            raise ValueError("BatchNorm1d in training mode needs a batch of at least 2 examples")
        out, self.cache = batchnorm.batchnorm_forward(x, gamma, beta, self.eps)
        self.running_mean, self.running_var = batchnorm.update_running(
            self.running_mean, self.running_var, self.cache, len(x), self.momentum
        )
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        if self.cache is None:
            raise RuntimeError("BatchNorm1d.backward needs a training-mode forward (batch statistics)")
        dx, self.grads["gamma"], self.grads["beta"] = batchnorm.batchnorm_backward(dout, self.cache)
        return dx
# --8<-- [end:BatchNorm1d]

    def to_torch(self) -> nn.BatchNorm1d:
        gamma = self.params["gamma"]
        module = nn.BatchNorm1d(len(gamma), eps=self.eps, momentum=self.momentum, dtype=_torch_dtype(gamma))
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(gamma))
            module.bias.copy_(torch.from_numpy(self.params["beta"]))
            module.running_mean.copy_(torch.from_numpy(self.running_mean))
            module.running_var.copy_(torch.from_numpy(self.running_var))
        return module.train(self.training)


def _torch_dtype(a: np.ndarray) -> torch.dtype:
    return torch.from_numpy(a[:0]).dtype


# ---------------------------------------------------------------------------------------------
# Convolution, pooling and the bridge to fully connected layers (pairs: lectureref.nn.convolution)


class Conv2d(Layer):
    """``n_in → n_out`` channels, ``kernel×kernel``; He init ``w ~ N(0, 2 / (n_in·k²))``, ``b = 0``."""

    def __init__(self, n_in: int, n_out: int, kernel: int, stride: int = 1, padding: int = 0,
                 rng: np.random.Generator | None = None, dtype: type = np.float32) -> None:
        super().__init__()
        rng = rng or np.random.default_rng(0)
        w = rng.standard_normal((n_out, n_in, kernel, kernel)) * he_std(n_in * kernel * kernel)
        self.params = {"w": w.astype(dtype), "b": np.zeros(n_out, dtype)}
        self.grads = {name: np.zeros_like(p) for name, p in self.params.items()}
        self.stride, self.padding = stride, padding

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, self.cache = conv.conv2d_forward_fast(x, self.params["w"], self.params["b"], self.stride, self.padding)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        dx, self.grads["w"], self.grads["b"] = conv.conv2d_backward_fast(dout, self.cache)
        return dx

    def to_torch(self) -> nn.Conv2d:
        n_out, n_in, k, _ = self.params["w"].shape
        module = nn.Conv2d(n_in, n_out, k, self.stride, self.padding, dtype=_torch_dtype(self.params["w"]))
        with torch.no_grad():
            module.weight.copy_(torch.from_numpy(self.params["w"]))
            module.bias.copy_(torch.from_numpy(self.params["b"]))
        return module


class MaxPool2d(Layer):
    """Max over ``kernel×kernel`` windows with stride ``kernel``."""

    def __init__(self, kernel: int = 2) -> None:
        super().__init__()
        self.kernel = kernel

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, self.cache = conv.max_pool_forward(x, self.kernel)
        return out

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return conv.max_pool_backward(dout, self.cache)

    def to_torch(self) -> nn.Module:
        return nn.MaxPool2d(self.kernel)


class Flatten(Layer):
    """(N, C, H, W) → (N, C·H·W), the bridge from convolutions to fully connected layers."""

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.shape = x.shape
        return x.reshape(len(x), -1)

    def backward(self, dout: np.ndarray) -> np.ndarray:
        return dout.reshape(self.shape)

    def to_torch(self) -> nn.Module:
        return nn.Flatten()
