"""What the timecodes may point at: topic pages (``docs/topics/<name>.md``) and their headings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify

TOPICS_DIR = "topics"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"#([\w-]+)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class TopicPage:
    """A topic page's title (its first ``#`` heading) and the ids of its headings."""

    name: str
    title: str
    anchors: frozenset[str] = field(default_factory=frozenset)


def scan_markdown(name: str, markdown: str, slugify: Callable[[str, str], str] = default_slugify) -> TopicPage:
    """Read the title and heading ids of one page, skipping fenced code."""
    title, anchors, in_fence = name, set(), False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if not match:
            continue
        level, text, attrs = match.groups()
        explicit = _EXPLICIT_ID.search(attrs or "")
        anchors.add(explicit.group(1) if explicit else slugify(text, "-"))
        if level == "#" and title == name:
            title = text
    return TopicPage(name, title, frozenset(anchors))


def scan_topics(docs_dir: Path | str, slugify: Callable[[str, str], str] = default_slugify) -> dict[str, TopicPage]:
    """Every ``docs/topics/*.md`` page by name."""
    return {
        path.stem: scan_markdown(path.stem, path.read_text(encoding="utf-8"), slugify)
        for path in sorted((Path(docs_dir) / TOPICS_DIR).glob("*.md"))
    }
