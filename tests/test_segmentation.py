"""lectureref.segmentation: BCE, Dice and BCE+Dice in numpy against torch (values and gradients), IoU, shapes."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lectureref.backprop import check_gradient, relative_error
from lectureref.data import make_shapes
from lectureref.segmentation import (
    bce_dice_forward,
    bce_dice_loss_torch,
    bce_forward,
    bce_loss_torch,
    dice_backward,
    dice_forward,
    dice_loss_torch,
    FCN,
    iou,
    UNet,
)


def _batch(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return 2 * rng.standard_normal((3, 1, 5, 5)), (rng.random((3, 1, 5, 5)) < 0.4).astype(np.float64)


def _torch_value_and_grad(fn, logits: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    z = torch.tensor(logits, requires_grad=True)
    loss = fn(z, torch.tensor(target))
    loss.backward()
    return loss.item(), z.grad.numpy()


def _dice_np(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    loss, cache = dice_forward(z, y)
    return loss, dice_backward(1.0, cache)


@pytest.mark.parametrize(
    ("numpy_fn", "torch_fn"),
    [(bce_forward, bce_loss_torch), (_dice_np, dice_loss_torch), (bce_dice_forward, bce_dice_loss_torch)],
    ids=["bce", "dice", "bce+dice"],
)
def test_losses_match_torch_autograd(numpy_fn, torch_fn) -> None:
    z, y = _batch()
    loss, dz = numpy_fn(z, y)
    loss_t, dz_t = _torch_value_and_grad(torch_fn, z, y)
    assert abs(loss - loss_t) < 1e-12
    assert relative_error(dz, dz_t) < 1e-10


def test_dice_backward_matches_numerical_gradient() -> None:
    z, y = _batch(1)
    check_gradient(lambda x: dice_forward(x, y)[0], z, _dice_np(z, y)[1], tol=1e-7)


def test_dice_is_one_minus_overlap_for_confident_predictions() -> None:
    y = np.zeros((1, 1, 4, 4))
    y[..., :2, :] = 1                                      # 8 pixels
    z = np.where(y > 0, 40.0, -40.0)                       # p = y
    assert dice_forward(z, y, eps=0.0)[0] < 1e-12
    z[..., :1, :] = -40.0                                  # half of the object missed: Dice = 2·4/(4+8)
    assert np.isclose(dice_forward(z, y, eps=0.0)[0], 1 - 8 / 12)


def test_iou_metric() -> None:
    a = np.zeros((2, 1, 4, 4), dtype=bool)
    b = a.copy()
    a[0, 0, :2, :2], b[0, 0, 1:3, 1:3] = True, True       # overlap 1 pixel, union 7
    assert np.isclose(iou(a, b), (1 / 7 + 1.0) / 2)        # the second image: both empty → 1


def test_make_shapes_masks_match_boxes() -> None:
    data = make_shapes(20, seed=3)
    assert data.images.shape == data.masks.shape == (20, 1, 24, 24)
    for mask, boxes in zip(data.masks[:, 0], data.boxes):
        assert 1 <= len(boxes) <= 3
        inside = np.zeros_like(mask, dtype=bool)
        for x1, y1, x2, y2 in boxes.astype(int):
            inside[y1:y2, x1:x2] = True
        assert mask[~inside].sum() == 0 and mask.sum() > 0  # every mask pixel lies in a box


@pytest.mark.parametrize("model", [FCN(), UNet()], ids=["fcn", "unet"])
def test_models_keep_the_resolution(model: torch.nn.Module) -> None:
    for size in (16, 24):
        assert model(torch.zeros(2, 1, size, size)).shape == (2, 1, size, size)
