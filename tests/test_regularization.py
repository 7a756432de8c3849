"""lectureref.regularization: the penalty's gradient, and SGD weight_decay = 2λ exactly."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.nn.losses import l2_penalty
from lectureref.regularization import l2_penalty_torch
from lectureref.training import sgd_param_groups, weight_decay_for


def test_penalty_gradient_matches_autograd() -> None:
    w = np.random.default_rng(0).standard_normal((3, 4))
    penalty, dw = l2_penalty(w, 0.3)
    wt = torch.tensor(w, requires_grad=True)
    pt = l2_penalty_torch(wt, 0.3)
    pt.backward()
    assert np.isclose(penalty, pt.item(), rtol=1e-12) and np.isclose(penalty, 0.3 * np.sum(w**2))
    np.testing.assert_allclose(dw, wt.grad.numpy(), rtol=1e-12)


def test_weight_decay_is_two_lambda() -> None:
    """Explicit penalty in the loss vs weight_decay in the optimizer: identical trajectories."""
    rng = np.random.default_rng(1)
    X, y, lam = torch.tensor(rng.standard_normal((20, 3))), torch.tensor(rng.standard_normal(20)), 0.1
    w0 = torch.tensor(rng.standard_normal(3))

    def run(use_decay: bool, decay_factor: float = 2.0) -> torch.Tensor:
        w, b = w0.clone().requires_grad_(), torch.zeros((), dtype=torch.float64, requires_grad=True)
        groups = sgd_param_groups([w], [b], lam) if use_decay else [{"params": [w, b]}]
        if use_decay:
            groups[0]["weight_decay"] = decay_factor * lam
        opt = torch.optim.SGD(groups, lr=0.1)
        for _ in range(10):
            loss = torch.mean((X @ w + b - y) ** 2)
            if not use_decay:
                loss = loss + l2_penalty_torch(w, lam)
            opt.zero_grad()
            loss.backward()
            opt.step()
        return w.detach()

    explicit = run(False)
    assert weight_decay_for(lam) == 2 * lam
    torch.testing.assert_close(run(True), explicit, rtol=1e-12, atol=1e-14)
    assert not torch.allclose(run(True, decay_factor=1.0), explicit, rtol=1e-6)  # wd = λ is not it


def test_biases_are_not_decayed() -> None:
    w, b = torch.ones(2, requires_grad=True), torch.ones(2, requires_grad=True)
    opt = torch.optim.SGD(sgd_param_groups([w], [b], lam=0.5), lr=0.1)
    (0.0 * (w.sum() + b.sum())).backward()  # zero data gradient: only the decay moves anything
    opt.step()
    torch.testing.assert_close(w.detach(), torch.full((2,), 1 - 0.1 * 2 * 0.5))
    torch.testing.assert_close(b.detach(), torch.ones(2))
