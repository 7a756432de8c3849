"""The same SGD with F.cross_entropy and autograd, over the very same minibatches."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.device import get_device
from lectureref.softmax import fit_softmax, fit_softmax_torch
from lectureref.training import TrainConfig


def main() -> None:
    seed = reproducible(0)
    s = digits_split()
    # --8<-- [start:main]
    fit = fit_softmax_torch(s.X_train, s.y_train, n_classes=10,
                            config=TrainConfig(lr=0.5, epochs=30, batch_size=32, seed=seed, device=get_device()))
    reference = fit_softmax(s.X_train, s.y_train, n_classes=10,
                            config=TrainConfig(lr=0.5, epochs=30, batch_size=32, seed=seed))
    print(f"device: {get_device()}, max |W_torch − W_numpy| = {np.abs(fit.W - reference.W).max():.1e}")
    # --8<-- [end:main]
    # The page claims: after 1110 steps the weights still agree to 1e-10 (float64).
    claim("max |torch − numpy| W", np.abs(fit.W - reference.W).max(), "<", 1e-10)
    claim("max relative |torch − numpy| loss", np.max(np.abs(np.subtract(fit.losses, reference.losses)) / reference.losses), "<", 1e-10)


if __name__ == "__main__":
    main()
