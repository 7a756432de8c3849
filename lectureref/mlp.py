r"""A multilayer perceptron (MLP) from the numpy layers, trained by minibatch SGD; and its torch twin.

Lectures 3–5. An MLP is a stack ``Linear → (BatchNorm) → ReLU → (Dropout) → … → Linear``; the
forward pass runs the list in order, the backward pass runs it in reverse, each layer turning
$\partial L/\partial y$ into $\partial L/\partial x$ (chain rule) and filling its ``grads``.
`lectureref.nn.Sequential.to_torch` gives the same network as ``torch.nn.Sequential`` with the same
weights, so the two can be trained from the same start.
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits
from lectureref.metrics import accuracy
from lectureref.nn.layers import BatchNorm1d, Dropout, Layer, Linear, ReLU
from lectureref.nn.losses import SoftmaxCrossEntropy
from lectureref.nn.sequential import Sequential
from lectureref.training import History, minibatches, TrainConfig


def make_mlp(
    sizes: tuple[int, ...] = (64, 256, 10), batchnorm: bool = True, dropout: float = 0.0, seed: int = 0,
    dtype: type = np.float32,
) -> Sequential:
    """``Linear → [BatchNorm1d] → ReLU → [Dropout]`` for every hidden size, then a final ``Linear``."""
    rng = np.random.default_rng(seed)
    layers: list[Layer] = []
    for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
        layers.append(Linear(n_in, n_out, rng, dtype))
        if batchnorm:
            layers.append(BatchNorm1d(n_out, dtype=dtype))
        layers.append(ReLU())
        if dropout:
            layers.append(Dropout(dropout, seed=int(rng.integers(2**31))))
    layers.append(Linear(sizes[-2], sizes[-1], rng, dtype))
    return Sequential(*layers)


# --8<-- [start:sgd]
def sgd_momentum_step(model: Sequential, velocity: dict, lr: float, momentum: float = 0.9) -> None:
    """In place, as ``torch.optim.SGD(momentum=μ)``: ``v ← μv + ∇``, ``p ← p − lr·v``."""
    for i, layer in enumerate(model.layers):
        for name, p in layer.params.items():
            v = velocity.setdefault((i, name), np.zeros_like(p))
            v *= momentum
            v += layer.grads[name]
            p -= lr * v
# --8<-- [end:sgd]


def evaluate_sequential(model: Sequential, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Mean cross-entropy and accuracy in eval mode (dropout off, batch norm on running statistics)."""
    mode = model.layers[0].training
    logits = model.eval().forward(X)
    model.train(mode)
    return SoftmaxCrossEntropy().forward(logits, y), accuracy(y, logits.argmax(axis=1))


def fit_sequential(
    model: Sequential,
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr_decay: float = 0.9,
    momentum: float = 0.9,
    val: tuple[np.ndarray, np.ndarray] | None = None,
    config: TrainConfig = TrainConfig(),
) -> History:
    """Minibatch SGD with momentum on softmax cross-entropy; per-epoch metrics like `lectureref.training.fit`.

    The learning rate is ``lr · lr_decay^epoch`` (``torch.optim.lr_scheduler.ExponentialLR``):
    big steps first, small ones to settle in the minimum.
    """
    cfg = config.over(TrainConfig(epochs=30, lr=0.1, batch_size=32, seed=0))
    epochs, lr, batch_size, seed = cfg.epochs, cfg.lr, cfg.batch_size, cfg.seed
    loss_fn, velocity, history = SoftmaxCrossEntropy(), {}, History()
    batches = minibatches(len(X), batch_size, epochs, seed)
    per_epoch = -(-len(X) // batch_size)
    # One BLAS thread: for (32 × 64)·(64 × 256) products, waking a second thread costs more than
    # it saves, and on a busy machine OpenBLAS's spinning threads make an epoch up to 10× slower.
    with threadpool_limits(1, user_api="blas"):
        for epoch in range(epochs):
            train_epoch(model, X, y, batches[epoch * per_epoch : (epoch + 1) * per_epoch], loss_fn, velocity,
                         lr * lr_decay**epoch, momentum)
            _record(history, model, (X, y), val)
    return history


def train_epoch(
    model: Sequential, X: np.ndarray, y: np.ndarray, batches: list[np.ndarray], loss_fn: SoftmaxCrossEntropy,
    velocity: dict, lr: float, momentum: float,
) -> None:
    """One pass over ``batches``: forward, backward, update, for each minibatch."""
    model.train()
    # --8<-- [start:step]
    for idx in batches:
        loss_fn.forward(model.forward(X[idx]), y[idx])     # forward: every layer keeps its cache
        model.backward(loss_fn.backward())                 # backward: fills every layer.grads
        sgd_momentum_step(model, velocity, lr, momentum)
    # --8<-- [end:step]


def _record(history: History, model: Sequential, train: tuple, val: tuple | None) -> None:
    """Append the epoch's train (and val) loss and accuracy, measured in eval mode."""
    for (losses, accs), data in [((history.train_loss, history.train_acc), train), ((history.val_loss, history.val_acc), val)]:
        if data is not None:
            loss, acc = evaluate_sequential(model, *data)
            losses.append(loss)
            accs.append(acc)


def predict(model: Sequential, X: np.ndarray) -> np.ndarray:
    """Class labels in eval mode."""
    mode = model.layers[0].training
    labels = model.eval().forward(X).argmax(axis=1)
    model.train(mode)
    return labels
