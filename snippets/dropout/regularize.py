"""The same numpy MLP 64 → 256 → 10 on digits, 30 epochs: plain, with dropout, with batch norm."""

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.mlp import fit_sequential, make_mlp
from lectureref.training import TrainConfig


def main() -> dict:
    seed = reproducible(0)
    s = digits_split()
    # --8<-- [start:main]
    variants = {"plain": dict(batchnorm=False, dropout=0.0),
                "dropout 0.3": dict(batchnorm=False, dropout=0.3),
                "batchnorm": dict(batchnorm=True, dropout=0.0)}
    h = {}
    for name, kw in variants.items():
        model = make_mlp((64, 256, 10), seed=seed, **kw)
        h[name] = fit_sequential(model, s.X_train, s.y_train, config=TrainConfig(epochs=30, lr=0.1, seed=seed),
                                 lr_decay=0.9, val=(s.X_val, s.y_val))     # metrics in eval mode
        print(f"{name:>12}: train loss {h[name].train_loss[-1]:.4f}, val loss {h[name].val_loss[-1]:.4f}, "
              f"val accuracy {h[name].val_acc[-1]:.3f}")
    # --8<-- [end:main]
    plain, drop, bn = h["plain"], h["dropout 0.3"], h["batchnorm"]
    # The dropout page claims: val loss 0.13–0.17 without dropout, 0.11–0.14 with it, lower by
    # more than 5 % at each of seeds 0–9; val accuracy moves by at most 2 of the 270 images.
    claim("plain: val loss", plain.val_loss[-1], ">", 0.13)
    claim("plain: val loss", plain.val_loss[-1], "<", 0.17)
    claim("dropout: val loss", drop.val_loss[-1], ">", 0.11)
    claim("dropout: val loss", drop.val_loss[-1], "<", 0.14)
    claim("dropout / plain: val loss", drop.val_loss[-1] / plain.val_loss[-1], "<", 0.95)
    claim("dropout − plain: val images right", round(abs(drop.val_acc[-1] - plain.val_acc[-1]) * len(s.y_val)), "<=", 2)
    # The batchnorm page claims: train loss below 0.001 with batch norm, 0.009–0.013 without
    # (over 10× lower); val loss lower too, though sometimes only a little.
    claim("batchnorm: train loss", bn.train_loss[-1], "<", 0.001)
    claim("plain: train loss", plain.train_loss[-1], ">", 0.009)
    claim("plain: train loss", plain.train_loss[-1], "<", 0.013)
    claim("plain / batchnorm: train loss", plain.train_loss[-1] / bn.train_loss[-1], ">", 10)
    claim("batchnorm − plain: val loss", bn.val_loss[-1] - plain.val_loss[-1], "<", 0)
    return h


if __name__ == "__main__":
    main()
