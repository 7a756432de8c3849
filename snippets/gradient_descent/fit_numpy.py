"""Fit a line by gradient descent in numpy and compare with the exact solution."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import make_regression
from lectureref.gradient_descent import fit_closed_form, fit_linear
from lectureref.training import TrainConfig


def main() -> float:
    reproducible()
    X, y, w_true, b_true = make_regression(n=200, n_features=3, noise=0.1, seed=0)
    fit = fit_linear(X, y, config=TrainConfig(lr=0.1, steps=200))
    w_best, b_best = fit_closed_form(X, y)
    best_loss = float(np.mean((X @ w_best + b_best - y) ** 2))
    print(f"MSE: first step {fit.losses[0]:.3f}, last {fit.losses[-1]:.5f}, optimum {best_loss:.5f}")
    # The page claims: 200 steps bring the loss within 0.1 % of the optimum, ≈ noise² = 0.01.
    claim("final loss / optimum", fit.losses[-1] / best_loss, "<=", 1.001)
    claim("final loss", fit.losses[-1], "<", 0.012)
    claim("max |w − w_best|", np.abs(fit.w - w_best).max(), "<", 1e-3)
    return fit.losses[-1]


if __name__ == "__main__":
    main()
