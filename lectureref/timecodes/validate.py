"""Every check the site build makes on a docs folder's timecodes, without building the site.

The course files against the schema and each other's rules (`lectureref.timecodes.loader`),
every ``topic:`` against the topic pages and their heading anchors, and every timecode against
its video's duration when ``metadata.json`` knows it. The mkdocs hooks and
``python -m lectureref.timecodes check`` all come here (through `lectureref.timecodes.view`),
so they report the same problems.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from lectureref.timecodes.errors import TimecodeError
from lectureref.timecodes.files import TIMECODES_DIR
from lectureref.timecodes.loader import load_courses
from lectureref.timecodes.metadata import CACHE_NAME, Info, check_durations, load_cache
from lectureref.timecodes.schema import Course
from lectureref.timecodes.topics import TopicPage, scan_topics


def load_checked(
    docs_dir: Path | str, topics: Mapping[str, TopicPage],
) -> tuple[list[Course], dict[str, Info]]:
    """The courses of ``docs_dir/timecodes`` checked against ``topics`` and the metadata cache, and that cache.

    Raises
    ------
    TimecodeError
        Every problem found, each with its file and line.
    """
    folder = Path(docs_dir) / TIMECODES_DIR
    courses = load_courses(folder, {name: page.anchors for name, page in topics.items()})
    cache = load_cache(folder / CACHE_NAME)
    problems = check_durations(courses, cache)
    if problems:
        raise TimecodeError(problems)
    return courses, cache


def validate_docs(
    docs_dir: Path | str, slugify: Callable[[str, str], str] | None = None, topics: Mapping[str, TopicPage] | None = None,
) -> list[Course]:
    """The checked courses of ``docs_dir`` (see `load_checked`).

    Heading ids are made with ``slugify``, the build's ``toc`` slugify (Python-Markdown's default
    when None); ``topics``, when the caller has scanned them already, as `scan_topics` gives them.

    Raises
    ------
    TimecodeError
        Every problem found, each with its file and line.
    """
    if topics is None:
        topics = scan_topics(docs_dir, slugify) if slugify is not None else scan_topics(docs_dir)
    return load_checked(docs_dir, topics)[0]
