"""lectureref.mlp: backward through the whole stack against torch, SGD steps against torch.optim.SGD."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F

from lectureref.backprop import check_gradient, relative_error
from lectureref.nn.layers import BatchNorm1d, Dropout, Linear, ReLU
from lectureref.nn.losses import SoftmaxCrossEntropy
from lectureref.mlp import evaluate_sequential, fit_sequential, make_mlp, predict, sgd_momentum_step
from lectureref.nn.sequential import Sequential
from lectureref.training import TrainConfig


def _data(n: int = 12, d: int = 5, k: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, d)), rng.integers(0, k, n)


def test_make_mlp_builds_the_stack() -> None:
    model = make_mlp((64, 32, 16, 10), batchnorm=True, dropout=0.2)
    kinds = [type(layer) for layer in model.layers]
    assert kinds == [Linear, BatchNorm1d, ReLU, Dropout, Linear, BatchNorm1d, ReLU, Dropout, Linear]
    assert model.forward(np.zeros((4, 64), np.float32)).shape == (4, 10)


def test_backward_through_the_stack_matches_autograd() -> None:
    x, y = _data()
    model = make_mlp((5, 7, 6, 3), batchnorm=True, seed=1, dtype=np.float64)
    net = model.to_torch()
    loss_fn = SoftmaxCrossEntropy()
    loss = loss_fn.forward(model.forward(x), y)
    dx = model.backward(loss_fn.backward())
    xt = torch.tensor(x, requires_grad=True)
    lt = F.cross_entropy(net(xt), torch.tensor(y))
    lt.backward()
    assert abs(loss - lt.item()) < 1e-12
    assert relative_error(dx, xt.grad.numpy()) < 1e-10
    ours = [g for layer in model.layers for g in layer.grads.values()]
    theirs = [p.grad.numpy() for p in net.parameters()]   # same order: weight, bias per layer
    assert len(ours) == len(theirs) == 10
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-14)
    # a bias right before batch norm gets no gradient: subtracting the batch mean removes it
    assert np.abs(ours[1]).max() < 1e-14 and np.abs(ours[0]).max() > 1e-3
    # and the first weight matrix by central differences through all the layers
    w1 = model.layers[0].params["w"]
    check_gradient(lambda _: loss_fn.forward(model.forward(x), y), w1, ours[0], tol=1e-6)


def test_sgd_momentum_steps_equal_torch_optim_sgd() -> None:
    x, y = _data(seed=2)
    model = make_mlp((5, 8, 3), batchnorm=False, seed=2, dtype=np.float64)
    net = model.to_torch()
    opt = torch.optim.SGD(net.parameters(), lr=0.3, momentum=0.9)
    loss_fn, velocity = SoftmaxCrossEntropy(), {}
    for _ in range(3):                           # 3 steps: the momentum buffer matters
        loss_fn.forward(model.forward(x), y)
        model.backward(loss_fn.backward())
        sgd_momentum_step(model, velocity, lr=0.3, momentum=0.9)
        opt.zero_grad()
        F.cross_entropy(net(torch.tensor(x)), torch.tensor(y)).backward()
        opt.step()
    ours = [p for layer in model.layers for p in layer.params.values()]
    for a, b in zip(ours, net.parameters()):
        np.testing.assert_allclose(a, b.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_eval_mode_matches_torch_after_training_and_is_deterministic() -> None:
    x, y = _data(n=40, seed=3)
    model = make_mlp((5, 16, 3), batchnorm=True, dropout=0.3, seed=3, dtype=np.float64)
    fit_sequential(model, x, y, config=TrainConfig(epochs=3, lr=0.05, batch_size=8))
    model.eval()
    net = model.to_torch().eval()                # running statistics travel with the weights
    out = model.forward(x)
    np.testing.assert_allclose(out, net(torch.tensor(x)).detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(model.forward(x), out)            # dropout off: same output twice
    model.train()
    assert not np.allclose(model.forward(x), model.forward(x))   # dropout on: new masks


def test_fit_numpy_learns_and_records_history() -> None:
    rng = np.random.default_rng(4)
    x = rng.standard_normal((120, 2)).astype(np.float32)
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)      # XOR of signs: not linearly separable
    model = make_mlp((2, 32, 2), batchnorm=False, seed=4)
    history = fit_sequential(model, x, y, config=TrainConfig(epochs=40, lr=0.1, batch_size=16), lr_decay=1.0, val=(x[:30], y[:30]))
    assert len(history.train_loss) == len(history.val_acc) == 40
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert history.train_acc[-1] > 0.95 and evaluate_sequential(model, x, y)[1] == history.train_acc[-1]
    assert model.layers[0].training                   # evaluate_sequential() restored training mode
    np.testing.assert_array_equal(predict(model, x), model.eval().forward(x).argmax(1))


def test_sequential_backward_is_the_reverse_chain() -> None:
    x, _ = _data(n=4, d=3)
    first, act, second = Linear(3, 4, dtype=np.float64), ReLU(), Linear(4, 2, dtype=np.float64)
    model = Sequential(first, act, second)
    out = model.forward(x)
    dout = np.ones_like(out)
    by_hand = first.backward(act.backward(second.backward(dout)))
    model.forward(x)
    np.testing.assert_array_equal(model.backward(dout), by_hand)
