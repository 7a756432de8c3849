#!/usr/bin/env python3
"""Execute notebooks and store their outputs in place, so the site shows the plots.

    .venv/bin/python scripts/run_notebook.py docs/notebooks/gradient_descent.ipynb [...]

Each notebook is executed into a temporary file that replaces the original only when every
cell ran without error: a failed run leaves the committed notebook as it was.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 120


def execute(path: Path) -> nbformat.NotebookNode:
    """Run every cell of ``path`` (from the repo root, inline plots) and return the notebook."""
    notebook = nbformat.read(path, as_version=4)
    # The kernel's own inline backend stores the figures; an inherited MPLBACKEND=Agg would not.
    os.environ.pop("MPLBACKEND", None)
    NotebookClient(notebook, timeout=TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


def store(path: Path) -> None:
    """Execute ``path`` and atomically replace it with the executed notebook."""
    notebook = execute(path)
    with tempfile.NamedTemporaryFile("w", suffix=".ipynb", dir=path.parent, delete=False, encoding="utf-8") as tmp:
        nbformat.write(notebook, tmp)
    Path(tmp.name).replace(path)


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        store(Path(arg))
        print(f"executed {arg}")
