"""Lectures 3–4: a two-layer network (Linear → ReLU → Linear → softmax) trained on digits."""

from __future__ import annotations

from types import ModuleType

import numpy as np
from tqdm import tqdm

from lectureref.exercises.checker import (
    Check, CheckFailed, as_array, as_float, call, compare, describe, need, torch_grads, unpack,
)
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["two_layer_net"]
NAMES = ("W1", "b1", "W2", "b2")
TARGET_ACCURACY = 0.9   # a correct net reaches 94–96 % (init seeds 0–4); a broken one stays near 10 %
EPOCHS = 8


def _shapes(n_in: int, n_hidden: int, n_out: int) -> dict[str, tuple[int, ...]]:
    return {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}


def _params(m: ModuleType, n_in: int, n_hidden: int, n_out: int, seed: int) -> dict[str, np.ndarray]:
    got = call(need(m, "init_params"), n_in, n_hidden, n_out, seed)
    if not isinstance(got, dict):
        raise CheckFailed(f"init_params вернула {type(got).__name__}, а должна словарь с ключами {', '.join(NAMES)}")
    missing = [k for k in NAMES if k not in got]
    if missing:
        raise CheckFailed(f"init_params: в словаре нет ключей {', '.join(missing)}")
    return {k: as_array(got[k], f"init_params()['{k}']", shape) for k, shape in _shapes(n_in, n_hidden, n_out).items()}


def init(m: ModuleType) -> str:
    """Shapes, random (not constant) and moderately small weights."""
    p = _params(m, 64, 32, 10, 0)
    for k in ("W1", "W2"):
        if np.allclose(p[k], p[k].flat[0]):
            raise CheckFailed(f"init_params: все элементы {k} одинаковы — нейроны скрытого слоя не будут различаться")
        if not 1e-3 < p[k].std() < 1.0:
            raise CheckFailed(f"init_params: std({k}) = {p[k].std():.3g}; для входа из {p[k].shape[0]} признаков разумно ~1/√n")
    return "формы верны, веса случайные и небольшие"


def _torch_loss(X, W1, b1, W2, b2, y):  # noqa: ANN001, ANN202
    import torch

    return torch.nn.functional.cross_entropy((X @ W1 + b1).relu() @ W2 + b2, torch.as_tensor(y))


def _case(seed: int) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    params = {k: rng.normal(size=s) for k, s in _shapes(5, 6, 3).items()}
    return rng.normal(size=(7, 5)), rng.integers(0, 3, 7), params


def _loss_and_grads(m: ModuleType, params: dict, X: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
    loss, grads = unpack(call(need(m, "loss_and_grads"), {k: v.copy() for k, v in params.items()}, X, y),
                         ("loss", "grads"), "loss_and_grads")
    if not isinstance(grads, dict):
        raise CheckFailed(f"loss_and_grads: grads — {type(grads).__name__}, а должен быть словарь с ключами {', '.join(NAMES)}")
    missing = [k for k in NAMES if k not in grads]
    if missing:
        raise CheckFailed(f"loss_and_grads: в grads нет ключей {', '.join(missing)}")
    return as_float(loss, "loss"), grads


def loss_value(m: ModuleType) -> str:
    """The mean cross-entropy of the net matches torch."""
    X, y, params = _case(0)
    loss, _ = _loss_and_grads(m, params, X, y)
    import torch

    expected = float(_torch_loss(torch.as_tensor(X), *(torch.as_tensor(params[k]) for k in NAMES), y))
    compare("loss", loss, expected, describe(X=X, **params))
    return "loss совпадает с torch (средняя cross-entropy)"


def gradients(m: ModuleType) -> str:
    """All four gradients match torch autograd in float64."""
    X, y, params = _case(1)
    _, grads = _loss_and_grads(m, params, X, y)
    g = torch_grads(lambda **t: _torch_loss(t.pop("X"), *(t[k] for k in NAMES), y), {"X": X, **params})
    for k in reversed(NAMES):   # the last layer first: an error there spreads to the first layer
        compare(f"grads['{k}']", grads[k], g[k], describe(X=X, **params))
    return "все четыре градиента совпадают с torch.autograd (float64)"


def train_digits(m: ModuleType) -> str:
    """SGD with momentum on the reader's gradients reaches the target validation accuracy."""
    data = REF["digits_split"]()
    X, y = data.X_train.astype(np.float64), data.y_train
    params = _params(m, 64, 64, 10, 0)
    rng, velocity = np.random.default_rng(0), {k: np.zeros_like(v) for k, v in params.items()}
    lr, momentum, batch = 0.1, 0.9, 32
    for _ in tqdm(range(EPOCHS), desc="обучение на digits", unit="эпоха", disable=None, leave=False):
        order = rng.permutation(len(X))
        for start in range(0, len(X), batch):
            idx = order[start : start + batch]
            loss, grads = _loss_and_grads(m, params, X[idx], y[idx])
            if not np.isfinite(loss):
                raise CheckFailed(f"обучение: loss стал {loss} — градиенты взрываются или есть log(0)")
            for k in NAMES:   # SGD with momentum, as torch.optim.SGD(momentum=0.9)
                velocity[k] = momentum * velocity[k] + as_array(grads[k], f"grads['{k}']", params[k].shape)
                params[k] = params[k] - lr * velocity[k]
    hidden = np.maximum(data.X_val @ params["W1"] + params["b1"], 0)
    acc = float(((hidden @ params["W2"] + params["b2"]).argmax(axis=1) == data.y_val).mean())
    if acc < TARGET_ACCURACY:
        raise CheckFailed(
            f"после {EPOCHS} эпох SGD (lr={lr}, momentum={momentum}) точность на validation {acc:.1%}, "
            f"нужно не меньше {TARGET_ACCURACY:.0%}"
        )
    return f"точность на validation {acc:.1%} после {EPOCHS} эпох (нужно ≥ {TARGET_ACCURACY:.0%})"


CHECKS = [
    Check("init", init, ("initialization", "mlp")),
    Check("loss_value", loss_value, ("softmax#cross-entropy", "mlp")),
    Check("gradients", gradients, ("backprop",)),
    Check("train_digits", train_digits, ("mlp", "gradient_descent#sgd"), timeout=120.0),
]
