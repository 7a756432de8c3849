"""Gradient checks: the numerical gradient, the relative error, and the check that compares them.

A backward pass is checked against central differences: the site's page on backprop teaches
it, and `lectureref.backprop` re-exports these. They sit in the base layer, import numpy only,
and every layer's test and any topic may use them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np


# --8<-- [start:numerical]
def numerical_gradient(
    f: Callable[[np.ndarray], float | np.ndarray], x: np.ndarray, dout: np.ndarray | None = None, h: float = 1e-6
) -> np.ndarray:
    """Central differences ``(f(x + h·e_i) − f(x − h·e_i)) / 2h`` for every entry ``i`` of ``x``.

    ``f`` is called with ``x`` itself, changed in place one entry at a time (and restored), so it
    may read ``x`` through a closure, e.g. a layer's weight array. A non-scalar ``f`` is reduced
    to ``Σ f(x)·dout``: the result is then the backward pass for the upstream gradient ``dout``.
    Use float64: in float32 the rounding error of ``f`` divided by ``2h`` swamps the result.
    """
    def scalar() -> float:
        out = f(x)
        return float(out if dout is None else np.sum(out * dout))

    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        plus = scalar()
        x[i] = old - h
        minus = scalar()
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)     # error O(h²), not O(h) as one-sided differences
    return grad
# --8<-- [end:numerical]


# --8<-- [start:relative_error]
def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """``‖a − b‖ / (‖a‖ + ‖b‖)``: scale-free, 0 for equal arrays, 1/3 when one is twice the other."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / scale) if scale > 0 else 0.0
# --8<-- [end:relative_error]


def relative_errors(pairs: Mapping[str, tuple[object, object]]) -> dict[str, float]:
    """`relative_error` of each named ``(ours, theirs)`` pair, printed one per line.

    Either side may be a torch tensor (with or without a graph): numpy-vs-torch checks pass
    ``.grad`` tensors straight in.
    """
    def to_numpy(a: object) -> np.ndarray:
        return a.detach().cpu().numpy() if hasattr(a, "detach") else np.asarray(a)  # type: ignore[union-attr]

    errors = {name: relative_error(to_numpy(ours), to_numpy(theirs)) for name, (ours, theirs) in pairs.items()}
    for name, error in errors.items():
        print(f"{name:>6}: relative error {error:.1e}")
    return errors


def check_gradient(
    f: Callable[[np.ndarray], float | np.ndarray], x: np.ndarray, analytic: np.ndarray,
    dout: np.ndarray | None = None, tol: float = 1e-6, h: float = 1e-6,
) -> float:
    """Compare an analytic gradient with `numerical_gradient`; raise if the relative error exceeds ``tol``.

    Returns the relative error. A wrong sign gives 1, a missing factor 2 gives 1/3: far above
    the ~1e-9 of a correct float64 backward.
    """
    if x.dtype != np.float64:
        raise TypeError(f"gradient checks need float64, got {x.dtype}")
    numeric = numerical_gradient(f, x, dout, h)
    error = relative_error(analytic, numeric)
    if not error <= tol:
        raise AssertionError(f"gradient check failed: relative error {error:.3g} > {tol:g}")
    return error
