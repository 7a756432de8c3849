"""Every notebook in docs/ runs top to bottom without an error (the site shows stored outputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.run_notebook import execute
from tests.conftest import DOCS

NOTEBOOKS = sorted(DOCS.rglob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    notebook = execute(path)
    errors = [o for cell in notebook.cells for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_with_its_plots(path: Path) -> None:
    """The build shows stored outputs, so a notebook committed without them shows no plot."""
    text = path.read_text(encoding="utf-8")
    assert '"image/png"' in text, f"{path.name}: run scripts/run_notebook.py on it before committing"
