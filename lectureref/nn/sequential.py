"""``Sequential``: layers applied in order, the backward pass in reverse (the chain rule)."""

from __future__ import annotations

import numpy as np
from torch import nn

from lectureref.nn.layers import Layer


# --8<-- [start:Sequential]
class Sequential:
    """Layers applied in order; ``backward`` walks them in reverse (the chain rule)."""

    def __init__(self, *layers: Layer) -> None:
        self.layers = list(layers)

    def forward(self, x: np.ndarray) -> np.ndarray:
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dout: np.ndarray) -> np.ndarray:
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout

    def train(self, mode: bool = True) -> Sequential:
        for layer in self.layers:
            layer.training = mode
        return self

    def eval(self) -> Sequential:
        return self.train(False)
# --8<-- [end:Sequential]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.forward(x)

    def to_torch(self) -> nn.Sequential:
        """``torch.nn.Sequential`` of the same layers, with copies of the current parameters."""
        return nn.Sequential(*(layer.to_torch() for layer in self.layers))
