"""The same fit with binary_cross_entropy_with_logits and autograd: it repeats numpy step by step."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.device import get_device
from lectureref.data import make_two_blobs
from lectureref.logistic_regression import fit_logistic, fit_logistic_torch
from lectureref.training import TrainConfig


def main() -> float:
    reproducible()
    X, y = make_two_blobs(n=200, distance=2.0, seed=0)
    # --8<-- [start:main]
    fit = fit_logistic_torch(X, y, config=TrainConfig(lr=1.0, steps=300, device=get_device()))
    reference = fit_logistic(X, y, config=TrainConfig(lr=1.0, steps=300))
    print(f"device: {get_device()}, BCE after 300 steps: {fit.losses[-1]:.4f}")
    # --8<-- [end:main]
    # The page claims: torch and numpy agree to 1e-10 at every step (float64).
    claim("max relative |torch − numpy| loss", np.max(np.abs(np.subtract(fit.losses, reference.losses)) / reference.losses), "<", 1e-10)
    claim("max |torch − numpy| w", np.abs(fit.w - reference.w).max(), "<", 1e-10)
    return fit.losses[-1]


if __name__ == "__main__":
    main()
