"""λ‖W‖² in the loss ≡ SGD(weight_decay=2λ): the softmax fits with both forms coincide."""

import numpy as np

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.softmax import fit_softmax, fit_softmax_torch
from lectureref.training import TrainConfig


def main() -> None:
    seed = reproducible(0)
    s = digits_split()
    lam = 0.01
    # --8<-- [start:main]
    # numpy: the penalty λ‖W‖² is part of the loss, its gradient 2λW is added by hand
    ours = fit_softmax(s.X_train, s.y_train, n_classes=10,
                       config=TrainConfig(epochs=5, seed=seed), l2=lam)
    # torch: plain cross-entropy, and SGD(weight_decay=2λ) on W (not on b) — see sgd_param_groups
    theirs = fit_softmax_torch(s.X_train, s.y_train, n_classes=10,
                               config=TrainConfig(epochs=5, seed=seed), l2=lam)
    print(f"max |ΔW| = {np.abs(ours.W - theirs.W).max():.1e}")
    # --8<-- [end:main]
    # The page claims: the two agree to 1e-10 after 185 steps.
    claim("max |numpy − torch| W", np.abs(ours.W - theirs.W).max(), "<", 1e-10)
    claim("max |numpy − torch| b", np.abs(ours.b - theirs.b).max(), "<", 1e-10)


if __name__ == "__main__":
    main()
