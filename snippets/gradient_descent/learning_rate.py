"""Too small, good, too large: the same 50 steps with three learning rates."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import make_regression
from lectureref.gradient_descent import fit_closed_form, fit_linear, max_stable_lr
from lectureref.training import TrainConfig


def main() -> None:
    reproducible()
    X, y, _, _ = make_regression(n=200, n_features=3, noise=0.1, seed=0)
    w, b = fit_closed_form(X, y)
    best = float(np.mean((X @ w + b - y) ** 2))
    # --8<-- [start:main]
    lr_max = max_stable_lr(X)                      # ≈ 0.906 for these features
    final = {}
    for lr in [0.01, 0.5, 1.1 * lr_max]:
        final[lr] = fit_linear(X, y, config=TrainConfig(lr=lr, steps=50)).losses[-1]
        print(f"lr = {lr:.3f}: MSE after 50 steps {final[lr]:.3g} (optimum {best:.4f})")
    # --8<-- [end:main]
    # The page claims: lr = 0.01 crawls (MSE 0.58, 60× the optimum 0.0095), lr = 0.5 is at the
    # optimum, 1.1 × lr_max diverges (MSE 8·10⁷ after 50 steps); lr_max ≈ 0.906.
    small, good, large = final.values()
    claim("lr = 0.01: MSE after 50 steps, 2 decimals", round(small, 2), "==", 0.58)
    claim("lr = 0.01: MSE / optimum, in tens", round(small / best, -1), "==", 60)
    claim("optimum MSE, 4 decimals", round(best, 4), "==", 0.0095)
    claim("lr = 0.5: |MSE − optimum|", abs(good - best), "<", 1e-6)
    claim("1.1 lr_max: MSE after 50 steps / 10⁷, rounded", round(large / 1e7), "==", 8)
    claim("lr_max, 3 decimals", round(lr_max, 3), "==", 0.906)


if __name__ == "__main__":
    main()
