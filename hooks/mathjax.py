"""MkDocs hook: serve MathJax from the site itself, so formulas render offline.

MathJax 2.7 comes from the ``jupyter-server-mathjax`` package (the Jupyter project ships it
for the same reason); it is copied to ``site/assets/mathjax`` after each build, through a
temporary folder so that an interrupted copy never leaves half an install behind.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import jupyter_server_mathjax
from mkdocs.config.defaults import MkDocsConfig

SOURCE = Path(jupyter_server_mathjax.__file__).parent / "static"
TARGET = Path("assets") / "mathjax"
# The package ships only the HTML-CSS output's code; the SVG folder holds fonts it cannot use.
SKIP = shutil.ignore_patterns("SVG")


def on_post_build(config: MkDocsConfig) -> None:
    """Copy MathJax into the built site."""
    target = Path(config.site_dir) / TARGET
    if (target / "MathJax.js").exists():
        return  # mkdocs serve rebuilds into the same folder: copy once
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staged = Path(tmp) / "mathjax"
        shutil.copytree(SOURCE, staged, ignore=SKIP)
        staged.rename(target)
