"""lectureref.pooling_shifts: the canvas and the shift, features against torch, the two CNNs."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.pooling_shifts import features, features_torch, make_cnn, on_canvas, relative_change, shift


def test_canvas_centres_and_roll_is_a_shift() -> None:
    X = np.arange(2 * 64, dtype=np.float32).reshape(2, 64) + 1
    x = on_canvas(X)
    assert x.shape == (2, 1, 16, 16) and x[:, 0, 4:12, 4:12].reshape(2, 64).tolist() == X.tolist()
    moved = shift(x, 1, -2)
    assert moved[:, 0, 5:13, 2:10].reshape(2, 64).tolist() == X.tolist()
    assert moved.sum() == x.sum()                          # nothing fell off the canvas


@pytest.mark.parametrize("pooling", ["none", "max 2×2", "global max"])
def test_features_match_torch(pooling: str) -> None:
    rng = np.random.default_rng(0)
    x, w, b = rng.standard_normal((3, 1, 6, 6)), rng.standard_normal((4, 1, 3, 3)), rng.standard_normal(4)
    ours = features(x, w, b, pooling)
    theirs = features_torch(torch.as_tensor(x), torch.as_tensor(w), torch.as_tensor(b), pooling).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)


def test_global_max_ignores_a_shift_inside_the_canvas() -> None:
    rng = np.random.default_rng(1)
    x = on_canvas(rng.random((4, 64))).astype(np.float64)
    w = rng.standard_normal((5, 1, 3, 3))
    before = features(x, w, np.zeros(5), "global max")
    assert relative_change(before, features(shift(x, 2, -1), w, np.zeros(5), "global max")) == 0.0
    with pytest.raises(ValueError, match="pooling must be"):
        features(x, w, np.zeros(5), "average")


def test_cnns_take_16x16_images() -> None:
    for kind in ("stride", "maxpool"):
        assert make_cnn(kind)(torch.zeros(2, 1, 16, 16)).shape == (2, 10)
    with pytest.raises(ValueError, match="kind must be"):
        make_cnn("avgpool")
