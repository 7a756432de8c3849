"""The LR range test in PyTorch: a LambdaLR scheduler grows the rate; the losses match the numpy run."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.hyperparameter_search import range_test, range_test_torch, smooth


def main() -> None:
    seed = reproducible(0)
    s = digits_split(seed=seed)
    X, y = s.X_train.astype(np.float64), s.y_train
    # --8<-- [start:main]
    losses = smooth(range_test_torch(X, y, lr_min=1e-3, lr_max=100, steps=100, seed=seed))
    rates, numpy_losses = range_test(X, y, lr_min=1e-3, lr_max=100, steps=100, seed=seed)
    n = len(numpy_losses)                  # the steps before the loss blew up
    gap = np.max(np.abs(losses[:n] - numpy_losses))
    print(f"{n} steps before the blow-up; largest |torch − numpy| {gap:.1e}")
    print(f"lowest smoothed loss {losses[:n].min():.3f} at lr {rates[np.argmin(losses[:n])]:.3g}")
    # --8<-- [end:main]
    # The page claims: the torch run (LambdaLR) and the numpy run are the same computation.
    claim("max |torch − numpy| smoothed loss", gap, "<", 1e-9)


if __name__ == "__main__":
    main()
