r"""Multi-label classification (sigmoid + BCE), multi-class (softmax + CE) and a regression head.

Lecture 4 (29:06, 33:02). Softmax makes the classes compete: the probabilities sum to 1, so
exactly one class wins. When a picture can carry several labels at once, each label gets its
own sigmoid and its own binary cross-entropy — ``K`` independent yes/no questions on top of
one shared network. A regression head (say, the coordinates of a nose) is a linear output
trained with the mean squared error. All three are the same network with a different last
layer and loss. The data is built from scikit-learn's digits (nothing is downloaded).
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from lectureref.device import get_device
from lectureref.training import fit, loader, TrainConfig

ATTRIBUTES = ("even", "> 4", "loop")
"""The labels of a digit: is it even, is it greater than 4, has it a closed loop (0, 6, 8, 9)."""


# --8<-- [start:data]
def digit_attributes(y: np.ndarray) -> np.ndarray:
    """Multi-hot targets (N, 3) float32 for the digit classes ``y`` (N,): see `ATTRIBUTES`."""
    return np.stack([y % 2 == 0, y > 4, np.isin(y, [0, 6, 8, 9])], axis=1).astype(np.float32)


def ink_center(X: np.ndarray) -> np.ndarray:
    """The centre of mass (row, column) of the ink of 8×8 images (N, 64) → (N, 2) float32."""
    img = X.reshape(-1, 8, 8)
    mass = img.sum(axis=(1, 2))
    rows = (img.sum(axis=2) * np.arange(8)).sum(axis=1) / mass
    cols = (img.sum(axis=1) * np.arange(8)).sum(axis=1) / mass
    return np.stack([rows, cols], axis=1).astype(np.float32)
# --8<-- [end:data]


def mlp(n_in: int, n_out: int, hidden: int = 64, seed: int = 0) -> nn.Sequential:
    """The shared body ``n_in → hidden → ReLU`` with a linear head of ``n_out`` outputs."""
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, n_out))


# --8<-- [start:heads]
HEADS = {
    # name: (loss on the raw outputs, how outputs become predictions)
    "multiclass": (nn.functional.cross_entropy, lambda out: out.argmax(1)),            # softmax
    "multilabel": (nn.functional.binary_cross_entropy_with_logits, lambda out: out > 0),  # σ(z) > ½
    "regression": (nn.functional.mse_loss, lambda out: out),
}
# --8<-- [end:heads]


def train_multilabel(
    X: np.ndarray, Y: np.ndarray, head: str, hidden: int = 64, config: TrainConfig = TrainConfig(),
) -> nn.Sequential:
    """Train `mlp` with the loss of ``head`` (a key of `HEADS`) by Adam, batches of 64."""
    cfg = config.over(TrainConfig(epochs=30, lr=1e-2, seed=0))
    lr, seed = cfg.lr, cfg.seed
    model = mlp(X.shape[1], Y.shape[1] if Y.ndim == 2 else int(Y.max()) + 1, hidden, seed)
    loss_fn = HEADS[head][0]
    fit(model, loader(X, Y, batch_size=64, shuffle=True, seed=seed), config=cfg,
        optimizer=torch.optim.Adam(model.parameters(), lr=lr), loss_fn=loss_fn, progress=False)
    return model


@torch.no_grad()
def predict(model: nn.Module, X: np.ndarray, head: str) -> np.ndarray:
    """The head's predictions on ``X``: class ids, 0/1 label matrix, or regression values."""
    model.eval()
    device = next(model.parameters()).device
    out = model(torch.as_tensor(X, device=device))
    return HEADS[head][1](out).cpu().numpy()


def per_label_accuracy(Y_true: np.ndarray, Y_pred: np.ndarray) -> np.ndarray:
    """Accuracy of each label column separately (K,)."""
    if len(Y_true) == 0:
        raise ValueError("per_label_accuracy of no predictions is undefined")
    return (Y_true.astype(bool) == Y_pred.astype(bool)).mean(axis=0)


def r2_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """``1 − MSE / Var(y)``: 1 is perfect, 0 is no better than predicting the mean.

    Constant targets have no variance: then 1 for a perfect prediction and 0 otherwise, as
    scikit-learn's ``r2_score`` (``force_finite=True``) says instead of 0/0.
    """
    mse, var = np.mean((y_true - y_pred) ** 2), np.mean((y_true - y_true.mean(axis=0)) ** 2)
    if var == 0:
        return 1.0 if mse == 0 else 0.0
    return float(1.0 - mse / var)


def default_device() -> torch.device:
    """Where `train_multilabel` puts the model (``lectureref.device.get_device``)."""
    return get_device()
