"""lectureref.lr_schedules: each numpy schedule gives torch's rate epoch by epoch."""

from __future__ import annotations

import numpy as np
import pytest

from lectureref.lr_schedules import (
    cosine_annealing_lr,
    cosine_warm_restarts_lr,
    cyclic_lr,
    exponential_lr,
    schedule,
    step_lr,
    torch_schedule,
    torch_scheduler,
)

LR0 = 0.5
CASES = [
    (step_lr, "step", {"step_size": 3}),
    (step_lr, "step", {"step_size": 4, "gamma": 0.5}),
    (exponential_lr, "exponential", {"gamma": 0.9}),
    (cosine_annealing_lr, "cosine", {"t_max": 10}),
    (cosine_annealing_lr, "cosine", {"t_max": 7, "eta_min": 0.05}),  # past t_max the cosine rises again
    (cyclic_lr, "cyclic", {"base_lr": 0.01, "max_lr": LR0, "step_size_up": 4}),
    (cyclic_lr, "cyclic", {"base_lr": 0.01, "max_lr": LR0, "step_size_up": 3, "step_size_down": 5}),
    (cyclic_lr, "cyclic", {"base_lr": 0.01, "max_lr": LR0, "step_size_up": 2, "mode": "triangular2"}),
    (cosine_warm_restarts_lr, "warm_restarts", {"t_0": 6, "eta_min": 0.01}),
]


@pytest.mark.parametrize(("fn", "name", "kw"), CASES, ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_numpy_schedule_matches_torch_every_epoch(fn, name: str, kw: dict) -> None:
    epochs = 25
    ours = schedule(fn, epochs, **kw) if name == "cyclic" else schedule(fn, epochs, LR0, **kw)
    theirs = torch_schedule(lambda opt: torch_scheduler(opt, name, **kw), epochs, LR0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    assert len(set(np.round(ours, 12))) > 3  # the schedule really changes the rate


def test_known_values() -> None:
    assert step_lr(5, 1.0, step_size=3, gamma=0.1) == pytest.approx(0.1)
    assert exponential_lr(2, 1.0, 0.5) == 0.25
    assert cosine_annealing_lr(5, 1.0, t_max=10) == pytest.approx(0.5)
    assert cosine_annealing_lr(10, 1.0, t_max=10, eta_min=0.1) == pytest.approx(0.1)
    assert [cyclic_lr(e, 0.0, 1.0, 2) for e in range(6)] == [0.0, 0.5, 1.0, 0.5, 0.0, 0.5]
    assert cosine_warm_restarts_lr(6, 1.0, t_0=6) == 1.0  # the restart jumps back to the top


def test_unknown_schedule_is_rejected() -> None:
    with pytest.raises(ValueError):
        torch_schedule(lambda opt: torch_scheduler(opt, "linear"), 3, LR0)
