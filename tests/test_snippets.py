"""Every file in snippets/ runs as a script: its own asserts check what its page claims."""

from __future__ import annotations

import runpy
from pathlib import Path

import matplotlib
import pytest

from tests.conftest import ROOT

SNIPPETS = sorted(p for p in (ROOT / "snippets").rglob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", SNIPPETS, ids=[str(p.relative_to(ROOT / "snippets")) for p in SNIPPETS])
def test_snippet_runs(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    matplotlib.use("Agg")  # snippets that plot must not need a screen
    monkeypatch.chdir(tmp_path)  # anything a snippet writes lands in a temporary folder
    runpy.run_path(str(path), run_name="__main__")


def test_there_are_snippets() -> None:
    assert len(SNIPPETS) >= 2
