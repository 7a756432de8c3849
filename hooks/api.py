"""MkDocs hook: an "API" section with one generated page per lectureref module.

Topic pages show their own module's API next to the prose; this section lists every module
in one place. Pages are virtual (nothing is written into docs/) and found by walking the
package, so a new module appears without editing any configuration.
"""

from __future__ import annotations

import ast
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PACKAGE = Path(__file__).resolve().parent.parent / "lectureref"


def modules() -> list[tuple[str, str]]:
    """``(dotted name, first docstring line)`` for every public module of the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if any(part.startswith("_") for part in parts) or not (path.parent / "__init__.py").exists():
            continue  # private, or package data such as lectureref/exercises/starters/
        if parts[1] == "exercises":
            continue  # the exercises have pages of their own; their checker is not a library to read
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        found.append((".".join(parts), doc.strip().splitlines()[0] if doc.strip() else ""))
    return found


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add ``api/index.md`` and ``api/<module>.md`` pages."""
    listing = ["# API", "", "Справочник по модулям пакета `lectureref` (из докстрингов).", ""]
    for name, summary in modules():
        page = name.removeprefix("lectureref.").replace(".", "/")
        listing.append(f"- [`{name}`]({page}.md) — {summary}")
        body = f"# `{name}`\n\n::: {name}\n    options:\n      show_root_heading: false\n      show_source: true\n"
        files.append(File.generated(config, f"api/{page}.md", content=body))
    files.append(File.generated(config, "api/index.md", content="\n".join(listing) + "\n"))
    return files
