"""lectureref.ensembles: averaging probabilities, the scores, and the seeds making members differ."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.ensembles import disagreement, ensemble_proba, log_loss, make_member, predict_proba, train_members
from lectureref.metrics import accuracy
from lectureref.training import TrainConfig


class Fixed(nn.Module):
    """A 'model' that ignores its input and returns fixed logits, one row per example."""

    def __init__(self, logits: list[list[float]]) -> None:
        super().__init__()
        self.logits = nn.Parameter(torch.tensor(logits), requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.logits[: len(x)]


def test_ensemble_is_the_mean_of_softmax_probabilities() -> None:
    a, b = Fixed([[2.0, 0.0], [0.0, 1.0]]), Fixed([[0.0, 3.0], [1.0, 0.0]])
    X = np.zeros((2, 1), dtype=np.float32)
    expected = (torch.softmax(torch.tensor([[2.0, 0.0], [0.0, 1.0]]), 1) + torch.softmax(torch.tensor([[0.0, 3.0], [1.0, 0.0]]), 1)) / 2
    np.testing.assert_allclose(ensemble_proba([a, b], X), expected.numpy(), rtol=1e-6)
    np.testing.assert_allclose(ensemble_proba([a, b], X).sum(1), 1.0, rtol=1e-6)


def test_averaging_fixes_a_mistake_that_only_one_member_makes() -> None:
    y = np.array([0, 1, 0])
    p1 = np.array([[0.9, 0.1], [0.4, 0.6], [0.4, 0.6]])   # wrong on the 3rd
    p2 = np.array([[0.6, 0.4], [0.45, 0.55], [0.8, 0.2]])  # right everywhere, barely on the 2nd
    p3 = np.array([[0.4, 0.6], [0.2, 0.8], [0.7, 0.3]])    # wrong on the 1st
    mean = (p1 + p2 + p3) / 3
    assert [accuracy(y, p.argmax(1)) for p in (p1, p3)] == [2 / 3, 2 / 3] and accuracy(y, mean.argmax(1)) == 1.0
    assert log_loss(mean, y) <= np.mean([log_loss(p, y) for p in (p1, p2, p3)])  # log-loss is convex
    assert np.isclose(log_loss(np.array([[0.5, 0.5]]), np.array([1])), np.log(2))


def test_seeds_make_different_members() -> None:
    a, b = make_member(4, 3, 8, seed=0), make_member(4, 3, 8, seed=1)
    assert not torch.equal(a[0].weight, b[0].weight)
    assert torch.equal(a[0].weight, make_member(4, 3, 8, seed=0)[0].weight)


def test_trained_members_disagree_somewhere_but_mostly_agree() -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 5)).astype(np.float32)
    y = (X[:, 0] + 0.5 * rng.standard_normal(200) > 0).astype(np.int64)  # noisy labels
    members = train_members(X, y, n_models=3, config=TrainConfig(epochs=5), hidden=8)
    assert 0.0 < disagreement(members, X) < 0.5
    assert accuracy(y, ensemble_proba(members, X).argmax(1)) > 0.7
    assert all(predict_proba(m, X).shape == (200, 2) for m in members)
