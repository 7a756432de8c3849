"""One loaded view of a docs folder: its courses, topic pages, metadata cache and moments.

The timecodes hook, the exercises hook and ``python -m lectureref.timecodes check`` all read the
docs through `load_docs`, so they check the same things and, within one build, read the files
once: a second call with the same folder and slugify returns the same view until a course file,
the cache or a topic page changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify

from lectureref.timecodes.files import TIMECODES_DIR
from lectureref.timecodes.metadata import Info
from lectureref.timecodes.render import Moment, moments
from lectureref.timecodes.schema import Course
from lectureref.timecodes.topics import TOPICS_DIR, TopicPage, scan_topics
from lectureref.timecodes.validate import load_checked


@dataclass(frozen=True)
class DocsView:
    """What the docs folder says, checked: see `load_docs`."""

    docs_dir: Path
    courses: list[Course]
    topics: dict[str, TopicPage]   # topic page → its title and heading ids
    cache: dict[str, Info]         # video id → title and duration (docs/timecodes/metadata.json)
    moments: dict[str, list[Moment]]   # topic page → the moments pointing at it, in course order

    @property
    def titles(self) -> dict[str, str]:
        """Topic page → its title."""
        return {name: page.title for name, page in self.topics.items()}


_last: tuple[tuple, DocsView] | None = None


def _signature(docs_dir: Path, slugify: Callable[[str, str], str]) -> tuple:
    """What the view depends on: the folder, the slugify and every file's size and modification time."""
    files = [*sorted((docs_dir / TIMECODES_DIR).glob("*")), *sorted((docs_dir / TOPICS_DIR).glob("*.md"))]
    stats = []
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        stats.append((str(path), st.st_size, st.st_mtime_ns))
    return (str(docs_dir.resolve()), id(slugify), tuple(stats))


def load_docs(docs_dir: Path | str, slugify: Callable[[str, str], str] | None = None) -> DocsView:
    """The checked view of ``docs_dir`` (``slugify``: the build's ``toc`` slugify, Python-Markdown's by default).

    Raises
    ------
    TimecodeError
        Every problem of the course files and the metadata cache, each with its file and line.
    """
    global _last
    docs_dir, slugify = Path(docs_dir), slugify or default_slugify
    key = _signature(docs_dir, slugify)
    if _last is not None and _last[0] == key:
        return _last[1]
    topics = scan_topics(docs_dir, slugify)
    courses, cache = load_checked(docs_dir, topics)
    view = DocsView(docs_dir, courses, topics, cache, moments(courses))
    _last = (key, view)
    return view
