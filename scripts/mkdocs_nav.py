"""MkDocs hook: Russian section names, and topics in the order the course reaches them.

Navigation stays automatic (every page under docs/ appears, generated ones too); this hook
only renames the folder-named sections and sorts the topic pages by the first lecture and
second of video that points to them. Topics no timecode points to come last, by title.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from lectureref.timecodes.loader import TimecodeError, load_courses

TITLES = {"Lectures": "Лекции", "Topics": "Темы", "Notebooks": "Ноутбуки с графиками", "Api": "API"}


def _first_mentions(docs_dir: str) -> dict[str, tuple[int, ...]]:
    """Each topic's earliest (course, lecture, entry) position in the timecodes."""
    try:
        courses = load_courses(Path(docs_dir) / "timecodes")
    except TimecodeError:
        return {}  # the timecodes hook reports the error with file and line
    first: dict[str, tuple[int, ...]] = {}
    for c, course in enumerate(courses):
        for li, lecture in enumerate(course.lectures):
            for ei, entry in enumerate(lecture.entries):
                if entry.page is not None:
                    first.setdefault(entry.page, (c, li, ei))
    return first


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Rename the top-level sections; sort the topics section."""
    first = _first_mentions(config.docs_dir)
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        folder = item.title
        item.title = TITLES.get(folder, folder)
        if folder == "Topics":
            def key(page: object) -> tuple:
                name = Path(page.file.src_uri).stem  # type: ignore[attr-defined]
                return (name not in first, first.get(name, ()), str(page.title or name))

            item.children.sort(key=key)
    return nav
