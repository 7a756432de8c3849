"""Lecture timelines: an inline SVG bar per lecture, a tick per timecode, drawn at build time.

A tick is a link to its moment, coloured by the entry's topic, with the entry's text as hover
text (``<title>``). The bar is as long as the video when ``docs/timecodes/metadata.json`` knows
its duration, else it ends `MARGIN` seconds after the last timecode (the note under the bar says
which). Stretches longer than `GAP` seconds without a timecode are shaded, so a contributor sees
where a lecture is not indexed yet.

Pure functions of a course and the metadata cache; the text is inert (escaped like the rest of the
generated pages) and the SVG is well-formed XML. Nothing here contacts YouTube: ticks are links.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import NamedTuple

from lectureref.timecodes.render import entry_url, lecture_label, md_text
from lectureref.timecodes.schema import Course, Entry, Lecture
from lectureref.timecodes.timecode import format_time

GAP = 600  # seconds: a longer stretch without a timecode is shaded
MARGIN = 300  # seconds past the last timecode when the video's duration is unknown
WIDTH = 1000  # viewBox units across a bar
NO_TOPIC = "#9e9e9e"


class Span(NamedTuple):
    """How long a lecture's bar is, and whether that is the video's real duration."""

    seconds: int
    known: bool


def bar_span(lecture: Lecture, cache: Mapping[str, Mapping[str, object]]) -> Span | None:
    """The bar's length: the cached duration, else the last timecode plus `MARGIN`.

    None for a lecture with neither (no duration cached, no timed entry): nothing to draw.
    """
    times = [e.t for e in lecture.entries if e.t is not None]
    duration = (cache.get(lecture.video) or {}).get("duration")
    if duration is not None:
        return Span(max([int(duration), *times, 1]), True)
    return Span(max(times) + MARGIN, False) if times else None


def gaps(lecture: Lecture, span: Span) -> list[tuple[int, int]]:
    """Stretches longer than `GAP` without a timecode, as ``(start, end)`` seconds.

    The stretch after the last timecode counts only when the video's end is known.
    """
    points = sorted({0, *(e.t for e in lecture.entries if e.t is not None)})
    if span.known:
        points.append(span.seconds)
    return [(a, b) for a, b in zip(points, points[1:]) if b - a > GAP]


def topic_colours(course: Course) -> dict[str, str]:
    """A colour per topic page, in order of first mention in the course.

    Hues step by the golden angle, so topics mentioned one after the other never look alike
    and a topic keeps its colour on every lecture of the course.
    """
    pages = dict.fromkeys(e.page for lec in course.lectures for e in lec.entries if e.page is not None)
    return {page: f"hsl({i * 137.508 % 360:.0f}, 65%, 42%)" for i, page in enumerate(pages)}


def _x(seconds: float, scale: int) -> float:
    return round(seconds / scale * WIDTH, 2)


def _tick(course: Course, lecture: Lecture, entry: Entry, y: float, height: float, scale: int,
          colours: Mapping[str, str], titles: Mapping[str, str]) -> str:
    topic = f" · {titles.get(entry.page, entry.page)}" if entry.page else ""
    hover = md_text(f"{entry.clock} — {entry.text}{topic}")
    colour = colours.get(entry.page or "", NO_TOPIC)
    x = _x(entry.t or 0, scale)
    # A transparent strip wider than the visible tick: a 3-unit mark is hard to hit with a mouse.
    return (
        f'<a class="lr-timeline__tick" href="{html.escape(entry_url(course, lecture, entry))}" data-t="{entry.t}">'
        f"<title>{hover}</title>"
        f'<rect x="{x - 5:.2f}" y="{y - 4:.2f}" width="10" height="{height + 8:.2f}" fill="transparent"/>'
        f'<rect class="lr-timeline__mark" x="{x - 1.5:.2f}" y="{y - 3:.2f}" width="3" height="{height + 6:.2f}" fill="{colour}"/>'
        "</a>"
    )


def _bar(course: Course, lecture: Lecture, span: Span, y: float, height: float, scale: int,
         colours: Mapping[str, str], titles: Mapping[str, str]) -> list[str]:
    """One lecture's bar, its shaded gaps and its ticks, at height ``y``, ``scale`` seconds wide."""
    parts = [
        f'<rect class="lr-timeline__bar" x="0" y="{y}" width="{_x(span.seconds, scale)}" height="{height}" '
        f'rx="3" fill="#e8eaf6" data-video="{lecture.video}" data-length="{span.seconds}"/>'
    ]
    for start, end in gaps(lecture, span):
        hover = f"{format_time(start)}–{format_time(end)}: {(end - start) // 60} мин без таймкодов"
        parts.append(
            f'<rect class="lr-timeline__gap" x="{_x(start, scale)}" y="{y}" width="{_x(end - start, scale)}" '
            f'height="{height}" fill="#ffcdd2"><title>{hover}</title></rect>'
        )
    parts += [_tick(course, lecture, e, y, height, scale, colours, titles) for e in lecture.entries if e.t is not None]
    return parts


