"""Two digits side by side, two labels at once: a multi-label head finds both."""


from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.data import digit_pairs
from lectureref.multilabel import per_label_accuracy, predict, train_multilabel
from lectureref.training import TrainConfig


def main() -> float:
    seed = reproducible(0)
    s = digits_split()
    # --8<-- [start:main]
    X_train, Y_train = digit_pairs(s.X_train, s.y_train, n=3000, seed=0)   # (3000, 128), (3000, 10)
    X_test, Y_test = digit_pairs(s.X_test, s.y_test, n=1000, seed=1)       # test digits only
    model = train_multilabel(X_train, Y_train, "multilabel",
                             config=TrainConfig(epochs=20, seed=seed), hidden=256)
    P = predict(model, X_test, "multilabel")                               # (1000, 10) of True/False
    exact = (P == Y_test.astype(bool)).all(axis=1).mean()                  # both digits right, no extra
    print(f"per digit label: {per_label_accuracy(Y_test, P).round(3)}")
    print(f"exact set right: {exact:.3f}, labels per image: {P.sum(1).mean():.2f} (truth {Y_test.sum(1).mean():.2f})")
    # --8<-- [end:main]
    # The page claims: every one of the 10 labels over 90 % right, the exact set in over 70 % of the
    # pairs, 1.7–2.1 labels per image (the truth: 1.92).
    claim("lowest label accuracy", per_label_accuracy(Y_test, P).min(), ">", 0.9)
    claim("exact set right", exact, ">", 0.7)
    claim("labels per image", P.sum(1).mean(), ">", 1.7)
    claim("labels per image", P.sum(1).mean(), "<", 2.1)
    claim("true labels per image, 2 decimals", round(float(Y_test.sum(1).mean()), 2), "==", 1.92)
    return float(exact)


if __name__ == "__main__":
    main()
