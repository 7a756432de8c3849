"""lectureref.multitask: the numpy pass against autograd, the body hearing both heads, the weights."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.multitask import TwoHeadNet, forward_backward, multitask_loss, params_of, train


def _data(n: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.random((n, 64)), rng.integers(0, 10, n), rng.random(n) < 0.5


def test_gradients_match_autograd_for_any_weight() -> None:
    X, y, labelled = _data()
    for weight in (0.0, 2.0):
        torch.manual_seed(1)
        model = TwoHeadNet(hidden=8).double()
        loss, grads = forward_backward(params_of(model), X, y, y > 4, labelled, weight=weight)
        expected = multitask_loss(model, torch.as_tensor(X), torch.as_tensor(y), torch.as_tensor(y > 4),
                                  torch.as_tensor(labelled), w_big=weight)
        expected.backward()
        assert np.isclose(loss, expected.item(), rtol=1e-12)
        for ours, p in zip(grads, model.parameters()):
            np.testing.assert_allclose(ours, p.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_body_gradient_is_the_sum_of_the_heads() -> None:
    X, y, labelled = _data()
    torch.manual_seed(2)
    p = params_of(TwoHeadNet(hidden=8))
    _, only_class = forward_backward(p, X, y, y > 4, labelled, weight=0.0)
    _, both = forward_backward(p, X, y, y > 4, labelled, weight=1.0)
    _, both_twice = forward_backward(p, X, y, y > 4, labelled, weight=2.0)
    # linear in the weight: the big head adds the same amount again
    np.testing.assert_allclose(both_twice.W1 - both.W1, both.W1 - only_class.W1, atol=1e-12)
    assert not np.allclose(both.W1, only_class.W1)
    np.testing.assert_array_equal(only_class.Wb, 0.0)                     # a head with weight 0 learns nothing


def test_zero_weight_leaves_a_head_untrained() -> None:
    X, y, labelled = (torch.as_tensor(a) for a in _data())
    torch.manual_seed(3)
    model = TwoHeadNet(hidden=8).double()
    before = model.big_head.weight.detach().clone()
    train(model, X, y, y > 4, labelled, steps=5, w_big=0.0)
    torch.testing.assert_close(model.big_head.weight.detach(), before)
