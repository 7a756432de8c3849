"""lectureref.sigmoid_mse: the closed-form derivatives against autograd; convexity of the cross-entropy."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.sigmoid_mse import cross_entropy, descend, make_1d, mse, mse_torch


@pytest.mark.parametrize("w", [-4.0, -0.5, 0.0, 0.7, 3.0])
def test_derivatives_match_autograd(w: float) -> None:
    x, y = make_1d(n=30, seed=1)
    xt, yt = torch.as_tensor(x), torch.as_tensor(y)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    J = mse_torch(wt, xt, yt)
    (d1,) = torch.autograd.grad(J, wt, create_graph=True)
    (d2,) = torch.autograd.grad(d1, wt)
    np.testing.assert_allclose(mse(w, x, y), [J.item(), d1.item(), d2.item()], rtol=1e-10, atol=1e-14)

    ce = lambda v: torch.nn.functional.binary_cross_entropy_with_logits(v * xt, yt)  # noqa: E731
    hessian = torch.autograd.functional.hessian(ce, torch.tensor(w, dtype=torch.float64))
    gradient = torch.autograd.functional.jacobian(ce, torch.tensor(w, dtype=torch.float64))
    np.testing.assert_allclose(cross_entropy(w, x, y), [ce(torch.tensor(w, dtype=torch.float64)).item(), gradient.item(), hessian.item()],
                               rtol=1e-10, atol=1e-14)


def test_descent_on_cross_entropy_reaches_its_minimum() -> None:
    x, y = make_1d(n=100, seed=2)
    w = descend("cross_entropy", 0.0, x, y, steps=2000)
    assert abs(cross_entropy(w, x, y)[1]) < 1e-6              # the slope is zero there
