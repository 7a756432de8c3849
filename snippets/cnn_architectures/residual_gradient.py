"""Why the skip connection helps: the gradient at the first layer of a 20-layer net."""

import torch
import torch.nn.functional as F

from lectureref.cnn_architectures import deep_net
from lectureref.data import digits_split


def main() -> None:
    data = digits_split(images=True)
    x, y = torch.tensor(data.X_train[:128]), torch.tensor(data.y_train[:128])
    # --8<-- [start:main]
    norms = {}
    for residual in [False, True]:
        torch.manual_seed(0)                                   # same initial conv weights
        model = deep_net(depth=20, width=8, residual=residual)
        F.cross_entropy(model(x), y).backward()
        norms[residual] = model[0].weight.grad.norm().item()  # ‖∂L/∂W‖ of the first conv
        print(f"{'residual' if residual else 'plain':>8}: first-layer gradient norm {norms[residual]:.2e}")
    # --8<-- [end:main]
    # The page claims: plain ≈ 1e-11, residual ≈ 3e-2 — a million times more (and more).
    assert norms[False] < 1e-8 and norms[True] > 1e-3
    assert norms[True] > 1e6 * norms[False]


if __name__ == "__main__":
    main()
