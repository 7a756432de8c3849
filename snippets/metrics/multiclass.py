"""Confusion matrix and per-class precision/recall of 1-NN on digits, checked against sklearn."""

import numpy as np
from sklearn import metrics as skm

from lectureref.claims import claim, reproducible
from lectureref.data import digits_split
from lectureref.knn import knn_predict
from lectureref.metrics import confusion_matrix, macro_average, precision_recall_f1_per_class


def main() -> None:
    reproducible()
    s = digits_split()
    pred = knn_predict(s.X_train, s.y_train, s.X_test, k=1)
    # --8<-- [start:main]
    cm = confusion_matrix(s.y_test, pred, n_classes=10)
    prf = precision_recall_f1_per_class(cm)
    worst = int(np.argmin(prf.recall))
    print(cm)
    print(f"macro F1 {macro_average(prf).f1:.3f}; lowest recall: digit {worst} ({prf.recall[worst]:.2f})")
    # --8<-- [end:main]
    # The page claims: every number equals sklearn.metrics; macro F1 ≈ 0.978; 8 and 9 are found worst.
    assert np.array_equal(cm, skm.confusion_matrix(s.y_test, pred))
    assert np.allclose(prf.precision, skm.precision_score(s.y_test, pred, average=None))
    assert np.allclose(prf.recall, skm.recall_score(s.y_test, pred, average=None))
    assert np.isclose(macro_average(prf).f1, skm.f1_score(s.y_test, pred, average="macro"))
    claim("macro F1, 3 decimals", round(macro_average(prf).f1, 3), "==", 0.978)
    claim("digit with the lowest recall", worst, "==", 8)
    claim("recall of 8, 2 decimals", round(prf.recall[8], 2), "==", 0.91)
    claim("recall of 9, 2 decimals", round(prf.recall[9], 2), "==", 0.92)
    claim("fours called nines", int(cm[4, 9]), "==", 2)


if __name__ == "__main__":
    main()
