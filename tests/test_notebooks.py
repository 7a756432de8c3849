"""Every notebook in docs/ runs top to bottom without an error (the site shows stored outputs)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from scripts.run_notebook import PAGE_IMAGES, execute, page_images
from tests.conftest import DOCS

NOTEBOOKS = sorted(DOCS.rglob("*.ipynb"))


def _figures(notebook: nbformat.NotebookNode) -> list[int]:
    """The number of PNG figures each code cell shows."""
    return [sum("image/png" in o.get("data", {}) for o in c.get("outputs", [])) for c in notebook.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path) -> None:
    stored = nbformat.read(path, as_version=4)
    notebook = execute(path)  # nbclient raises CellExecutionError at the first cell that fails
    code = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in code), "a code cell was not executed"
    # the stored notebook (what the site shows) has the figures its code draws now
    assert _figures(notebook) == _figures(stored), f"{path.name}: re-run scripts/run_notebook.py on it"
    page_images(notebook)  # a cell tagged page-image:<name> still shows a figure (else ValueError)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_with_its_plots(path: Path) -> None:
    """The build shows stored outputs, so a notebook committed without them shows no plot."""
    text = path.read_text(encoding="utf-8")
    assert '"image/png"' in text, f"{path.name}: run scripts/run_notebook.py on it before committing"


def snippet_images() -> set[str]:
    """Page images a snippet draws (its docstring names ``<name>.png`` and how to remake it)."""
    names = {p.stem for p in PAGE_IMAGES.glob("*.png")}
    texts = [p.read_text(encoding="utf-8") for p in (DOCS.parent / "snippets").rglob("*.py")]
    return {name for name in names if any(f"{name}.png" in text and "savefig" in text for text in texts)}


def test_page_images_are_the_notebooks_own_plots() -> None:
    """docs/topics/img/<name>.png is the stored figure of the notebook cell tagged page-image:<name>,
    or the figure of the snippet that names it (the snippet runs in the suite and redraws it)."""
    stored = {}
    for path in NOTEBOOKS:
        stored.update(page_images(nbformat.read(path, as_version=4)))
    files = {p.stem: p.read_bytes() for p in PAGE_IMAGES.glob("*.png")}
    drawn = snippet_images() - stored.keys()
    assert stored.keys() | drawn == files.keys(), "run scripts/run_notebook.py on the notebook whose image changed"
    for name, png in stored.items():
        assert files[name] == png, f"img/{name}.png differs from its notebook's figure: re-run scripts/run_notebook.py"
