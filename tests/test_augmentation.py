"""lectureref.augmentation: the direction of every transformation, and numpy == torch."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.augmentation import (AugParams, RandomAugment, augment, augment_torch, color_jitter,
                                     color_jitter_torch, grey, hflip, hflip_torch, place_on_canvas, random_params,
                                     rotate, rotate_torch, shift, shift_torch)


def images(n: int = 4, c: int = 3, h: int = 7, w: int = 9, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((n, c, h, w))


def dot(h: int, w: int, r: int, c: int) -> np.ndarray:
    """A (1, 1, h, w) image with one bright pixel at row r, column c."""
    x = np.zeros((1, 1, h, w))
    x[0, 0, r, c] = 1.0
    return x


def test_flip_mirrors_only_the_chosen_images_and_twice_is_identity() -> None:
    x, flip = images(), np.array([True, False, True, False])
    y = hflip(x, flip)
    np.testing.assert_array_equal(y[0, :, :, 0], x[0, :, :, -1])      # left column ← right column
    np.testing.assert_array_equal(y[1], x[1])
    np.testing.assert_array_equal(hflip(y, flip), x)


@pytest.mark.parametrize(("dy", "dx"), [(1, 2), (-2, 1), (0, -3), (2, 0)])
def test_shift_moves_a_pixel_down_and_right_by_dy_dx(dy: int, dx: int) -> None:
    y = shift(dot(7, 9, 3, 4), np.array([dy]), np.array([dx]))
    assert y.sum() == 1.0 and y[0, 0, 3 + dy, 4 + dx] == 1.0


def test_shift_fills_with_zeros_and_zero_shift_is_identity() -> None:
    x = images() + 1.0                                                   # no zeros of its own
    np.testing.assert_array_equal(shift(x, np.zeros(4, int), np.zeros(4, int)), x)
    y = shift(x, np.array([2, 0, -1, 0]), np.array([0, -3, 0, 0]))
    assert (y[0, :, :2] == 0).all() and (y[0, :, 2:] == x[0, :, :-2]).all()     # down by 2
    assert (y[1, :, :, -3:] == 0).all() and (y[1, :, :, :-3] == x[1, :, :, 3:]).all()  # left by 3
    assert (y[2, :, -1] == 0).all() and (y[2, :, :-1] == x[2, :, 1:]).all()    # up by 1
    assert (shift(x, np.full(4, 7), np.zeros(4, int)) == 0).all()              # moved out entirely


def test_rotation_by_zero_is_identity_and_by_90_is_rot90_counter_clockwise() -> None:
    x = images(h=6, w=6)
    np.testing.assert_allclose(rotate(x, np.zeros(4)), x, atol=1e-12)
    np.testing.assert_allclose(rotate(x, np.full(4, 90.0)), np.rot90(x, 1, axes=(2, 3)), atol=1e-12)
    np.testing.assert_allclose(rotate(x, np.full(4, -90.0)), np.rot90(x, -1, axes=(2, 3)), atol=1e-12)
    np.testing.assert_allclose(rotate(x, np.full(4, 180.0)), x[:, :, ::-1, ::-1], atol=1e-12)


def test_rotation_turns_right_of_centre_into_above_centre() -> None:
    # 5×7 image, centre (2, 3): a pixel 2 columns right of it is 2 rows above it after +90°
    y = rotate(dot(5, 7, 2, 5), np.array([90.0]))
    assert np.isclose(y[0, 0, 0, 3], 1.0) and np.isclose(y.sum(), 1.0)
    y = rotate(dot(5, 7, 2, 5), np.array([-90.0]))
    assert np.isclose(y[0, 0, 4, 3], 1.0)


def test_small_rotation_interpolates_between_neighbours() -> None:
    x = np.zeros((1, 1, 9, 9))
    x[0, 0, 4, :] = 1.0                                                   # a horizontal line through the centre
    y = rotate(x, np.array([45.0]))
    assert np.isclose(y[0, 0, 4, 4], 1.0)                                 # the centre stays
    assert y[0, 0, 2, 6] > 0.9 and y[0, 0, 6, 2] > 0.9                    # now the "/" diagonal (counter-clockwise)
    assert y[0, 0, 2, 2] < 0.1 and y[0, 0, 6, 6] < 0.1                    # not "\"


def test_color_jitter_factors() -> None:
    x = images(c=3)
    ones = np.ones(4)
    np.testing.assert_allclose(color_jitter(x, ones, ones, ones), x, atol=1e-12)
    np.testing.assert_allclose(color_jitter(x, np.full(4, 0.5), ones, ones), 0.5 * x)
    flat = color_jitter(x, ones, np.zeros(4), ones)                       # contrast 0: the mean grey everywhere
    np.testing.assert_allclose(flat, np.broadcast_to(grey(x).mean(axis=(1, 2, 3), keepdims=True), x.shape))
    grey_img = color_jitter(x, ones, ones, np.zeros(4))                   # saturation 0: R = G = B = luma
    np.testing.assert_allclose(grey_img, np.broadcast_to(grey(x), x.shape))
    np.testing.assert_allclose(grey(x)[0, 0, 0, 0], 0.299 * x[0, 0, 0, 0] + 0.587 * x[0, 1, 0, 0] + 0.114 * x[0, 2, 0, 0])
    more = color_jitter(x, ones, np.full(4, 1.5), ones)                   # more contrast: further from the mean
    assert (np.abs(more - 0.5) >= np.abs(x - 0.5) - 1e-12).mean() > 0.5 and more.min() >= 0 and more.max() <= 1


def test_random_params_stay_in_range() -> None:
    p = random_params(2000, np.random.default_rng(0), flip=True, max_shift=2, max_angle=10, brightness=0.2)
    assert set(np.unique(p.dy)) == set(np.unique(p.dx)) == {-2, -1, 0, 1, 2}
    assert np.abs(p.angle).max() <= 10 and 0.8 <= p.brightness.min() and p.brightness.max() <= 1.2
    assert 0.45 < p.flip.mean() < 0.55 and (p.contrast == 1).all()
    assert not random_params(100, np.random.default_rng(0)).flip.any()


@pytest.mark.parametrize("c", [1, 3])
def test_numpy_and_torch_agree_on_the_same_parameters(c: int) -> None:
    x = images(n=6, c=c, h=7, w=9)                                        # non-square: catches a swapped aspect ratio
    p = random_params(6, np.random.default_rng(1), flip=True, max_shift=2, max_angle=30,
                      brightness=0.3, contrast=0.3, saturation=0.3)
    xt = torch.tensor(x)
    np.testing.assert_allclose(rotate_torch(xt, torch.tensor(p.angle)).numpy(), rotate(x, p.angle), atol=1e-12)
    np.testing.assert_allclose(shift_torch(xt, torch.tensor(p.dy), torch.tensor(p.dx)).numpy(), shift(x, p.dy, p.dx))
    np.testing.assert_array_equal(hflip_torch(xt, torch.tensor(p.flip)).numpy(), hflip(x, p.flip))
    jitter = [torch.tensor(a) for a in (p.brightness, p.contrast, p.saturation)]
    np.testing.assert_allclose(color_jitter_torch(xt, *jitter).numpy(),
                               color_jitter(x, p.brightness, p.contrast, p.saturation), atol=1e-12)
    np.testing.assert_allclose(augment_torch(xt, p).numpy(), augment(x, p), atol=1e-12)


def test_random_augment_acts_only_in_training_mode() -> None:
    x = torch.tensor(images(n=8, c=1, h=8, w=8), dtype=torch.float32)
    module = RandomAugment(seed=0, max_shift=2)
    assert torch.equal(module.eval()(x), x)
    first, second = module.train()(x), module(x)
    assert not torch.equal(first, x) and not torch.equal(first, second)  # fresh parameters every batch
    expected = augment_torch(x, random_params(8, np.random.default_rng(0), max_shift=2))
    assert torch.equal(RandomAugment(seed=0, max_shift=2)(x), expected)   # seeded: repeatable


def test_place_on_canvas_keeps_the_image_whole() -> None:
    x = images(n=20, c=1, h=8, w=8) + 0.1
    canvas = place_on_canvas(x, 12, seed=0)
    assert canvas.shape == (20, 1, 12, 12)
    np.testing.assert_allclose(canvas.sum(axis=(1, 2, 3)), x.sum(axis=(1, 2, 3)))
    for img, big in zip(x, canvas):
        r, c = np.argwhere(big[0] > 0).min(axis=0)                        # top-left corner of the digit
        np.testing.assert_array_equal(big[:, r:r + 8, c:c + 8], img)
    assert len({tuple(np.argwhere(b[0] > 0).min(axis=0)) for b in canvas}) > 5   # many different places


def test_aug_params_fields() -> None:
    assert AugParams._fields == ("flip", "dy", "dx", "angle", "brightness", "contrast", "saturation")
