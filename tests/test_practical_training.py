"""lectureref.practical_training: the measuring functions on cases with known answers."""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from lectureref.data import make_imbalanced
from lectureref.practical_training import (
    binary_report,
    overfit_batch,
    parameter_bytes,
    plateau_length,
    saved_bytes,
)


def test_make_imbalanced_has_the_asked_share() -> None:
    X, y = make_imbalanced(n=20_000, positive_share=0.05, shift=2.0, seed=3)
    assert abs(y.mean() - 0.05) < 0.005
    assert abs(X[y == 1].mean() - 2.0) < 0.1 and abs(X[y == 0].mean()) < 0.05


def test_binary_report_counts() -> None:
    model = nn.Linear(1, 1)
    with torch.no_grad():
        model.weight.fill_(1.0)
        model.bias.fill_(0.0)
    X = np.array([[1.0], [2.0], [-1.0], [3.0], [-2.0]], dtype=np.float32)  # predicted 1,1,0,1,0
    y = np.array([1, 0, 1, 1, 0], dtype=np.float32)
    report = binary_report(model, X, y)
    assert report.accuracy == 3 / 5
    assert report.recall == 2 / 3 and report.precision == 2 / 3


def test_plateau_length() -> None:
    level = math.log(2)
    assert plateau_length([level, level * 1.005, level * 0.5, level], level) == 2
    assert plateau_length([level] * 5, level) == 5
    assert plateau_length([1.0], level) == 0


def test_saved_bytes_grows_with_the_batch_and_parameters_do_not() -> None:
    model = nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.Linear(20, 3))
    # Per example: the input (10), ReLU's output (20), the last Linear's input (20), float32.
    # Once: the last Linear's weight (3×20), needed for the gradient of its input.
    per_example, once = (10 + 20 + 20) * 4, 3 * 20 * 4
    assert saved_bytes(model, torch.randn(8, 10)) == 8 * per_example + once
    assert saved_bytes(model, torch.randn(80, 10)) == 80 * per_example + once
    assert parameter_bytes(model) == (10 * 20 + 20 + 20 * 3 + 3) * 4


def test_overfit_batch_falls_and_a_frozen_model_does_not() -> None:
    torch.manual_seed(0)
    X, y = torch.randn(8, 5), torch.arange(8) % 2
    assert overfit_batch(nn.Sequential(nn.Linear(5, 32), nn.ReLU(), nn.Linear(32, 2)), X, y, steps=300)[-1] < 0.05
    frozen = overfit_batch(nn.Linear(5, 2), X, y, steps=20, make_optimizer=lambda m: torch.optim.SGD(m.parameters(), lr=0.0))
    assert frozen[0] == frozen[-1]
