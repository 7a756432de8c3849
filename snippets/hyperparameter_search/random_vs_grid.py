"""Grid against random search with the same budget of 9 trials, when only one of two hyperparameters matters."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.hyperparameter_search import grid_points, random_points, val_losses


def main() -> None:
    seed = reproducible(0)
    s = digits_split(seed=seed)
    data = s.X_train.astype(np.float64), s.y_train, s.X_val.astype(np.float64), s.y_val
    rng = np.random.default_rng(seed)
    # --8<-- [start:main]
    lr_range, lam_range = (1e-3, 30.0), (1e-5, 1e-3)   # λ hardly matters in this range
    searches = 20
    points = np.concatenate([np.stack([grid_points(3, lr_range, lam_range, rng),    # 3 × 3 = 9 trials
                                       random_points(9, lr_range, lam_range, rng)])  # 9 trials
                             for _ in range(searches)])                             # (2·20, 9, 2)
    losses = val_losses(points.reshape(-1, 2), *data, seed=seed).reshape(searches, 2, 9)
    best_grid, best_random = losses.min(axis=2).T          # the best trial of each search
    distinct = [len(np.unique(points[k, :, 0])) for k in (0, 1)]
    print(f"distinct rates per search: grid {distinct[0]}, random {distinct[1]}")
    print(f"random search is better in {np.mean(best_random < best_grid):.0%} of {searches} searches")
    print(f"mean best val loss: grid {best_grid.mean():.3f}, random {best_random.mean():.3f}; "
          f"worst search: grid {best_grid.max():.3f}, random {best_random.max():.3f}")
    # --8<-- [end:main]
    # The page claims: 3 rates against 9 (by construction); random search wins more than half of
    # the 20 paired searches for seeds 0–9 (the mean is not always better: see the page).
    claim("distinct rates, grid", distinct[0], "==", 3)
    claim("distinct rates, random", distinct[1], "==", 9)
    claim("share of searches random wins", np.mean(best_random < best_grid), ">", 0.5)


if __name__ == "__main__":
    main()
