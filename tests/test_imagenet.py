"""lectureref.imagenet: top-k error against scikit-learn and torch; the table matches the course facts."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from sklearn.metrics import top_k_accuracy_score

from lectureref.imagenet import IMAGENET_TABLE, topk_error, topk_error_torch
from tests.conftest import DATA


@pytest.mark.parametrize("k", [1, 3, 5])
def test_topk_error_matches_sklearn_and_torch(k: int) -> None:
    rng = np.random.default_rng(k)
    logits, y = rng.standard_normal((200, 12)), rng.integers(0, 12, 200)
    expected = 1 - top_k_accuracy_score(y, logits, k=k, labels=np.arange(12))
    assert topk_error(logits, y, k) == pytest.approx(expected, abs=1e-12)
    assert topk_error_torch(torch.as_tensor(logits), torch.as_tensor(y), k) == pytest.approx(expected, abs=1e-12)


def test_topk_error_edges() -> None:
    logits = np.array([[0.1, 0.9, 0.0], [0.8, 0.1, 0.1]])
    y = np.array([0, 0])
    assert topk_error(logits, y, 1) == 0.5
    assert topk_error(logits, y, 2) == 0.0
    assert topk_error(logits, y, 3) == 0.0


def test_table_is_the_course_notes() -> None:
    text = json.loads((DATA / "page_facts.json").read_text(encoding="utf-8"))["imagenet_errors"]["text"]
    for entry in IMAGENET_TABLE:
        assert f"{entry.net}'{entry.year % 100}" in text and f"{entry.top5_error}%" in text
        if entry.params_m is not None:
            assert f"{entry.params_m}М" in text          # Cyrillic М, as the notes write it
