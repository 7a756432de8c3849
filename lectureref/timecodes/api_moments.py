"""«В лекциях» on the API pages: a module's page lists the video moments of its topic.

A topic page names the module it documents with a mkdocstrings line (``::: lectureref.knn``);
that line, not the module's file name, ties ``api/knn.md`` to ``topics/knn.md``, so the link
survives a module moving to another package.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from lectureref.timecodes.render import Moment, backlinks, md_text
from lectureref.timecodes.topics import TOPICS_DIR, scan_markdown

API_DIR = "api/"
_DIRECTIVE = re.compile(r"^::: *([\w.]+)", re.M)


def module_topics(docs_dir: Path | str) -> dict[str, list[tuple[str, str]]]:
    """Module → ``(topic page, its title)`` for every topic page with a ``::: module`` line."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((Path(docs_dir) / TOPICS_DIR).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for module in _DIRECTIVE.findall(text):
            found.setdefault(module, []).append((path.stem, scan_markdown(path.stem, text).title))
    return found


def api_moments(markdown: str, uri: str, moments: Mapping[str, Sequence[Moment]], docs_dir: Path | str) -> str:
    """``markdown`` of the API page ``uri`` with its topics' «В лекциях» block under the title.

    Pages of modules no topic page documents, or whose topics no timecode points to, are
    returned unchanged.
    """
    directive = _DIRECTIVE.search(markdown)
    if not uri.startswith(API_DIR) or directive is None:
        return markdown
    prefix = "../" * uri.count("/")
    topics = [(name, title) for name, title in module_topics(docs_dir).get(directive.group(1), []) if moments.get(name)]
    if not topics:
        return markdown
    links = ", ".join(f"[{md_text(title)}]({prefix}{TOPICS_DIR}/{name}.md)" for name, title in topics)
    block = backlinks([m for name, _ in topics for m in moments[name]], prefix)
    head, rest = markdown[: directive.start()], markdown[directive.start():]
    return f"{head.rstrip()}\n\nТема: {links}.\n\n{block}\n{rest}"
