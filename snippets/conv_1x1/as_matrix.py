"""A 1×1 convolution is one matrix applied to every pixel's channels: numpy, nn.Conv2d and a Linear agree."""

import numpy as np
import torch
from torch import nn

from lectureref.claims import claim, reproducible
from lectureref.conv_1x1 import conv1x1
from lectureref.nn.convolution import conv2d_forward


def main() -> None:
    seed = reproducible(0)
    rng = np.random.default_rng(seed)
    # --8<-- [start:main]
    x = rng.standard_normal((2, 16, 5, 5))                    # 16 channels
    w, b = rng.standard_normal((4, 16)), rng.standard_normal(4)   # down to 4 channels
    ours = conv1x1(x, w, b)

    conv = nn.Conv2d(16, 4, kernel_size=1, dtype=torch.float64)
    conv.weight.data = torch.as_tensor(w).reshape(4, 16, 1, 1)
    conv.bias.data = torch.as_tensor(b)
    linear = nn.Linear(16, 4, dtype=torch.float64)             # the same weights as a Linear
    linear.weight.data, linear.bias.data = torch.as_tensor(w), torch.as_tensor(b)
    with torch.no_grad():
        by_conv = conv(torch.as_tensor(x)).numpy()
        by_linear = linear(torch.as_tensor(x).permute(0, 2, 3, 1)).permute(0, 3, 1, 2).numpy()
    by_im2col, _ = conv2d_forward(x, w.reshape(4, 16, 1, 1), b)   # lecture 6's general convolution
    print("shape:", ours.shape, "| nn.Conv2d(16, 4, 1) params:", sum(p.numel() for p in conv.parameters()))
    for name, other in [("nn.Conv2d", by_conv), ("nn.Linear per pixel", by_linear), ("im2col", by_im2col)]:
        print(f"max |numpy − {name}| = {np.abs(ours - other).max():.1e}")
    # --8<-- [end:main]
    # The page claims: the four computations are the same numbers (float64), with 16·4 + 4 weights.
    claim("max |conv1x1 − nn.Conv2d|", np.abs(ours - by_conv).max(), "<", 1e-12)
    claim("max |conv1x1 − nn.Linear per pixel|", np.abs(ours - by_linear).max(), "<", 1e-12)
    claim("max |conv1x1 − im2col conv|", np.abs(ours - by_im2col).max(), "<", 1e-12)
    claim("nn.Conv2d(16, 4, 1) parameters", sum(p.numel() for p in conv.parameters()), "==", 16 * 4 + 4)


if __name__ == "__main__":
    main()
