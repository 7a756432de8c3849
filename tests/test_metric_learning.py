"""lectureref.metric_learning: the numpy triplet loss against torch, mining, retrieval."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.metric_learning import (
    EmbeddingNet,
    batch_hard_triplet_loss,
    batch_hard_triplets,
    embed,
    random_triplets,
    recall_at_1,
    recall_at_1_within,
    train_embedding,
    triplet_loss_backward,
    triplet_loss_forward,
    triplet_loss_torch,
)
from lectureref.training import TrainConfig


def _triplets(seed: int = 0, n: int = 8, d: int = 5) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return tuple(rng.standard_normal((n, d)) for _ in range(3))


def test_triplet_forward_matches_torch_builtin_and_twin() -> None:
    a, p, n = _triplets()
    for margin in [0.2, 1.0, 3.0]:
        loss, _ = triplet_loss_forward(a, p, n, margin)
        ta, tp, tn = map(torch.tensor, (a, p, n))
        assert np.isclose(loss, F.triplet_margin_loss(ta, tp, tn, margin=margin, eps=0.0).item(), rtol=1e-12)
        assert np.isclose(loss, triplet_loss_torch(ta, tp, tn, margin).item(), rtol=1e-12)


def test_triplet_backward_matches_autograd_with_some_inactive_triplets() -> None:
    a, p, n = _triplets(seed=1)
    loss, cache = triplet_loss_forward(a, p, n, margin=0.5)
    assert 0 < cache.active.sum() < len(a)  # both branches of the hinge are exercised
    grads = triplet_loss_backward(2.0, cache)
    ts = [torch.tensor(v, requires_grad=True) for v in (a, p, n)]
    (2.0 * triplet_loss_torch(*ts, margin=0.5)).backward()
    for mine, t in zip(grads, ts):
        np.testing.assert_allclose(mine, t.grad.numpy(), rtol=1e-10, atol=1e-14)
    assert np.all(grads[0][~cache.active] == 0)


def test_triplet_backward_matches_numerical_gradient() -> None:
    a, p, n = _triplets(seed=2, n=4, d=3)
    _, cache = triplet_loss_forward(a, p, n, margin=1.0)
    da, _, dn = triplet_loss_backward(1.0, cache)
    h = 1e-6
    for x, analytic in [(a, da), (n, dn)]:
        numeric = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            old = x[idx]
            x[idx] = old + h
            plus = triplet_loss_forward(a, p, n, 1.0)[0]
            x[idx] = old - h
            minus = triplet_loss_forward(a, p, n, 1.0)[0]
            x[idx] = old
            numeric[idx] = (plus - minus) / (2 * h)
        rel = np.abs(numeric - analytic).max() / np.abs(analytic).max()
        assert rel < 1e-6


def test_gradient_step_moves_positive_closer_and_negative_away() -> None:
    a, p, n = _triplets(seed=3)
    _, cache = triplet_loss_forward(a, p, n, margin=10.0)  # every triplet active
    da, dp, dn = triplet_loss_backward(1.0, cache)
    a2, p2, n2 = a - 0.01 * da, p - 0.01 * dp, n - 0.01 * dn
    assert np.all(np.linalg.norm(a2 - p2, axis=1) < np.linalg.norm(a - p, axis=1))
    assert np.all(np.linalg.norm(a2 - n2, axis=1) > np.linalg.norm(a - n, axis=1))


def test_batch_hard_picks_extremes_and_matches_torch_loss() -> None:
    rng = np.random.default_rng(0)
    emb, labels = rng.standard_normal((12, 3)), np.repeat(np.arange(3), 4)
    anchor, pos, neg = batch_hard_triplets(emb, labels)
    dist = np.linalg.norm(emb[:, None] - emb[None], axis=2)
    for i in range(12):
        same = [j for j in range(12) if labels[j] == labels[i] and j != i]
        other = [j for j in range(12) if labels[j] != labels[i]]
        assert pos[i] == max(same, key=lambda j: dist[i, j]) and neg[i] == min(other, key=lambda j: dist[i, j])
    expected, _ = triplet_loss_forward(emb[anchor], emb[pos], emb[neg], margin=0.5)
    got = batch_hard_triplet_loss(torch.tensor(emb), torch.tensor(labels), margin=0.5).item()
    assert np.isclose(got, expected, rtol=1e-6)
    # The hardest triplets are never easier than random ones from the same batch.
    ra, rp, rn = random_triplets(labels, np.random.default_rng(1))
    assert expected >= triplet_loss_forward(emb[ra], emb[rp], emb[rn], margin=0.5)[0]


def test_random_triplets_respect_labels() -> None:
    labels = np.array([0, 0, 1, 1, 1, 2, 2])
    a, p, n = random_triplets(labels, np.random.default_rng(0))
    assert np.all(labels[a] == labels[p]) and np.all(a != p) and np.all(labels[a] != labels[n])


def test_recall_at_1() -> None:
    db, y_db = np.array([[0.0], [10.0]]), np.array([0, 1])
    assert recall_at_1(np.array([[1.0], [9.0], [6.0]]), np.array([0, 1, 0]), db, y_db) == 2 / 3
    emb, labels = np.array([[0.0], [0.1], [5.0], [5.1], [2.6]]), np.array([0, 0, 1, 1, 0])
    assert recall_at_1_within(emb, labels) == 4 / 5  # item 4 is closer to class 1; itself excluded


def test_embedding_is_unit_length_and_training_separates_classes() -> None:
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((3, 10)) * 0.5
    y = np.repeat(np.arange(3), 40)
    X = (centers[y] + 0.5 * rng.standard_normal((120, 10))).astype(np.float32)
    untrained = embed(EmbeddingNet(n_in=10, dim=4), X, device=torch.device("cpu"))
    np.testing.assert_allclose(np.linalg.norm(untrained, axis=1), 1.0, rtol=1e-5)
    model, history = train_embedding(X, y, config=TrainConfig(epochs=20, batch_size=60, device=torch.device("cpu")), dim=4)
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    emb = embed(model, X, device=torch.device("cpu"))
    assert recall_at_1_within(emb, y) > recall_at_1_within(X, y)
