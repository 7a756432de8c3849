"""Sanity check: a correct model memorises one small batch; a bug shows as a flat loss."""

import copy

import torch
from torch import nn

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.practical_training import overfit_batch


def mlp(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))


def main() -> None:
    seed = reproducible(0)
    split = digits_split()
    X, y = torch.as_tensor(split.X_train[:32]), torch.as_tensor(split.y_train[:32])
    # --8<-- [start:run]
    good = overfit_batch(mlp(seed), X, y, steps=200)
    # The bug: the optimizer holds a copy's parameters (say, the model was rebuilt after
    # the optimizer was made). backward() fills the real grads, step() moves the copy's.
    buggy = overfit_batch(mlp(seed), X, y, steps=200,
                          make_optimizer=lambda m: torch.optim.Adam(copy.deepcopy(m).parameters(), lr=1e-2))
    print(f"correct: {good[0]:.3f} → {good[-1]:.4f};  buggy: {buggy[0]:.3f} → {buggy[-1]:.3f}")
    # --8<-- [end:run]
    # The page claims: the correct loop takes 32 examples below 0.01, the buggy one never moves.
    claim("correct: loss after 200 steps", good[-1], "<", 0.01)
    claim("buggy: |last − first loss|", abs(buggy[-1] - buggy[0]), "<", 1e-6)


if __name__ == "__main__":
    main()
