"""2 % positives: accuracy looks great while the rare class is almost never found."""

from lectureref.claims import claim, reproducible
from lectureref.data import make_imbalanced
from lectureref.practical_training import binary_report, train_logistic


def main() -> None:
    reproducible()
    # --8<-- [start:run]
    X, y = make_imbalanced(n=4000, positive_share=0.02, seed=0)
    X_test, y_test = make_imbalanced(n=4000, positive_share=0.02, seed=1)
    plain = binary_report(train_logistic(X, y), X_test, y_test)
    ratio = float((1 - y.mean()) / y.mean())          # ≈ 45 negatives per positive
    weighted = binary_report(train_logistic(X, y, pos_weight=ratio), X_test, y_test)
    print(f"plain:    {plain}")
    print(f"weighted: {weighted}")
    # --8<-- [end:run]
    # The page claims: plain ≈ 98 % accuracy but finds ≤ 20 % of positives;
    # weighting the positives finds ≥ 80 % of them, paying with precision.
    claim("plain: accuracy", plain.accuracy, ">", 0.97)
    claim("plain: recall", plain.recall, "<", 0.2)
    claim("weighted: recall", weighted.recall, ">", 0.8)
    claim("weighted − plain precision", weighted.precision - plain.precision, "<", 0)
    # the page's rounded figures (no randomness: fixed data, fixed initial weights)
    claim("plain: accuracy, in %", round(plain.accuracy * 100), "==", 98)
    claim("plain: recall, in %", round(plain.recall * 100), "==", 15)
    claim("weighted: recall, in %", round(weighted.recall * 100), "==", 83)


if __name__ == "__main__":
    main()
