"""The notes' way (try a row of rates, keep the best) against one run of the LR range test."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.hyperparameter_search import range_test, val_loss


def main() -> None:
    seed = reproducible(0)
    s = digits_split(seed=seed)
    X, y, X_val, y_val = s.X_train.astype(np.float64), s.y_train, s.X_val.astype(np.float64), s.y_val
    # --8<-- [start:sweep]
    rates = np.geomspace(1e-3, 100, 11)                 # 0.001, 0.00316, 0.01, …, 100
    losses = [val_loss(X, y, X_val, y_val, lr, steps=60, seed=seed) for lr in rates]
    for lr, loss in zip(rates, losses):
        print(f"lr {lr:9.4f}: val loss {loss:.3f}")
    best = int(np.argmin(losses))
    print(f"best lr {rates[best]:.3g}, val loss {losses[best]:.3f}; 11 runs × 60 steps")
    # --8<-- [end:sweep]
    # --8<-- [start:range]
    lrs, smoothed = range_test(X, y, lr_min=1e-3, lr_max=100, steps=100, seed=seed)
    lr_found = lrs[np.argmin(smoothed)]                 # where the loss fell lowest
    found_loss = val_loss(X, y, X_val, y_val, lr_found, steps=60, seed=seed)
    print(f"range test: {len(lrs)} steps, lowest loss at lr {lr_found:.3g}; "
          f"60 steps with it: val loss {found_loss:.3f}")
    # --8<-- [end:range]
    # The page claims, for seeds 0–9: a too small rate barely moves the loss from ln 10 ≈ 2.30,
    # the largest one is more than 5× worse than the best, the best is inside the row,
    # and the range test's rate comes within 0.1 of the sweep's best val loss in under 100 steps.
    claim("val loss at lr 0.001", losses[0], ">", 2.2)
    claim("val loss at lr 100 / best", losses[-1] / losses[best], ">", 5)
    claim("best rate's index", best, ">", 0)
    claim("best rate's index from the end", len(rates) - 1 - best, ">", 0)
    claim("range test steps", len(lrs), "<", 100)
    claim("range test's val loss − best", found_loss - losses[best], "<", 0.1)


if __name__ == "__main__":
    main()
