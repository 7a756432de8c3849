"""lectureref.batchnorm: running statistics and eval outputs equal torch.nn.BatchNorm1d's; train vs eval."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.backprop import check_gradient
from lectureref.nn.batchnorm import batchnorm_backward, batchnorm_eval, batchnorm_forward
from lectureref.nn.layers import BatchNorm1d


def test_running_stats_and_eval_outputs_match_torch() -> None:
    rng = np.random.default_rng(0)
    layer = BatchNorm1d(4, momentum=0.2, dtype=np.float64)
    layer.params["gamma"][:] = [0.5, 1.0, 2.0, -1.0]
    layer.params["beta"][:] = [0.0, 1.0, -1.0, 3.0]
    module = layer.to_torch()
    for step in range(5):                            # batches with a drifting mean and scale
        x = rng.standard_normal((8, 4)) * (1 + step) + step
        np.testing.assert_allclose(layer.forward(x), module(torch.tensor(x)).detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.running_mean, module.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(layer.running_var, module.running_var.numpy(), rtol=1e-12)   # unbiased, as torch
    layer.training = False
    module.eval()
    x = rng.standard_normal((3, 4))
    np.testing.assert_allclose(layer.forward(x), module(torch.tensor(x)).detach().numpy(), rtol=1e-12)
    with pytest.raises(RuntimeError):
        layer.backward(np.ones((3, 4)))              # eval forward keeps no batch statistics
    layer.training = True
    with pytest.raises(ValueError):
        layer.forward(x[:1])                         # one example: x − μ = 0, torch refuses too
    with pytest.raises(ValueError):
        module.train()(torch.tensor(x[:1]))


def test_train_mode_normalises_and_depends_on_the_batch_eval_mode_does_not() -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((16, 3)) * 5 + 7
    out, _ = batchnorm_forward(x, np.ones(3), np.zeros(3))
    np.testing.assert_allclose(out.mean(0), 0, atol=1e-12)
    np.testing.assert_allclose(out.var(0), 1, rtol=1e-5)
    other = np.vstack([x[:8], x[8:] + 10.0])        # same first 8 rows, different company
    assert not np.allclose(batchnorm_forward(other, np.ones(3), np.zeros(3))[0][:8], out[:8])
    stats = (np.ones(3), np.zeros(3), np.full(3, 7.0), np.full(3, 25.0))
    np.testing.assert_allclose(batchnorm_eval(other, *stats)[:8], batchnorm_eval(x, *stats)[:8])


def test_backward_has_the_batch_terms() -> None:
    """Treating μ and σ as constants (dx = γ·dout/σ) fails the check: the extra terms matter."""
    rng = np.random.default_rng(2)
    x, gamma, beta, dout = rng.standard_normal((6, 3)), rng.uniform(0.5, 2, 3), rng.standard_normal(3), rng.standard_normal((6, 3))
    _, cache = batchnorm_forward(x, gamma, beta)
    dx, dgamma, dbeta = batchnorm_backward(dout, cache)
    f = lambda v: batchnorm_forward(v, gamma, beta)[0]     # noqa: E731
    check_gradient(f, x, dx, dout, tol=1e-6)
    check_gradient(lambda g: batchnorm_forward(x, g, beta)[0], gamma, dgamma, dout, tol=1e-6)
    check_gradient(lambda b: batchnorm_forward(x, gamma, b)[0], beta, dbeta, dout, tol=1e-6)
    naive = gamma * dout * cache.inv_std
    with pytest.raises(AssertionError):
        check_gradient(f, x, naive, dout)
    np.testing.assert_allclose(dx.sum(0), 0, atol=1e-12)    # shifting the whole batch changes nothing
