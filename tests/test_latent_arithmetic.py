"""lectureref.latent_arithmetic: the width attribute, the direction (overall and per group), shifting codes."""

from __future__ import annotations

import numpy as np
import torch

from lectureref.autoencoders import VAE
from lectureref.latent_arithmetic import attribute_direction, codes, decode, shift, width


def test_width_grows_with_the_spread_of_the_ink() -> None:
    narrow, wide = np.zeros((8, 8)), np.zeros((8, 8))
    narrow[:, 3:5] = 1.0
    wide[:, [0, 7]] = 1.0
    w = width(np.stack([narrow, wide]).reshape(2, 64))
    np.testing.assert_allclose(w, [0.5, 3.5], atol=1e-6)


def test_direction_is_the_difference_of_the_quarters_and_groups_remove_group_means() -> None:
    rng = np.random.default_rng(0)
    attribute = rng.uniform(size=400)
    Z = np.stack([attribute, rng.normal(size=400)], 1)           # code 0 is the attribute itself
    d = attribute_direction(Z, attribute)
    assert 0.7 < d[0] < 0.8 and abs(d[1]) < 0.2                  # top quarter ≈ 0.875, bottom ≈ 0.125
    # two groups whose codes differ by a constant: the per-group direction ignores the offset
    groups = (np.arange(400) % 2).astype(int)
    Zg = Z + 10.0 * groups[:, None]
    np.testing.assert_allclose(attribute_direction(Zg, attribute, groups=groups),
                               np.mean([attribute_direction(Z[groups == g], attribute[groups == g]) for g in (0, 1)], 0))


def test_shift_by_zero_is_decoding_the_codes() -> None:
    torch.manual_seed(0)
    model = VAE(latent=3)
    X = np.random.default_rng(1).uniform(size=(5, 64)).astype(np.float32)
    Z = codes(model, X, torch.device("cpu"))
    out = shift(model, X, np.ones(3), [0.0, 1.0])
    assert out.shape == (2, 5, 64)
    np.testing.assert_allclose(out[0], decode(model, Z, torch.device("cpu")), rtol=1e-6)
    np.testing.assert_allclose(out[1], decode(model, Z + 1.0, torch.device("cpu")), rtol=1e-6)
