#!/usr/bin/env python3
"""Execute notebooks and store their outputs in place, so the site shows the plots.

    .venv/bin/python scripts/run_notebook.py docs/notebooks/gradient_descent.ipynb [...]

Each notebook is executed into a temporary file that replaces the original only when every
cell ran without error: a failed run leaves the committed notebook as it was.

A topic page may show one of a notebook's plots: tag the cell ``page-image:<name>`` and its
figure is written to ``docs/topics/img/<name>.png`` (``![…](img/<name>.png)`` on the page), so
the picture on the page is always the notebook's own.
"""

from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 120
PAGE_IMAGES = ROOT / "docs" / "topics" / "img"
TAG = "page-image:"


def execute(path: Path) -> nbformat.NotebookNode:
    """Run every cell of ``path`` (from the repo root, inline plots) and return the notebook."""
    notebook = nbformat.read(path, as_version=4)
    # The kernel's own inline backend stores the figures; an inherited MPLBACKEND=Agg would not.
    os.environ.pop("MPLBACKEND", None)
    NotebookClient(notebook, timeout=TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    return notebook


def page_images(notebook: nbformat.NotebookNode) -> dict[str, bytes]:
    """``name → PNG`` for every cell tagged ``page-image:<name>``: the first figure it shows."""
    images = {}
    for cell in notebook.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            if tag.startswith(TAG):
                png = next((o["data"]["image/png"] for o in cell.get("outputs", []) if "image/png" in o.get("data", {})), None)
                if png is None:
                    raise ValueError(f"cell tagged {tag!r} shows no figure")
                images[tag.removeprefix(TAG)] = base64.b64decode(png)
    return images


def _replace(path: Path, write: object, mode: str = "w") -> None:
    """Write through a temporary file beside ``path``, then rename it into place."""
    encoding = "utf-8" if "b" not in mode else None
    with tempfile.NamedTemporaryFile(mode, dir=path.parent, delete=False, encoding=encoding) as tmp:
        write(tmp)  # type: ignore[operator]
    os.chmod(tmp.name, 0o644)  # a temporary file is private (0600); the result is an ordinary file
    Path(tmp.name).replace(path)


def store(path: Path) -> None:
    """Execute ``path``, atomically replace it with the executed notebook, update its page images."""
    notebook = execute(path)
    images = page_images(notebook)
    _replace(path, lambda out: nbformat.write(notebook, out))
    for name, png in images.items():
        PAGE_IMAGES.mkdir(parents=True, exist_ok=True)
        _replace(PAGE_IMAGES / f"{name}.png", lambda out, png=png: out.write(png), mode="wb")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("notebooks", nargs="+", type=Path, help="the .ipynb files to execute and store")
    for path in parser.parse_args().notebooks:
        if not path.is_file():
            parser.exit(2, f"run_notebook: no such notebook: {path}\n")
        store(path)
        print(f"executed {path}")
