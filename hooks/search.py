"""MkDocs hook: a small search index without duplicate locations, with «ё» searchable as «е».

Material's search worker keys its results by location: two index entries at one location
make it throw (``Cannot read properties of undefined``) and every query then finds nothing,
so a duplicate stops the build here. Most readers type «е» for «ё»: the index holds «е» only,
and ``docs/javascripts/search.js`` spells a query's «ё» as «е» on its way to the search
worker (the box keeps what the reader typed), so each finds the other.

The index holds what a reader searches for — prose, headings, inline code — and not the code
listings, notebooks' code and outputs, nor API pages' source listings: they made most of its
1.5 MB, and their names are in the prose and the API headings anyway. A topic page's API
section is left to the module's API page, which holds the same docstrings. The indexer gets each
page without them (``without_listings``). The page loads the index only when the reader turns
to search (``overrides/main.html``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

INDEX = Path("search") / "search_index.json"
YO = str.maketrans("ёЁ", "еЕ")
# Code listings (pymdownx.highlight, mkdocstrings' source), notebooks' code cells and outputs,
# the lecture timelines' drawings.
UNSEARCHED = re.compile(
    r'<(div|details|svg) class="(?:[\w-]+ )?(?:highlight"|mkdocstrings-source"|jp-InputArea\b|jp-OutputArea\b|lr-timeline\b)'
)


API_OBJECT = re.compile(r'<(div) class="doc doc-object doc-module"')


def without_listings(content: str) -> str:
    """``content`` less its code listings, notebook cells' code and outputs, and timelines.

    Material's ``data-search-exclude`` would do it, but its parser stops skipping at the first
    nested ``</div>``; the indexer is given the page without them instead.
    """
    return without_blocks(content, UNSEARCHED)


def without_blocks(content: str, start: re.Pattern) -> str:
    """``content`` less every element whose opening tag ``start`` matches (its tag: group 1)."""
    out, at = [], 0
    for match in start.finditer(content):
        if match.start() < at:
            continue  # inside a block already cut
        tag, depth = match[1], 0
        for edge in re.finditer(rf"<(/?){tag}\b[^>]*?(/?)>", content[match.start():]):
            depth += -1 if edge[1] else (0 if edge[2] else 1)
            if depth == 0:
                out.append(content[at:match.start()])
                at = match.start() + edge.end()
                break
        else:
            break  # unbalanced: keep the rest as it is
    out.append(content[at:])
    return "".join(out)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give Material's search indexer each page without its listings."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if index is None:
        return config
    add = index.add_entry_from_context

    def add_without_listings(page: Page) -> None:
        content = page.content
        page.content = without_listings(content)
        if page.file.src_uri.startswith("topics/"):
            # the API section's docstrings: the module's API page has them in the index already
            page.content = without_blocks(page.content, API_OBJECT)
        try:
            add(page)
        finally:
            page.content = content

    index.add_entry_from_context = add_without_listings
    return config


def normalise(text: str) -> str:
    """Spell «ё» as «е», as the search box does with a query."""
    return text.translate(YO)


def duplicate_locations(docs: list[dict]) -> list[str]:
    """Locations that more than one index entry claims."""
    return sorted(loc for loc, n in Counter(d["location"] for d in docs).items() if n > 1)


def on_post_build(config: MkDocsConfig) -> None:
    """Check and rewrite ``search/search_index.json`` (through a temporary file)."""
    path = Path(config.site_dir) / INDEX
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    duplicates = duplicate_locations(data["docs"])
    if duplicates:
        raise PluginError(
            "search index: several entries share a location (two headings without an id?): "
            + ", ".join(duplicates)
        )
    for doc in data["docs"]:
        for field in ("title", "text"):
            if field in doc:
                doc[field] = normalise(doc[field])
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
    os.chmod(tmp, 0o644)  # mkstemp makes it private; a web server must read it
    os.replace(tmp, path)