def _axis(scale: int, y: float) -> list[str]:
    """Time labels at the shortest round step that keeps them to ten or fewer."""
    step = next((s for s in (60, 120, 300, 600, 1200, 1800) if scale // s < 10), 3600 * (scale // 36000 + 1))
    labels = []
    for t in range(0, scale + 1, step):
        anchor = "start" if t == 0 else "end" if _x(t, scale) > WIDTH - 30 else "middle"
        labels.append(f'<text x="{_x(t, scale)}" y="{y}" font-size="14" text-anchor="{anchor}" fill="#757575">'
                      f"{format_time(t)}</text>")
    return labels


def _span_note(span: Span) -> str:
    if span.known:
        return f"Шкала — всё видео, {format_time(span.seconds)}."
    return (f"Длительность видео неизвестна: шкала кончается через {MARGIN // 60} мин "
            f"после последнего таймкода ({format_time(span.seconds - MARGIN)}).")


def lecture_timeline(course: Course, lecture: Lecture, cache: Mapping[str, Mapping[str, object]],
                     titles: Mapping[str, str], colours: Mapping[str, str] | None = None) -> str:
    """The HTML block of one lecture page: the bar, a note on its length and gaps, a legend.

    ``colours`` is `topic_colours` of the course: pass it when drawing every lecture of a
    large course, so it is worked out once. Returns "" when there is nothing to draw (see `bar_span`).
    """
    span = bar_span(lecture, cache)
    if span is None:
        return ""
    colours = topic_colours(course) if colours is None else colours
    label = md_text(f"{lecture_label(lecture)}: шкала таймкодов")
    svg = [f'<svg class="lr-timeline" xmlns="http://www.w3.org/2000/svg" viewBox="-8 -8 {WIDTH + 16} 70" '
           f'role="group" aria-label="{label}" data-length="{span.seconds}" data-known="{str(span.known).lower()}">',
           *_bar(course, lecture, span, 0, 28, span.seconds, colours, titles),
           *_axis(span.seconds, 52), "</svg>"]
    notes = [_span_note(span)]
    if gaps(lecture, span):
        notes.append(f"Красным отмечены отрезки длиннее {GAP // 60} минут без таймкодов.")
    pages = dict.fromkeys(e.page for e in lecture.entries if e.t is not None and e.page is not None)
    legend = "".join(
        f'<li><span class="lr-timeline__swatch" style="background:{colours[p]}"></span>{md_text(titles.get(p, p))}</li>'
        for p in pages
    )
    return (f'<div class="lr-timeline-block">{"".join(svg)}'
            f'<p class="lr-timeline__note">{" ".join(notes)}</p>'
            + (f'<ul class="lr-timeline__legend">{legend}</ul>' if legend else "") + "</div>")


def course_timeline(course: Course, cache: Mapping[str, Mapping[str, object]], titles: Mapping[str, str]) -> str:
    """The compact HTML block of the index: one bar per lecture of ``course``, on one time scale.

    Lectures with nothing to draw are left out; returns "" when none is left.
    """
    rows = [(lec, span) for lec in course.lectures if (span := bar_span(lec, cache)) is not None]
    if not rows:
        return ""
    colours = topic_colours(course)
    scale = max(span.seconds for _, span in rows)
    row, height, left = 22, 12, 70  # viewBox units: row pitch, bar height, room for the labels
    svg_height = row * len(rows) + 24
    label = md_text(f"{course.title}: шкала таймкодов всех лекций")
    parts = [f'<svg class="lr-timeline lr-timeline--compact" xmlns="http://www.w3.org/2000/svg" '
             f'viewBox="{-left} -6 {WIDTH + left + 8} {svg_height}" role="group" aria-label="{label}">']
    for i, (lecture, span) in enumerate(rows):
        short = f"Л{lecture.number}" if lecture.number is not None else f"{i + 1}"
        parts.append(f'<text x="-8" y="{i * row + height - 1}" font-size="14" text-anchor="end" fill="#616161">'
                     f"<title>{md_text(lecture_label(lecture))}</title>{md_text(short)}</text>")
        parts += _bar(course, lecture, span, i * row, height, scale, colours, titles)
    parts += [*_axis(scale, row * len(rows) + 8), "</svg>"]
    unknown = sum(not span.known for _, span in rows)
    note = ("Шкалы — всё видео." if not unknown else
            f"Длительность неизвестна у {unknown} из {len(rows)} видео: их шкалы кончаются через "
            f"{MARGIN // 60} мин после последнего таймкода.")
    if any(gaps(lec, span) for lec, span in rows):
        note += f" Красным отмечены отрезки длиннее {GAP // 60} минут без таймкодов."
    return (f'<div class="lr-timeline-block"><p class="lr-timeline__course">{md_text(course.title)}</p>'
            f'{"".join(parts)}<p class="lr-timeline__note">{note}</p></div>')
