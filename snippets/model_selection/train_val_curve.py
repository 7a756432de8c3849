"""Train vs validation accuracy as k grows: overfitting at k = 1, underfitting at large k."""

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.model_selection import knn_train_val_curve


def main() -> None:
    reproducible()
    s = digits_split()
    # --8<-- [start:main]
    curve = knn_train_val_curve(s.X_train, s.y_train, s.X_val, s.y_val, ks=[1, 5, 25, 100, 400])
    for k, tr, va in zip(*curve):
        print(f"k = {k:3d}: train {tr:.1%}, val {va:.1%}")
    # --8<-- [end:main]
    # The page claims: k = 1 is perfect on train but not on val; k = 400 is bad on both (≈ 75 %).
    claim("k = 1: train accuracy", curve.train_acc[0], "==", 1.0)
    claim("k = 5: val accuracy, 3 decimals", round(curve.val_acc[1], 3), "==", 0.978)
    claim("k = 1: val accuracy", curve.val_acc[0], "<", 0.99)
    claim("k = 1: val accuracy, 3 decimals", round(curve.val_acc[0], 3), "==", 0.978)
    claim("k = 400: train accuracy, 3 decimals", round(curve.train_acc[-1], 3), "==", 0.754)
    claim("k = 400: val accuracy, 3 decimals", round(curve.val_acc[-1], 3), "==", 0.741)
    claim("k = 400: train accuracy", curve.train_acc[-1], "<", 0.8)
    claim("k = 400: val accuracy", curve.val_acc[-1], "<", 0.8)
    claim("val accuracy k = 5 − k = 400", curve.val_acc[1] - curve.val_acc[-1], ">", 0.15)


if __name__ == "__main__":
    main()
