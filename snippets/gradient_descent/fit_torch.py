"""The same fit with PyTorch autograd: it follows the numpy run step by step."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.device import get_device
from lectureref.data import make_regression
from lectureref.gradient_descent import fit_linear, fit_linear_torch
from lectureref.training import TrainConfig


def main() -> float:
    reproducible()
    X, y, _, _ = make_regression(n=200, n_features=3, noise=0.1, seed=0)
    fit = fit_linear_torch(X, y, config=TrainConfig(lr=0.1, steps=200, device=get_device()))
    reference = fit_linear(X, y, config=TrainConfig(lr=0.1, steps=200))
    print(f"device: {get_device()}, MSE after 200 steps: {fit.losses[-1]:.5f}")
    # The page claims: torch and numpy agree to 1e-10 at every step.
    claim("max relative |torch − numpy| loss", np.max(np.abs(np.subtract(fit.losses, reference.losses)) / reference.losses), "<", 1e-10)
    claim("max |torch − numpy| w", np.abs(fit.w - reference.w).max(), "<", 1e-10)
    return fit.losses[-1]


if __name__ == "__main__":
    main()
