"""lectureref.optimizers: every numpy rule follows torch.optim step by step (float64, 12 steps)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.optimizers import RULES, TORCH, Optimizer, adam, quadratic, rosenbrock, sgd, steps_to_reach

RNG = np.random.default_rng(0)
X, Y = RNG.standard_normal((8, 3)), RNG.standard_normal((8, 2))
START = {"W": RNG.standard_normal((3, 2)), "b": RNG.standard_normal(2)}


def loss_torch(p: dict[str, torch.Tensor]) -> torch.Tensor:
    """A smooth non-quadratic loss: gradients change direction and size from step to step."""
    pred = torch.tanh(torch.tensor(X) @ p["W"] + p["b"])
    return ((pred - torch.tensor(Y)) ** 2).mean() + 0.1 * (p["W"] ** 4).sum()


def grads_at(params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    loss_torch(tp).backward()
    return {k: v.grad.numpy() for k, v in tp.items()}


def run_both(name: str, steps: int = 12, **hp: object) -> tuple[list, list]:
    opt = Optimizer({k: v.copy() for k, v in START.items()}, name, **hp)
    tp = {k: torch.tensor(v, requires_grad=True) for k, v in START.items()}
    topt = TORCH[name](tp.values(), **hp)
    ours, theirs = [], []
    for _ in range(steps):
        opt.step(grads_at(opt.params))
        topt.zero_grad()
        loss_torch(tp).backward()
        topt.step()
        ours.append({k: v.copy() for k, v in opt.params.items()})
        theirs.append({k: v.detach().numpy().copy() for k, v in tp.items()})
    return ours, theirs


CASES = [
    ("sgd", {"lr": 0.1}),
    ("sgd", {"lr": 0.1, "momentum": 0.9}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}),  # torch's first buffer is undamped
    ("sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.05}),
    ("adagrad", {"lr": 0.3}),
    ("adagrad", {"lr": 0.3, "lr_decay": 0.1, "initial_accumulator_value": 0.5, "eps": 0.1, "weight_decay": 0.05}),
    ("rmsprop", {"lr": 0.05}),
    ("rmsprop", {"lr": 0.05, "alpha": 0.9, "eps": 0.3, "momentum": 0.8, "weight_decay": 0.05}),
    ("adadelta", {"lr": 1.0}),
    ("adadelta", {"lr": 2.0, "rho": 0.8, "eps": 0.01, "weight_decay": 0.05}),
    ("adam", {"lr": 0.1}),
    ("adam", {"lr": 0.1, "betas": (0.8, 0.9), "eps": 0.3, "weight_decay": 0.05}),
    ("adamw", {"lr": 0.1}),
    ("adamw", {"lr": 0.1, "betas": (0.5, 0.7), "eps": 0.3, "weight_decay": 0.5}),
]


@pytest.mark.parametrize(("name", "hp"), CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_numpy_rule_matches_torch_optim_every_step(name: str, hp: dict) -> None:
    ours, theirs = run_both(name, **hp)
    moved = np.abs(ours[-1]["W"] - START["W"]).max()
    assert moved > 1e-2  # the run really moves the weights, so a wrong factor would show
    for step, (a, b) in enumerate(zip(ours, theirs)):
        for k in a:
            np.testing.assert_allclose(a[k], b[k], rtol=1e-10, atol=1e-12, err_msg=f"{name} step {step} {k}")


def test_every_rule_has_a_torch_twin() -> None:
    assert set(RULES) == set(TORCH)


def test_a_wrong_formula_would_be_caught() -> None:
    """The comparison is sharp: Adam without bias correction leaves torch on the first step."""

    def adam_no_bias_correction(w, dw, state, *, lr):
        m = state["m"] = 0.9 * state.get("m", 0 * w) + 0.1 * dw
        v = state["v"] = 0.999 * state.get("v", 0 * w) + 0.001 * dw * dw
        return w - lr * m / (np.sqrt(v) + 1e-8), state

    ours = Optimizer({k: v.copy() for k, v in START.items()}, adam_no_bias_correction, lr=0.1)
    ours.step(grads_at(ours.params))
    ref = Optimizer({k: v.copy() for k, v in START.items()}, adam, lr=0.1)
    ref.step(grads_at(ref.params))
    assert not np.allclose(ours.params["W"], ref.params["W"], rtol=1e-3)


def test_plain_sgd_is_gradient_descent() -> None:
    w, _ = sgd(np.array([1.0, -2.0]), np.array([0.5, 0.5]), {}, lr=0.1)
    np.testing.assert_allclose(w, [0.95, -2.05])


def test_adam_first_step_has_size_lr_whatever_the_gradient_scale() -> None:
    for scale in [1e-2, 1.0, 1e4]:
        w, _ = adam(np.zeros(3), scale * np.array([1.0, -2.0, 3.0]), {}, lr=0.01)
        np.testing.assert_allclose(np.abs(w), 0.01, rtol=1e-5)


def test_test_functions_gradients() -> None:
    w = np.array([0.3, -0.7])
    for f in [rosenbrock, quadratic]:
        loss, grad = f(w)
        numeric = [(f(w + e)[0] - f(w - e)[0]) / 2e-6 for e in np.eye(2) * 1e-6]
        np.testing.assert_allclose(grad, numeric, rtol=1e-6)
    assert rosenbrock(np.ones(2))[0] == 0.0


def test_momentum_beats_sgd_in_a_narrow_valley() -> None:
    start = np.array([1.0, 1.0])
    plain = steps_to_reach(quadratic, start, "sgd", 1e-6, lr=0.019)
    heavy = steps_to_reach(quadratic, start, "sgd", 1e-6, lr=0.019, momentum=0.8)
    assert heavy < plain / 3
