"""lectureref.hyperparameter_search: the stacked trainer equals the loop, the search designs, the smoothing."""

from __future__ import annotations

import numpy as np

from lectureref.hyperparameter_search import (
    grid_points, random_points, range_test, range_test_torch, run_search, smooth, val_losses,
)


def _data(n: int = 200) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(0)
    X = rng.random((n, 8))
    y = (X[:, 0] * 10).astype(np.int64)                 # 10 classes from the first feature
    return X[:150], y[:150], X[150:], y[150:]


def test_stacked_training_equals_one_trial_at_a_time() -> None:
    data = _data()
    points = np.array([[0.1, 1e-4], [3.0, 0.0], [1e4, 1e-3]])     # the last one diverges
    trials = run_search(points, *data, seed=1)
    stacked = val_losses(points, *data, seed=1)
    np.testing.assert_allclose(stacked[:2], [t.val_loss for t in trials[:2]], rtol=1e-10)
    assert stacked[2] > 1e3 and trials[2].val_loss > 1e3                # both blew up


def test_grid_takes_n_values_per_axis_and_random_takes_n_squared() -> None:
    rng = np.random.default_rng(0)
    grid = grid_points(3, (1e-3, 10.0), (1e-5, 1e-3), rng)
    rand = random_points(9, (1e-3, 10.0), (1e-5, 1e-3), rng)
    assert grid.shape == rand.shape == (9, 2)
    assert len(np.unique(grid[:, 0])) == len(np.unique(grid[:, 1])) == 3
    assert len(np.unique(rand[:, 0])) == 9
    for points in (grid, rand):
        assert (points[:, 0] >= 1e-3).all() and (points[:, 0] < 10).all()
        assert (points[:, 1] >= 1e-5).all() and (points[:, 1] < 1e-3).all()
    ratios = grid[::3, 0][1:] / grid[::3, 0][:-1]           # evenly spaced in log-space
    np.testing.assert_allclose(ratios, 10 ** (4 / 3))


def test_smoothing_is_unbiased_from_the_first_step() -> None:
    np.testing.assert_allclose(smooth(np.full(5, 2.0)), 2.0)


def test_range_test_stops_at_the_blow_up_and_matches_torch() -> None:
    X, y, _, _ = _data()
    rates, losses = range_test(X, y, lr_min=1e-2, lr_max=1e4, steps=60)
    assert 0 < len(rates) < 60 and rates[-1] < 1e4
    torch_losses = smooth(range_test_torch(X, y, lr_min=1e-2, lr_max=1e4, steps=60))
    np.testing.assert_allclose(torch_losses[: len(losses)], losses, rtol=1e-10)
