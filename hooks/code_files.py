"""MkDocs hook: every code file a page includes is published beside the site, with a link.

A page shows code through ``--8<-- "snippets/gan/train.py:main"`` inside a fence. Each such
fence gets a line below it linking the whole file, and the file itself is added to the site
under the same path (``snippets/gan/train.py``), so a reader can download and run it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("snippets", "lectureref")
# A fence whose only line is one include: ```{.python notest} / --8<-- "path:section" / ```
INCLUDE_FENCE = re.compile(
    r'^(?P<indent>[ \t]*)```[^\n]*\n(?P=indent)--8<-- "(?P<path>[^":\n]+)(?::[^"\n]*)?"\n(?P=indent)```[ \t]*$',
    re.M,
)


def code_files() -> list[str]:
    """Repository-relative paths of the files pages may include."""
    return sorted(
        p.relative_to(ROOT).as_posix()
        for folder in FOLDERS
        for p in (ROOT / folder).rglob("*.py")
        if "__pycache__" not in p.parts
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the code files at their repository paths."""
    for path in code_files():
        files.append(File.generated(config, path, abs_src_path=str(ROOT / path)))
    return files


def link_includes(markdown: str, page_uri: str) -> str:
    """Add a link to the included file below every include-only fence of ``markdown``."""
    base = posixpath.dirname(page_uri)

    def add_link(match: re.Match) -> str:
        path, indent = match["path"], match["indent"]
        if not path.startswith(tuple(f"{f}/" for f in FOLDERS)):
            return match[0]
        target = posixpath.relpath(path, base or ".")
        return f"{match[0]}\n\n{indent}Файл целиком: [`{path}`]({target}){{ .code-file }}\n"

    return INCLUDE_FENCE.sub(add_link, markdown)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Link each included code file from the page that shows it."""
    return link_includes(markdown, page.file.src_uri)
