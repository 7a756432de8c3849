"""lectureref.metrics against sklearn.metrics, on binary, multi-class and degenerate inputs."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm

from lectureref.metrics import accuracy, confusion_matrix, macro_average, precision_recall_f1, precision_recall_f1_per_class


def random_labels(n: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, k, n)
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, k, n))  # mostly right, not always
    return y_true, y_pred


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_metrics_match_sklearn(seed: int) -> None:
    y_true, y_pred = random_labels(50, 2, seed)
    p, r, f = precision_recall_f1(y_true, y_pred)
    assert p == pytest.approx(skm.precision_score(y_true, y_pred), abs=1e-12)
    assert r == pytest.approx(skm.recall_score(y_true, y_pred), abs=1e-12)
    assert f == pytest.approx(skm.f1_score(y_true, y_pred), abs=1e-12)
    assert p != pytest.approx(r)  # the data distinguishes precision from recall (a swap would fail)
    # positive=0 is the other class's view: sklearn's pos_label=0
    p0, r0, _ = precision_recall_f1(y_true, y_pred, positive=0)
    assert p0 == pytest.approx(skm.precision_score(y_true, y_pred, pos_label=0), abs=1e-12)
    assert r0 == pytest.approx(skm.recall_score(y_true, y_pred, pos_label=0), abs=1e-12)


def test_multiclass_metrics_match_sklearn() -> None:
    y_true, y_pred = random_labels(300, 5, seed=3)
    cm = confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(cm, skm.confusion_matrix(y_true, y_pred))
    assert cm[0].sum() == np.sum(y_true == 0)  # rows are the true classes
    prf = precision_recall_f1_per_class(cm)
    np.testing.assert_allclose(prf.precision, skm.precision_score(y_true, y_pred, average=None), atol=1e-12)
    np.testing.assert_allclose(prf.recall, skm.recall_score(y_true, y_pred, average=None), atol=1e-12)
    np.testing.assert_allclose(prf.f1, skm.f1_score(y_true, y_pred, average=None), atol=1e-12)
    macro = macro_average(prf)
    assert macro.f1 == pytest.approx(skm.f1_score(y_true, y_pred, average="macro"), abs=1e-12)
    assert macro.precision == pytest.approx(skm.precision_score(y_true, y_pred, average="macro"), abs=1e-12)
    assert accuracy(y_true, y_pred) == pytest.approx(skm.accuracy_score(y_true, y_pred), abs=1e-12)
    assert accuracy(y_true, y_pred) == pytest.approx(np.trace(cm) / cm.sum())


def test_majority_classifier_on_imbalanced_data() -> None:
    y_true = np.array([0] * 99 + [1])
    always_zero = np.zeros(100, dtype=np.int64)
    assert accuracy(y_true, always_zero) == 0.99
    p, r, f = precision_recall_f1(y_true, always_zero)
    assert (p, r, f) == (0.0, 0.0, 0.0)  # never says "1": no positive found, nothing to divide
    assert r == skm.recall_score(y_true, always_zero, zero_division=0)
    cm = confusion_matrix(y_true, always_zero, n_classes=2)
    np.testing.assert_array_equal(cm, [[99, 0], [1, 0]])
    per_class = precision_recall_f1_per_class(cm)
    np.testing.assert_allclose(per_class.f1, skm.f1_score(y_true, always_zero, average=None, zero_division=0))
