"""100 digits at random places on a 12×12 canvas: training with random shifts vs without."""

import numpy as np
import torch
from sklearn.model_selection import train_test_split
from torch import nn

from lectureref.augmentation import RandomAugment, place_on_canvas
from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.training import evaluate, fit, loader, TrainConfig
from lectureref.transfer_learning import small_cnn


def main() -> dict:
    base = reproducible(0)
    d = digits_split(images=True)
    X_all, test = place_on_canvas(d.X_train, 12, seed=2), loader(place_on_canvas(d.X_test, 12, seed=3), d.y_test, 512)
    acc = {False: [], True: []}
    for seed in (base, base + 1):                         # two different training sets of 100 digits
        X, _, y, _ = train_test_split(X_all, d.y_train, train_size=100, stratify=d.y_train, random_state=seed)
        for augmented in (False, True):
            # --8<-- [start:main]
            model = small_cnn(n_classes=10, size=12, seed=seed)
            if augmented:                                 # shifts by up to ±2 px, fresh for every batch
                model = nn.Sequential(RandomAugment(seed, max_shift=2), model)
            fit(model, loader(X, y, batch_size=50, shuffle=True, seed=seed),
                config=TrainConfig(epochs=40),
                optimizer=torch.optim.Adam(model.parameters(), lr=3e-3), progress=False)
            accuracy = evaluate(model, test, nn.functional.cross_entropy)[1]   # eval(): no augmentation
            # --8<-- [end:main]
            acc[augmented].append(accuracy)
            print(f"seed {seed}, augmented={augmented}: test accuracy {accuracy:.3f}")
    without, with_aug = float(np.mean(acc[False])), float(np.mean(acc[True]))
    print(f"mean test accuracy: without {without:.3f}, with shifts {with_aug:.3f}")
    # The page claims: shifts help on every training set (≥ 5 points), by ≥ 8 points on average.
    assert len(d.y_test) == 360
    claim("smallest gain of the shifts over the training sets", min(b - a for a, b in zip(acc[False], acc[True])), ">=", 0.05)
    claim("mean gain of the shifts", with_aug - without, ">=", 0.08)
    return {"without": without, "with": with_aug}


if __name__ == "__main__":
    main()
