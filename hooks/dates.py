"""MkDocs hook: the date of each page's last change, from git, in Russian.

The date is the last commit that touched the page's source: its Markdown or notebook, the
course YAML for a generated lecture page, the module for an API page. It is read with one
``git log`` per build and shown by Material under the page (``page.meta``'s
``git_revision_date_localized``, the key its source-file partial reads), e.g.
«Последнее изменение: 4 декабря 2026».

A shallow clone knows only its newest commit, so every page would get that commit's date:
there the dates are left out (with a note in the log) rather than shown wrong. CI fetches the
whole history (``.github/workflows/site.yml``: ``fetch-depth: 0``).
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.dates")
ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря")
_changed: dict[str, int] = {}  # repository path → time of the last commit touching it (UTC seconds)


def russian_date(when: dt.date) -> str:
    """``4 декабря 2026``."""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def last_changes(root: Path = ROOT) -> dict[str, int]:
    """Each path's last commit time, newest first in ``git log``; empty outside git or when shallow."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout

    try:
        if git("rev-parse", "--is-shallow-repository").strip() == "true":
            log.info("a shallow clone: pages get no date of their last change (fetch the whole history)")
            return {}
        out = git("log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "docs", "lectureref")
    except (OSError, subprocess.CalledProcessError):
        return {}
    found: dict[str, int] = {}
    when = 0
    for line in out.splitlines():
        if line.startswith("\x00"):
            when = int(line[1:])
        elif line and line not in found:
            found[line] = when
    return found


def source_of(page: Page, config: MkDocsConfig) -> str | None:
    """The repository path a page is made from."""
    uri = page.file.src_uri
    if page.file.abs_src_path:
        path = Path(page.file.abs_src_path).resolve()
        try:
            return path.relative_to(ROOT).as_posix()
        except ValueError:
            return None
    if uri.startswith("lectures/"):
        # a lecture page comes from its course's YAML; the index and topics → moments from all
        parts = uri.split("/")
        if len(parts) == 3 and f"docs/timecodes/{parts[1]}.yml" in _changed:
            return f"docs/timecodes/{parts[1]}.yml"
        return next((p for p in sorted(_changed, key=_changed.get, reverse=True)
                     if p.startswith("docs/timecodes/") and p.endswith(".yml")), None)
    if uri.startswith("api/") and uri != "api/index.md":
        module = "lectureref/" + uri.removeprefix("api/").removesuffix(".md")
        return f"{module}.py" if f"{module}.py" in _changed else f"{module}/__init__.py"
    return None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _changed.clear()
    _changed.update(last_changes())
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the page the date of its source's last commit."""
    source = source_of(page, config)
    if source in _changed:
        when = dt.datetime.fromtimestamp(_changed[source], tz=dt.UTC).date()
        page.meta["git_revision_date_localized"] = (
            f'Последнее изменение: <time datetime="{when.isoformat()}">{russian_date(when)}</time>'
        )
    return markdown
