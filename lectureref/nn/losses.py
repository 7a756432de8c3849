"""Losses with their gradients, numpy: ``fn(scores, target) -> (loss, dL/dscores)``, and layer-style classes.

Every loss is a *mean* (over the batch, or over all elements for MSE and BCE, as torch's
defaults), so its gradient carries the ``1/N``. The classes keep ``dL/dscores`` from
``forward`` and hand it to ``backward``, the way the course's layers do; ``torch_fn`` names the
PyTorch twin that the tests compare with.
"""

from __future__ import annotations

import numpy as np
from torch import nn

from lectureref.nn.functional import class_labels, log_softmax, sigmoid


def softmax_cross_entropy(logits: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of ``logits`` (N, K) against int labels ``y`` (N,) in 0..K−1.

    Returns ``(loss, dL/dlogits)`` with ``dL/dlogits = (softmax(logits) − onehot(y)) / N``
    (``F.cross_entropy``). Raises ``ValueError`` for an empty batch or labels outside 0..K−1.
    """
    n = len(logits)
    if n == 0:
        raise ValueError("softmax_cross_entropy of an empty batch: the mean over 0 examples is undefined")
    if np.shape(y) != (n,):
        raise ValueError(f"labels must have shape ({n},), one per row of the logits; got {np.shape(y)}")
    y = class_labels(y, logits.shape[-1])
    # --8<-- [start:cross_entropy]
    logp = log_softmax(logits)                       # (N, K)
    loss = -float(logp[np.arange(n), y].mean())      # −mean log p(correct class)
    dlogits = np.exp(logp)                           # softmax
    dlogits[np.arange(n), y] -= 1.0                  # p − onehot(y)
    dlogits /= n
    # --8<-- [end:cross_entropy]
    return loss, dlogits


def bce_with_logits(z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean binary cross-entropy of ``σ(z)`` against ``y ∈ [0, 1]``, logits ``z`` of any shape.

    Returns ``(loss, dL/dz)``. With ``log σ(z)`` and ``log(1 − σ(z)) = log σ(−z)``:
    ``−[y log σ(z) + (1 − y) log σ(−z)] = log(1 + e^z) − y z``, finite for any logit. The mean is
    over *all* elements, as ``F.binary_cross_entropy_with_logits``: ``dL/dz = (σ(z) − y) / size``.
    """
    if z.size == 0:
        raise ValueError("bce_with_logits of an empty array: the mean over 0 elements is undefined")
    if np.shape(y) != z.shape:
        raise ValueError(f"targets must have the logits' shape {z.shape}; got {np.shape(y)}")
    # --8<-- [start:bce]
    loss = float(np.mean(np.logaddexp(0.0, z) - y * z))   # = −mean[y log p + (1−y) log(1−p)]
    dz = (sigmoid(z) - y) / z.size                          # dL/dz = (p − y) / N
    # --8<-- [end:bce]
    return loss, dz


def mse_loss(pred: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean of ``(pred − target)²`` over all elements and its gradient ``2(pred − target)/size``."""
    if pred.size == 0:
        raise ValueError("mse_loss of an empty array: the mean over 0 elements is undefined")
    # --8<-- [start:mse]
    diff = pred - target
    return float(np.mean(diff**2)), 2.0 * diff / diff.size
    # --8<-- [end:mse]


def l2_penalty(w: np.ndarray, lam: float) -> tuple[float, np.ndarray]:
    """``(λ‖w‖², 2λw)``: the penalty and its gradient (same shape as ``w``).

    Only weights are penalised, never biases: a bias shifts the boundary, it does not make the
    model more complex.
    """
    # --8<-- [start:penalty]
    penalty = lam * float(np.sum(w * w))     # λ‖w‖²
    dw = 2.0 * lam * w                       # d(λ‖w‖²)/dw = 2λw
    # --8<-- [end:penalty]
    return penalty, dw


# ---------------------------------------------------------------------------------------------
# Layer-style losses: ``forward(scores, target) -> float`` and ``backward(dout=1.0) -> dL/dscores``.


class _Loss:
    """``forward(scores, target)`` keeps ``dL/dscores``; ``backward(dout)`` scales it by ``dout``."""

    def forward(self, scores: np.ndarray, target: np.ndarray) -> float:
        loss, self.dscores = self.fn(scores, target)
        return loss

    def backward(self, dout: float = 1.0) -> np.ndarray:
        return dout * self.dscores

    def __call__(self, scores: np.ndarray, target: np.ndarray) -> float:
        return self.forward(scores, target)


class SoftmaxCrossEntropy(_Loss):
    """Mean cross-entropy of ``logits`` (N, K) against int labels (N,): ``F.cross_entropy``."""

    fn = staticmethod(softmax_cross_entropy)
    torch_fn = staticmethod(nn.functional.cross_entropy)


class MSELoss(_Loss):
    """Mean squared error: ``F.mse_loss``."""

    fn = staticmethod(mse_loss)
    torch_fn = staticmethod(nn.functional.mse_loss)


class BCEWithLogitsLoss(_Loss):
    """Binary cross-entropy on logits: ``F.binary_cross_entropy_with_logits``."""

    fn = staticmethod(bce_with_logits)
    torch_fn = staticmethod(nn.functional.binary_cross_entropy_with_logits)
