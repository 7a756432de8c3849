"""Minibatch SGD vs full batch, at equal epochs (equal work: every example seen once per epoch)."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import make_regression
from lectureref.gradient_descent import fit_closed_form, fit_sgd
from lectureref.training import TrainConfig


def main() -> None:
    seed = reproducible(0)
    X, y, _, _ = make_regression(n=200, n_features=3, noise=0.1, seed=0)
    w, b = fit_closed_form(X, y)
    best = float(np.mean((X @ w + b - y) ** 2))
    # --8<-- [start:main]
    for batch_size in [200, 50, 16, 4]:
        fit = fit_sgd(X, y, config=TrainConfig(lr=0.1, epochs=10, batch_size=batch_size, seed=seed))
        print(f"batch {batch_size:3d}: MSE after epoch 1 {fit.losses[0]:.4f}, after 10 {fit.losses[-1]:.4f}")
    # --8<-- [end:main]
    full = fit_sgd(X, y, config=TrainConfig(lr=0.1, epochs=10, batch_size=200, seed=seed))
    small = fit_sgd(X, y, config=TrainConfig(lr=0.1, epochs=10, batch_size=4, seed=seed))
    medium = fit_sgd(X, y, config=TrainConfig(lr=0.1, epochs=10, batch_size=16, seed=seed))
    # The page claims: after 10 epochs the full batch is still at MSE 0.058 (no randomness in it);
    # batch 16 is within 10 % of the optimum 0.0095 after 2 epochs; batch 4 is noisy and stays
    # above the optimum, by more than 5 % after 10 epochs.
    claim("full batch: MSE after 10 epochs, 3 decimals", round(full.losses[-1], 3), "==", 0.058)
    claim("batch 16: MSE after 2 epochs / optimum", medium.losses[1] / best, "<", 1.1)
    claim("batch 4: lowest MSE / optimum", min(small.losses) / best, ">", 1)
    claim("batch 4: MSE after 10 epochs / optimum", small.losses[-1] / best, ">", 1.05)


if __name__ == "__main__":
    main()
