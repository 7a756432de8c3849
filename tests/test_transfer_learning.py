"""lectureref.transfer_learning: what is copied, what is frozen, what the optimizer may change."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.cnn_architectures import conv_params, lenet, linear_params
from lectureref.transfer_learning import (HEAD, Task, count_params, few_shot, fine_tune, prepare, pretrain,
                                          select_classes, small_cnn)
from lectureref.training import TrainConfig

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def pretrained() -> torch.nn.Sequential:
    rng = np.random.default_rng(0)
    task = Task(rng.random((40, 1, 12, 12), dtype=np.float32), np.arange(40) % 5)
    return pretrain(task, config=TrainConfig(epochs=1, device=CPU))


def small_task(seed: int = 1) -> Task:
    rng = np.random.default_rng(seed)
    return Task(rng.random((12, 1, 12, 12), dtype=np.float32), np.arange(12) % 3)


def body(model: torch.nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in model[:HEAD].parameters()]


def test_select_classes_keeps_and_renumbers() -> None:
    X, y = np.arange(10)[:, None] * 1.0, np.array([0, 5, 7, 9, 5, 1, 7, 8, 6, 2])
    task = select_classes(X, y, (5, 6, 7, 8, 9))
    np.testing.assert_array_equal(task.y, [0, 2, 4, 0, 2, 3, 1])
    np.testing.assert_array_equal(task.X[:, 0], [1, 2, 3, 4, 6, 7, 8])


def test_few_shot_takes_per_class_distinct_examples() -> None:
    X = np.arange(100, dtype=float)[:, None]
    task = few_shot(Task(X, np.arange(100) % 5), per_class=3, seed=0)
    assert np.bincount(task.y).tolist() == [3] * 5
    assert len(np.unique(task.X)) == 15 and (task.X[:, 0] % 5 == task.y).all()   # real pairs, no repeats


def test_small_cnn_reuses_lenet_convolutions() -> None:
    ours, theirs = small_cnn(5, seed=3), lenet(seed=3).to_torch()
    for i in (0, 3):
        assert torch.equal(ours[i].weight, theirs[i].weight)
    assert ours(torch.zeros(2, 1, 12, 12)).shape == (2, 5)
    assert small_cnn(4, size=16)(torch.zeros(2, 1, 16, 16)).shape == (2, 4)


def test_parameter_counts_match_the_layer_formulas(pretrained: torch.nn.Sequential) -> None:
    convs = conv_params(1, 16, 3) + conv_params(16, 32, 3)
    fc = linear_params(32 * 3 * 3, 64)
    head = linear_params(64, 3)
    assert count_params(prepare(pretrained, 3, "frozen")) == (head, convs + fc)
    assert count_params(prepare(pretrained, 3, "full")) == (convs + fc + head, 0)
    assert count_params(prepare(pretrained, 3, "scratch")) == (convs + fc + head, 0)


def test_prepare_copies_the_body_and_replaces_the_head(pretrained: torch.nn.Sequential) -> None:
    for mode in ("frozen", "full"):
        model = prepare(pretrained, 3, mode)
        assert all(torch.equal(a, b) for a, b in zip(body(model), body(pretrained)))
        assert model[HEAD].out_features == 3 and pretrained[HEAD].out_features == 5
    scratch = prepare(pretrained, 3, "scratch")
    assert not any(torch.equal(a, b) for a, b in zip(body(scratch), body(pretrained)) if a.abs().sum() > 0)


def test_frozen_body_stays_fixed_and_full_body_moves(pretrained: torch.nn.Sequential) -> None:
    before = body(pretrained)
    frozen = fine_tune(prepare(pretrained, 3, "frozen"), small_task(), config=TrainConfig(epochs=3, device=CPU))
    assert all(torch.equal(a, b) for a, b in zip(body(frozen), before))
    assert all(p.grad is None for p in frozen[:HEAD].parameters())              # no gradient was even computed
    full = fine_tune(prepare(pretrained, 3, "full"), small_task(), config=TrainConfig(epochs=3, device=CPU))
    assert all(not torch.equal(a, b) for a, b in zip(body(full), before))
    assert all(torch.equal(a, b) for a, b in zip(body(pretrained), before))   # the pretrained net is untouched


def test_fine_tuning_the_head_fits_a_tiny_task(pretrained: torch.nn.Sequential) -> None:
    task = small_task()
    model = fine_tune(prepare(pretrained, 3, "full"), task, config=TrainConfig(epochs=25, lr=1e-2, device=CPU))
    with torch.no_grad():
        predicted = model(torch.as_tensor(task.X)).argmax(1).numpy()
    assert (predicted == task.y).mean() == 1.0                              # 12 examples memorised
