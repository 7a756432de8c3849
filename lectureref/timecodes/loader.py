"""Load course YAML files into `Course`, with ``file:line`` on every error.

Checking a whole docs folder (topic pages, the metadata cache) is `lectureref.timecodes.validate`'s
job; the errors are `lectureref.timecodes.errors`'.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import yaml
from pydantic import ValidationError

from lectureref.timecodes.errors import Problem, TimecodeError
from lectureref.timecodes.schema import Course, Loc, line_of

__all__ = ["Problem", "TimecodeError", "load_course", "load_courses", "where"]
# libyaml when present (10× faster on large files), with the same line marks.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while building a course: the YAML nodes and models form no
    cycles, and its passes over the growing heap took half the time of a 10 000-entry file."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compose(path: Path, text: str) -> tuple[object, dict[Loc, int]]:
    """Parse YAML keeping every scalar a string, and the line of every value.

    BaseLoader keeps ``1:04:36`` a string: the default loader would read it
    as a base-60 integer (YAML 1.1), and ``8:00`` too.
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise TimecodeError([Problem(path, line, f"YAML syntax: {err.problem}")]) from None
    lines: dict[Loc, int] = {}
    problems: list[Problem] = []

    def build(node: yaml.Node | None, loc: Loc) -> object:
        if node is None:
            return None
        lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[str, object] = {}
            for key_node, value_node in node.value:
                key = key_node.value
                if key in out:
                    problems.append(Problem(path, key_node.start_mark.line + 1, f"duplicate key {key!r}"))
                out[key] = build(value_node, (*loc, key))
                # an unknown key is reported at the key's own line
                lines[(*loc, key)] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return node.value

    data = build(root, ())
    if problems:
        raise TimecodeError(problems)
    return data, lines


_COUNTED = {"lectures": "lecture", "entries": "entry"}


def where(loc: Loc) -> str:
    """A place in a course as a person counts it: ``("lectures", 2, "entries", 16, "t")`` →
    ``"lecture 3, entry 17, t"`` (positions in the file, from 1)."""
    parts: list[str] = []
    i = 0
    while i < len(loc):
        key = loc[i]
        if key in _COUNTED and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            parts.append(f"{_COUNTED[key]} {loc[i + 1] + 1}")
            i += 2
        else:
            parts.append(str(key))
            i += 1
    return ", ".join(parts)


def _describe(error: Mapping) -> str:
    loc = tuple(error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown key {loc[-1]!r} (in {where(loc[:-1]) or 'the course'})"
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "string_pattern_mismatch":
        message = f"malformed value {error['input']!r}: {message}"
    return f"{where(loc)}: {message}" if loc else message


def _check_order(course: Course, lines: Mapping[Loc, int] | None = None) -> list[tuple[Loc, str]]:
    """Times within one lecture must be unique and ascending; each lecture gets its own page,
    so lecture numbers (and the video ids of unnumbered videos) must be unique too; and a video
    is one lecture's (chapters, pages and metadata are keyed by video id)."""
    found: list[tuple[Loc, str]] = []
    pages: set[str] = set()
    videos: dict[str, int] = {}
    for li, lecture in enumerate(course.lectures):
        key, field = (str(lecture.number), "number") if lecture.number is not None else (lecture.video, "video")
        if key in pages:
            found.append((("lectures", li, field), f"a second lecture with {field} {key}: each needs its own page"))
        elif lecture.video in videos:
            first = videos[lecture.video]
            at = f" (line {line_of(lines, ('lectures', first, 'video'))})" if lines else ""
            found.append((("lectures", li, "video"), f"video {lecture.video} is already lecture {first + 1}'s{at}: "
                          "two lectures cannot share one video"))
        pages.add(key)
        videos.setdefault(lecture.video, li)
        last = -1
        for ei, entry in enumerate(lecture.entries):
            if entry.t is None:
                continue
            loc: Loc = ("lectures", li, "entries", ei, "t")
            if entry.t == last:
                found.append((loc, f"duplicate time {entry.clock} in lecture {lecture.title!r}"))
            elif entry.t < last:
                found.append((loc, f"time {entry.clock} is out of order in lecture {lecture.title!r}"))
            last = max(last, entry.t)
    return found


def _check_topics(course: Course, topics: Mapping[str, Iterable[str]]) -> list[tuple[Loc, str]]:
    """Every ``topic:`` names an existing page (and heading anchor, if given)."""
    found: list[tuple[Loc, str]] = []
    for li, lecture in enumerate(course.lectures):
        for ei, entry in enumerate(lecture.entries):
            if entry.page is None:
                continue
            loc: Loc = ("lectures", li, "entries", ei, "topic")
            if entry.page not in topics:
                near = difflib.get_close_matches(entry.page, list(topics), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                found.append((loc, f"unknown topic {entry.page!r}: no docs/topics/{entry.page}.md{hint}"))
            elif entry.anchor and entry.anchor not in set(topics[entry.page]):
                found.append((loc, f"unknown anchor #{entry.anchor} on topic page {entry.page!r}"))
    return found


def load_course(path: Path | str, topics: Mapping[str, Iterable[str]] | None = None) -> Course:
    """Load and validate one course file.

    Parameters
    ----------
    path
        The YAML file; its stem becomes `Course.slug`.
    topics
        Known topic pages mapped to their heading anchors. When given, every
        entry's ``topic`` is checked against it.

    Raises
    ------
    TimecodeError
        With the file, line and a message for each problem found.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TimecodeError([Problem(path, None, f"cannot read: {getattr(err, 'strerror', None) or err}")]) from None
    try:
        with _no_gc():
            data, lines = _compose(path, text)
            if data is not None and not isinstance(data, dict):
                kind = "list" if isinstance(data, list) else "single value"
                raise TimecodeError([Problem(path, lines.get((), 1), f"the file is a {kind}: a course is a mapping "
                                             "with `title` and `lectures` (see docs/timecodes/README.md)")])
            # the course keeps its file and line marks (model_post_init): nothing writes them later
            course = Course.model_validate(data if data is not None else {}, context={"path": path, "lines": lines})
    except ValidationError as err:
        raise TimecodeError(
            [Problem(path, line_of(lines, e["loc"]), _describe(e)) for e in err.errors()]
        ) from None
    later = _check_order(course, lines) + (_check_topics(course, topics) if topics is not None else [])
    if later:
        raise TimecodeError([Problem(path, line_of(lines, loc), msg) for loc, msg in later])
    return course


def load_courses(folder: Path | str, topics: Mapping[str, Iterable[str]] | None = None) -> list[Course]:
    """Load every ``*.yml`` course in ``folder``, sorted by file name; all errors at once."""
    courses, problems = [], []
    for path in sorted(Path(folder).glob("*.yml")):
        try:
            courses.append(load_course(path, topics))
        except TimecodeError as err:
            problems.extend(err.problems)
    if problems:
        raise TimecodeError(problems)
    return courses
