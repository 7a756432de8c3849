"""Lecture 5: batch normalization in training mode, forward and backward."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from lectureref.exercises.checker import Check, CheckFailed, as_array, call, compare, describe, need, torch_grads, unpack
from lectureref.exercises.references import REFERENCES

REF = REFERENCES["batchnorm"]
EPS = 1e-5
SWAPPED = "dgamma и dbeta перепутаны местами (функция возвращает dx, dgamma, dbeta)"


def _eps_mistakes(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> dict[str, np.ndarray]:
    """What the usual misplacements of eps compute (an error the size of eps)."""
    centred, var = x - x.mean(0), x.var(0)
    return {
        "ошибка размером с eps: eps прибавлен к std, а нужно 1/√(var + eps)": gamma * centred / (np.sqrt(var) + EPS) + beta,
        "ошибка размером с eps: eps не учтён, а нужно 1/√(var + eps)": gamma * centred / np.sqrt(var) + beta,
        "ошибка размером с eps: eps вынесен из-под корня (1/√var + eps)": gamma * centred * (1 / np.sqrt(var) + EPS) + beta,
    }


def _case(seed: int, n: int = 8, d: int = 5) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return 3.0 + 2.0 * rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=d), rng.normal(size=(n, d))


def _forward(m: ModuleType, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> tuple[np.ndarray, object]:
    out, cache = unpack(call(need(m, "batchnorm_forward"), x, gamma, beta, EPS), ("out", "cache"), "batchnorm_forward")
    return as_array(out, "out", x.shape), cache


def forward(m: ModuleType) -> str:
    """Normalised features (mean 0, std 1) and the reference's output."""
    x, gamma, beta, _ = _case(0)
    out, _ = _forward(m, x, np.ones(x.shape[1]), np.zeros(x.shape[1]))
    if not (np.allclose(out.mean(0), 0, atol=1e-7) and np.allclose(out.std(0), 1, atol=1e-3)):
        raise CheckFailed(f"при gamma=1, beta=0 у каждого признака выхода должно быть среднее 0 и std 1, "
                          f"а получено среднее {out.mean(0).round(3).tolist()}, std {out.std(0).round(3).tolist()}")
    out, _ = _forward(m, x, gamma, beta)
    compare("out", out, REF["batchnorm_forward"](x, gamma, beta, EPS)[0], describe(x=x, gamma=gamma, beta=beta),
            mistakes=_eps_mistakes(x, gamma, beta))
    return "выход совпадает с эталоном (дисперсия смещённая, ÷N, как в torch)"


def forward_small_variance(m: ModuleType) -> str:
    """A feature whose variance (1e-6) is below eps: where eps goes changes the output a lot."""
    x, gamma, beta, _ = _case(3)
    x[:, 0] = 0.5 + 1e-3 * np.random.default_rng(3).normal(size=len(x))
    out, _ = _forward(m, x, gamma, beta)
    compare("out", out, REF["batchnorm_forward"](x, gamma, beta, EPS)[0],
            describe(x=x, gamma=gamma, beta=beta, eps=EPS) + ", у признака 0 дисперсия ~1e-6 < eps",
            mistakes=_eps_mistakes(x, gamma, beta))
    return "eps на своём месте: 1/√(var + eps) (признак с дисперсией меньше eps)"


def _torch_bn(x, gamma, beta):  # noqa: ANN001, ANN202
    import torch

    return torch.nn.functional.batch_norm(x, None, None, gamma, beta, training=True, eps=EPS)


def _backward(m: ModuleType, seed: int) -> tuple[tuple, dict, str]:
    x, gamma, beta, dout = _case(seed)
    _, cache = _forward(m, x, gamma, beta)
    got = unpack(call(need(m, "batchnorm_backward"), dout, cache), ("dx", "dgamma", "dbeta"), "batchnorm_backward")
    return got, torch_grads(_torch_bn, {"x": x, "gamma": gamma, "beta": beta}, dout), describe(x=x, gamma=gamma, beta=beta, dout=dout)


def backward_params(m: ModuleType) -> str:
    """``dgamma`` and ``dbeta`` match torch autograd."""
    (_, dgamma, dbeta), g, where = _backward(m, 1)
    compare("dbeta", dbeta, g["beta"], where, mistakes={SWAPPED: g["gamma"]})
    compare("dgamma", dgamma, g["gamma"], where, mistakes={SWAPPED: g["beta"]})
    return "dgamma и dbeta совпадают с torch.autograd"


def backward_input(m: ModuleType) -> str:
    """``dx`` matches torch autograd (through the batch mean and variance too)."""
    (dx, _, _), g, where = _backward(m, 2)
    compare("dx", dx, g["x"], where)
    return "dx совпадает с torch.autograd (с учётом зависимости среднего и дисперсии от x)"


CHECKS = [
    Check("forward", forward),
    Check("forward_small_variance", forward_small_variance),
    Check("backward_params", backward_params),
    Check("backward_input", backward_input),
]
