"""MkDocs hook: the search index without duplicate locations, with «ё» searchable as «е».

Material's search worker keys its results by location: two index entries at one location
make it throw (``Cannot read properties of undefined``) and every query then finds nothing,
so a duplicate stops the build here. Most readers type «е» for «ё»: the index holds «е» only,
and ``docs/javascripts/search.js`` turns a typed «ё» into «е», so each finds the other.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

INDEX = Path("search") / "search_index.json"
YO = str.maketrans("ёЁ", "еЕ")


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
