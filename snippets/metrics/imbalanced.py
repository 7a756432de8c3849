"""99 % of class 0: "always 0" scores 99 % accuracy and finds none of the positives."""

import numpy as np
from sklearn import metrics as skm

from lectureref.claims import claim, reproducible
from lectureref.metrics import accuracy, confusion_matrix, precision_recall_f1


def main() -> None:
    rng = np.random.default_rng(reproducible(0))
    y_true = (rng.random(100_000) < 0.01).astype(np.int64)      # ≈ 1 % positives
    # --8<-- [start:main]
    always_zero = np.zeros_like(y_true)                        # the "easy way out"
    acc = accuracy(y_true, always_zero)
    precision, recall, f1 = precision_recall_f1(y_true, always_zero)
    print(f"accuracy {acc:.1%}, precision {precision}, recall {recall}, F1 {f1}")
    print(confusion_matrix(y_true, always_zero, n_classes=2))  # rows: true 0/1, columns: predicted
    # --8<-- [end:main]
    # The page claims: accuracy ≈ 99 %, recall 0, and sklearn says the same.
    claim("always 0: accuracy", acc, ">", 0.985)
    claim("always 0: accuracy", acc, "<", 0.995)
    assert recall == 0.0 and f1 == 0.0
    assert acc == skm.accuracy_score(y_true, always_zero)
    assert recall == skm.recall_score(y_true, always_zero, zero_division=0)
    # a noisy detector with lower accuracy is the more useful model: it finds 80 % of positives
    # and raises a false alarm on 2 % of all examples (100 000 examples: the shares vary by
    # a few tenths of a percent between seeds, not by whole percents as with 10 000)
    detector = np.where(rng.random(len(y_true)) < 0.8, y_true, 0) | (rng.random(len(y_true)) < 0.02)
    d_acc, (d_p, d_r, d_f1) = accuracy(y_true, detector), precision_recall_f1(y_true, detector)
    print(f"detector: accuracy {d_acc:.1%}, precision {d_p:.2f}, recall {d_r:.2f}, F1 {d_f1:.2f}")
    claim("detector − always-0 accuracy", d_acc - acc, "<", 0)
    claim("detector: accuracy", d_acc, ">", 0.975)
    claim("detector: accuracy", d_acc, "<", 0.985)
    claim("detector: recall", d_r, ">", 0.75)
    claim("detector: recall", d_r, "<", 0.85)
    claim("detector: F1", d_f1, ">", 0.35)
    assert np.isclose(d_f1, skm.f1_score(y_true, detector))


if __name__ == "__main__":
    main()
