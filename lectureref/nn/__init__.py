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

from lectureref.nn.layers import (
    BatchNorm1d, Conv2d, Dropout, Flatten, Layer, LeakyReLU, Linear, MaxPool2d, ReLU, Sigmoid, Tanh,
)
from lectureref.nn.losses import BCEWithLogitsLoss, MSELoss, SoftmaxCrossEntropy
from lectureref.nn.sequential import Sequential

__all__ = [
    "BatchNorm1d", "BCEWithLogitsLoss", "Conv2d", "Dropout", "Flatten", "Layer", "LeakyReLU", "Linear",
    "MaxPool2d", "MSELoss", "ReLU", "Sequential", "Sigmoid", "SoftmaxCrossEntropy", "Tanh",
]
