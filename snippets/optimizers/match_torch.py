"""The numpy Adam and torch.optim.Adam train the same weights to the same numbers."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.optimizers import Optimizer


def main() -> float:
    rng = np.random.default_rng(reproducible(0))
    X, y = rng.standard_normal((64, 5)), rng.standard_normal(64)
    w0 = rng.standard_normal(5)
    # --8<-- [start:main]
    ours = Optimizer({"w": w0.copy()}, "adam", lr=0.05)           # numpy
    w = torch.tensor(w0, requires_grad=True)                       # torch, same start
    theirs = torch.optim.Adam([w], lr=0.05)
    for _ in range(100):
        residual = X @ ours.params["w"] - y
        ours.step({"w": 2 * X.T @ residual / len(y)})              # MSE gradient by hand
        theirs.zero_grad()
        torch.mean((torch.tensor(X) @ w - torch.tensor(y)) ** 2).backward()
        theirs.step()
    gap = np.abs(ours.params["w"] - w.detach().numpy()).max()
    print(f"max |numpy − torch| after 100 Adam steps: {gap:.1e}")
    # --8<-- [end:main]
    # The page claims: they agree to 1e-12 after 100 steps.
    claim("max |numpy − torch| after 100 steps", gap, "<", 1e-12)
    return gap


if __name__ == "__main__":
    main()
