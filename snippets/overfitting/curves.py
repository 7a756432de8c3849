"""Train and validation curves diverge: a wide MLP on 20 digits per class (200 images)."""

import numpy as np
import torch

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.overfitting import overfit_model, small_subset
from lectureref.training import fit, loader, TrainConfig


def main() -> list[float]:
    seed = reproducible(0)
    s = digits_split()
    # --8<-- [start:main]
    X, y = small_subset(s.X_train, s.y_train, per_class=20)             # 200 of the 1167 images
    train, val = loader(X, y, batch_size=32, shuffle=True), loader(s.X_val, s.y_val, batch_size=512)
    model = overfit_model(hidden=256, seed=seed)                                   # ~85 000 parameters
    history = fit(model, train,
                  config=TrainConfig(epochs=40), optimizer=torch.optim.Adam(model.parameters(), lr=1e-2),
                  val=val, progress=False)
    best = int(np.argmin(history.val_loss))
    print(f"best val loss {history.val_loss[best]:.3f} at epoch {best + 1}; "
          f"after 40 epochs: val {history.val_loss[-1]:.3f}, train {history.train_loss[-1]:.1e}")
    # --8<-- [end:main]
    # The page claims: 85 002 parameters, 425 per training image; val loss is lowest within the
    # first 20 epochs, then grows by over 20 % while the train loss falls below 0.001 and the
    # train accuracy reaches 100 %; val accuracy stays above 85 %.
    n_params = sum(p.numel() for p in model.parameters())
    claim("parameters", n_params, "==", 85_002)
    claim("parameters / training images, rounded", round(n_params / len(y)), "==", 425)
    claim("epoch of the lowest val loss", best + 1, "<=", 20)
    claim("val loss after 40 epochs / lowest", history.val_loss[-1] / history.val_loss[best], ">", 1.2)
    claim("train loss after 40 epochs", history.train_loss[-1], "<", 0.001)
    claim("train accuracy after 40 epochs", history.train_acc[-1], "==", 1.0)
    claim("val accuracy after 40 epochs", history.val_acc[-1], ">", 0.85)
    return history.val_loss


if __name__ == "__main__":
    main()
