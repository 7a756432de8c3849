r"""Backpropagation: the chain rule on a computational graph, and the numerical gradient that checks it.

Lecture 3 (1:10:03, 1:23:00), lecture 4 (8:23). A network is a graph of simple operations;
the backward pass visits it in reverse, and every node multiplies the gradient arriving from
above (*upstream*) by its own *local* derivative: $\frac{\partial L}{\partial x} =
\frac{\partial L}{\partial y}\frac{\partial y}{\partial x}$. Where a value feeds several nodes,
the gradients from all paths add up.

`numerical_gradient` and `check_gradient` are the tools every layer's test uses:
central differences in float64 against the analytic backward, compared by
`relative_error`. They live in the base layer, `lectureref.gradcheck`, so that any topic may
use them; this module re-exports them for the lesson.
"""

from __future__ import annotations

from typing import NamedTuple

from lectureref.gradcheck import check_gradient, numerical_gradient, relative_error, relative_errors

__all__ = [
    "GraphGrads", "add_mul_graph", "check_gradient", "numerical_gradient", "relative_error", "relative_errors",
]


class GraphGrads(NamedTuple):
    """Value and gradients of ``f(x, y, z) = (x + y)·z``."""

    f: float
    dx: float
    dy: float
    dz: float


def add_mul_graph(x: float, y: float, z: float) -> GraphGrads:
    """Forward and backward through the two-node graph ``q = x + y``, ``f = q·z``, by hand."""
    # --8<-- [start:graph]
    q = x + y            # forward, node 1
    f = q * z            # forward, node 2
    df = 1.0             # backward starts with ∂f/∂f = 1
    dq = z * df          # node 2: ∂(qz)/∂q = z      (local · upstream)
    dz = q * df          #         ∂(qz)/∂z = q
    dx = 1.0 * dq        # node 1: ∂(x+y)/∂x = 1: an addition passes the gradient on unchanged
    dy = 1.0 * dq
    # --8<-- [end:graph]
    return GraphGrads(f, dx, dy, dz)
