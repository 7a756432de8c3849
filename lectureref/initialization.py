r"""Why initialization matters: the spread of activations through a deep stack, per init rule.

Lecture 4 (1:02:56). The rules themselves (Xavier, He, torch's gains) are in `lectureref.nn.init`;
here a stack of ``width → width`` layers shows the signal vanishing with too-small weights,
exploding with too-large ones, and keeping its scale with the right ``Var(W)``.
"""

from __future__ import annotations

import numpy as np

from lectureref.nn.init import init_weights

ACTIVATIONS = {"tanh": np.tanh, "relu": lambda x: np.maximum(x, 0.0), "linear": lambda x: x}


# --8<-- [start:spread]
def activation_stds(
    method: str, nonlinearity: str, depth: int = 10, width: int = 256, n: int = 1000, seed: int = 0,
    gain: float | None = None,
) -> list[float]:
    """Std of the activations after each of ``depth`` layers ``h ← f(h Wᵀ)`` (biases 0).

    The input is ``n`` standard-normal vectors of size ``width``; every layer is ``width → width``.
    """
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((n, width))
    f = ACTIVATIONS[nonlinearity]
    stds = []
    for _ in range(depth):
        W = init_weights(width, width, method, rng, gain)
        h = f(h @ W.T)
        stds.append(float(h.std()))
    return stds
# --8<-- [end:spread]
