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
# A reader's order (auto-nav sorts folders by name, which would put the API first).
ORDER = ["Lectures", "Topics", "Notebooks", "Api"]


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
    """Order and rename the top-level sections; sort the topics section."""
    first = _first_mentions(config.docs_dir)

    def rank(item: object) -> int:
        folder = item.title if isinstance(item, Section) else None
        return ORDER.index(folder) + 1 if folder in ORDER else 0 if folder is None else len(ORDER) + 1

    nav.items.sort(key=rank)
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
        if folder == "Api":
            for child in item.children:
                if isinstance(child, Section):  # a subpackage: api/timecodes/ → lectureref.timecodes
                    child.title = f"lectureref.{child.title.lower()}"
    return nav
