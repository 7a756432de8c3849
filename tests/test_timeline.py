"""Lecture timelines (`lectureref.timecodes.timeline`): positions, lengths, gaps, colours, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from lectureref.timecodes import deep_link, load_courses
from lectureref.timecodes.metadata import load_cache
from lectureref.timecodes.render import index_page, lecture_page_text
from lectureref.timecodes.schema import Course, Entry, Lecture
from lectureref.timecodes.timeline import (
    GAP,
    MARGIN,
    NO_TOPIC,
    Span,
    bar_span,
    course_timeline,
    gaps,
    lecture_timeline,
    topic_colours,
)
from lectureref.timecodes.timecode import format_time
from tests.conftest import DOCS

SVG = "{http://www.w3.org/2000/svg}"
PLAYLIST = "PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb"


def lecture(video: str, *moments: tuple[int | None, str, str | None], number: int = 1) -> Lecture:
    entries = [Entry(t=t, text=text, topic=topic) for t, text, topic in moments]
    return Lecture(number=number, title=f"L{number}", video=video, entries=entries)


FIRST = lecture("kWTC1NvL894", (300, "a", "knn"), (1200, "b", "mlp"), (1500, "c <b>&amp;</b> _x_ $y$", "knn"),
                (None, "untimed", "gan"), (1700, "no topic", None))
SECOND = lecture("1BUuB28FDOc", (60, "d", "mlp"), (900, "e", "gan"), number=2)
EMPTY = lecture("_q46x0tq2FQ", (None, "only a note", "knn"), number=3)
COURSE = Course(title="T", playlist=PLAYLIST, lectures=[FIRST, SECOND, EMPTY])
TITLES = {"knn": "k соседей", "mlp": "MLP"}


def parse(block: str) -> ET.Element:
    """The block is well-formed XML: the SVG and the HTML around it."""
    return ET.fromstring(block)


def ticks(svg: ET.Element, video: str | None = None) -> list[ET.Element]:
    return [a for a in svg.iter(f"{SVG}a") if video is None or f"v={video}&" in a.get("href")]


def bar(svg: ET.Element, video: str) -> ET.Element:
    return next(r for r in svg.iter(f"{SVG}rect") if r.get("data-video") == video)


def centre(tick: ET.Element) -> float:
    mark = next(r for r in tick.iter(f"{SVG}rect") if r.get("class") == "lr-timeline__mark")
    return float(mark.get("x")) + float(mark.get("width")) / 2


def test_span_is_the_cached_duration_else_last_timecode_plus_margin() -> None:
    assert bar_span(FIRST, {FIRST.video: {"duration": 3600}}) == Span(3600, True)
    assert bar_span(FIRST, {}) == Span(1700 + MARGIN, False)
    assert bar_span(FIRST, {FIRST.video: {"title": "x", "duration": None}}) == Span(1700 + MARGIN, False)
    assert bar_span(EMPTY, {}) is None
    assert bar_span(EMPTY, {EMPTY.video: {"duration": 1000}}) == Span(1000, True)


def test_gaps_longer_than_ten_minutes() -> None:
    assert gaps(FIRST, Span(4000, True)) == [(300, 1200), (1700, 4000)]
    assert gaps(FIRST, Span(1700 + MARGIN, False)) == [(300, 1200)]  # the end is not known
    exactly = lecture("kWTC1NvL894", (GAP, "a", None), (2 * GAP, "b", None), (3 * GAP + 1, "c", None))
    assert gaps(exactly, Span(3 * GAP + 1, True)) == [(2 * GAP, 3 * GAP + 1)]
    late = lecture("kWTC1NvL894", (GAP + 60, "first at 11:00", None))
    assert gaps(late, Span(GAP + 60 + MARGIN, False)) == [(0, GAP + 60)]  # the start counts


@pytest.mark.parametrize("cache", [{}, {FIRST.video: {"duration": 4000}}])
def test_ticks_sit_at_their_second_and_link_to_their_moment(cache: dict) -> None:
    block = parse(lecture_timeline(COURSE, FIRST, cache, TITLES))
    svg = block.find(f"{SVG}svg")
    span = bar_span(FIRST, cache)
    rect = bar(svg, FIRST.video)
    assert int(rect.get("data-length")) == span.seconds
    timed = [e for e in FIRST.entries if e.t is not None]
    found = ticks(svg)
    assert len(found) == len(timed)
    for tick, entry in zip(found, timed):
        assert tick.get("href") == deep_link(FIRST.video, entry.t, PLAYLIST)
        assert (centre(tick) - float(rect.get("x"))) / float(rect.get("width")) == pytest.approx(entry.t / span.seconds, abs=1e-4)
        assert tick.find(f"{SVG}title").text.startswith(f"{format_time(entry.t)} — ")
    shaded = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "lr-timeline__gap"]
    assert len(shaded) == len(gaps(FIRST, span))
    note = block.find("p").text
    assert ("всё видео" in note) == span.known and ("неизвестна" in note) == (not span.known)


def test_text_stays_text() -> None:
    text = lecture_timeline(COURSE, FIRST, {}, TITLES)
    assert "<b>" not in text and "_x_" not in text and "$y$" not in text
    hover = [t.find(f"{SVG}title").text for t in ticks(parse(text).find(f"{SVG}svg"))]
    assert "c <b>&amp;</b> _x_ $y$ · k соседей" in hover[2]  # shown as written, never interpreted


def test_colours_follow_topics() -> None:
    colours = topic_colours(COURSE)
    assert list(colours) == ["knn", "mlp", "gan"]  # order of first mention, untimed entries too
    assert len(set(colours.values())) == len(colours)
    fills = {}
    for video in (FIRST.video, SECOND.video):
        lec = next(lec for lec in COURSE.lectures if lec.video == video)
        for tick, entry in zip(ticks(parse(lecture_timeline(COURSE, lec, {}, TITLES)).find(f"{SVG}svg")),
                               [e for e in lec.entries if e.t is not None]):
            mark = next(r for r in tick.iter(f"{SVG}rect") if r.get("class") == "lr-timeline__mark")
            fills.setdefault(entry.page, set()).add(mark.get("fill"))
    assert fills == {"knn": {colours["knn"]}, "mlp": {colours["mlp"]}, "gan": {colours["gan"]}, None: {NO_TOPIC}}


def test_nothing_to_draw() -> None:
    assert lecture_timeline(COURSE, EMPTY, {}, TITLES) == ""
    assert course_timeline(Course(title="T", lectures=[EMPTY]), {}, TITLES) == ""


def test_course_timeline_shares_one_time_scale() -> None:
    cache = {SECOND.video: {"duration": 5000}}
    svg = parse(course_timeline(COURSE, cache, TITLES)).find(f"{SVG}svg")
    spans = {lec.video: bar_span(lec, cache) for lec in (FIRST, SECOND)}
    widths = {video: float(bar(svg, video).get("width")) for video in spans}
    assert widths[FIRST.video] / widths[SECOND.video] == pytest.approx(spans[FIRST.video].seconds / 5000, abs=1e-4)
    assert len(ticks(svg, FIRST.video)) == 4 and len(ticks(svg)) == 6  # the untimed note has no tick
    assert not any(r.get("data-video") == EMPTY.video for r in svg.iter(f"{SVG}rect"))


def test_real_course_pages_carry_their_timelines() -> None:
    courses = load_courses(DOCS / "timecodes")
    cache = load_cache(DOCS / "timecodes" / "metadata.json")
    for course in courses:
        for lec in course.lectures:
            block = lecture_timeline(course, lec, cache, {})
            timed = [e for e in lec.entries if e.t is not None]
            if not timed:
                continue
            assert len(ticks(parse(block).find(f"{SVG}svg"))) == len(timed), lec.title
            page = lecture_page_text(course, lec, {}, block)
            assert "## Шкала лекции {#timeline}" in page and block in page
    blocks = [course_timeline(c, cache, {}) for c in courses]
    total = sum(e.t is not None for c in courses for lec in c.lectures for e in lec.entries)
    assert sum(len(ticks(parse(b).find(f"{SVG}svg"))) for b in blocks if b) == total
    assert "## Шкала лекций {#timeline}" in index_page(courses, {}, "\n\n".join(blocks))
    assert "{#timeline}" not in index_page(courses, {})


@pytest.mark.parametrize("seconds", [90, 1000, 5280, 4 * 3600, 30 * 3600])
def test_axis_labels_never_crowd(seconds: int) -> None:
    long = lecture("kWTC1NvL894", (seconds - 1, "end", None))
    svg = parse(lecture_timeline(COURSE, long, {long.video: {"duration": seconds}}, {})).find(f"{SVG}svg")
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert 2 <= len(labels) <= 11 and labels[0] == "0:00"
