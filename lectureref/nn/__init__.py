"""The numpy core every topic stands on: layers with ``forward``/``backward`` and a named cache.

Read it in this order:

- `lectureref.nn.functional`: sigmoid, log-sigmoid, softmax, log-softmax, finite for any input;
- `lectureref.nn.activations`, `lectureref.nn.dropout`, `lectureref.nn.batchnorm`,
  `lectureref.nn.convolution`, `lectureref.nn.rnn`, `lectureref.nn.lstm`: cs231n-style pairs
  ``*_forward(...) -> (out, cache)`` / ``*_backward(dout, cache)``;
- `lectureref.nn.layers`: the course's ``Layer`` classes over those pairs (``params``, ``grads``,
  ``to_torch()`` for the torch twin with the same weights);
- `lectureref.nn.losses`: losses with their gradients; `lectureref.nn.init`: Xavier and He;
- `lectureref.nn.sequential`: ``Sequential``, layers in order, backward in reverse.

The torch side of every topic is plain ``torch.nn``; nothing here imports a topic module.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Where each name lives. They load on first use (PEP 562), so `import lectureref.nn.functional`
# costs numpy only: the layers module brings torch for its ``to_torch()`` twins.
_HOMES = {
    **dict.fromkeys(["BatchNorm1d", "Conv2d", "Dropout", "Flatten", "Layer", "LeakyReLU", "Linear", "MaxPool2d",
                     "ReLU", "Sigmoid", "Tanh"], "lectureref.nn.layers"),
    **dict.fromkeys(["BCEWithLogitsLoss", "MSELoss", "SoftmaxCrossEntropy"], "lectureref.nn.losses"),
    "Sequential": "lectureref.nn.sequential",
}

__all__ = [
    "BatchNorm1d", "BCEWithLogitsLoss", "Conv2d", "Dropout", "Flatten", "Layer", "LeakyReLU", "Linear",
    "MaxPool2d", "MSELoss", "ReLU", "Sequential", "Sigmoid", "SoftmaxCrossEntropy", "Tanh",
]

if TYPE_CHECKING:
    from lectureref.nn.layers import (
        BatchNorm1d, Conv2d, Dropout, Flatten, Layer, LeakyReLU, Linear, MaxPool2d, ReLU, Sigmoid, Tanh,
    )
    from lectureref.nn.losses import BCEWithLogitsLoss, MSELoss, SoftmaxCrossEntropy
    from lectureref.nn.sequential import Sequential


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'lectureref.nn' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
