"""The same run with early stopping: stop 5 epochs after the best, keep the best weights."""

import torch

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.overfitting import fit_early_stopping, overfit_model, small_subset
from lectureref.training import evaluate, loader, TrainConfig


def main() -> int:
    seed = reproducible(0)
    s = digits_split()
    X, y = small_subset(s.X_train, s.y_train, per_class=20)
    train, val = loader(X, y, batch_size=32, shuffle=True), loader(s.X_val, s.y_val, batch_size=512)
    # --8<-- [start:main]
    model = overfit_model(hidden=256, seed=seed)
    history, stopper = fit_early_stopping(model, train, val,
                                          config=TrainConfig(epochs=60), patience=5,
                                          optimizer=torch.optim.Adam(model.parameters(), lr=1e-2))
    val_loss, val_acc = evaluate(model, val, torch.nn.functional.cross_entropy)
    print(f"stopped after {len(history.val_loss)} epochs, best epoch {stopper.best_epoch + 1}: "
          f"val loss {val_loss:.3f}, accuracy {val_acc:.3f}")
    # --8<-- [end:main]
    # The page claims: it stops 5 epochs after the best one, within 20 epochs, and the model it
    # returns has the best epoch's val loss, not the last one's.
    assert len(history.val_loss) == stopper.best_epoch + 1 + 5
    claim("epochs run (of 60)", len(history.val_loss), "<", 20)
    claim("|returned model's val loss − best|", abs(val_loss - stopper.best), "<", 1e-6)
    claim("last epoch's − returned val loss", history.val_loss[-1] - val_loss, ">", 0)
    return len(history.val_loss)


if __name__ == "__main__":
    main()
