"""Export a course: YouTube chapters for a video description, WebVTT chapters for players
that read them, or the course notes' markdown.

Chapters follow YouTube's rules: the first at ``0:00``, ascending, at least three, each at
least 10 seconds long. Lecture notes rarely start at ``0:00``, so `chapters` puts
``0:00 Вступление`` (``INTRO``) in front when the first timecode is later; every rule it cannot
satisfy is returned as a warning (YouTube then shows no chapters), never silently fixed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lectureref.timecodes.schema import Course, Lecture
from lectureref.timecodes.timecode import deep_link, format_time

INTRO = "Вступление"
MIN_CHAPTERS = 3
MIN_CHAPTER_SECONDS = 10
LAST_CHAPTER_SECONDS = 600  # a WebVTT cue needs an end: the last chapter's, when the duration is unknown


@dataclass(frozen=True)
class Chapters:
    """The description text and the YouTube rules it breaks (empty when none)."""

    text: str
    warnings: tuple[str, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def chapters(lecture: Lecture, duration: int | None = None) -> Chapters:
    """YouTube chapter lines for one lecture's timed entries.

    Parameters
    ----------
    lecture
        Its timed entries become chapters, untimed notes are skipped.
    duration
        The video's length in seconds (from the metadata cache), to check the last chapter's
        length; unchecked when None.
    """
    timed = sorted((e.t, _one_line(e.text)) for e in lecture.entries if e.t is not None)
    if not timed or timed[0][0] != 0:
        timed.insert(0, (0, INTRO))
    warnings = []
    if len(timed) < MIN_CHAPTERS:
        warnings.append(f"{len(timed)} chapters: YouTube needs at least {MIN_CHAPTERS}")
    ends = [t for t, _ in timed[1:]] + ([duration] if duration is not None else [])
    for (start, title), end in zip(timed, ends):
        if end - start < MIN_CHAPTER_SECONDS:
            warnings.append(f"chapter {format_time(start)} {title!r} lasts {end - start} s: "
                            f"YouTube needs at least {MIN_CHAPTER_SECONDS} s")
    text = "\n".join(f"{format_time(t)} {title}" for t, title in timed) + "\n"
    return Chapters(text, tuple(warnings))


def course_chapters(course: Course, durations: Mapping[str, int] | None = None) -> list[tuple[Lecture, Chapters]]:
    """Chapters for every lecture of a course, in course order, each beside its lecture.

    Paired with the lecture rather than keyed by video id, so no lecture's chapters can be
    printed under another's title (the loader also refuses two lectures with one video).
    """
    durations = durations or {}
    return [(lec, chapters(lec, durations.get(lec.video))) for lec in course.lectures]


def _vtt_time(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000"


def webvtt_chapters(lecture: Lecture, duration: int | None = None) -> Chapters:
    """A WebVTT chapters track (``<track kind="chapters">``) of one lecture, via webvtt-py.

    Each chapter runs until the next one; the last until the video's end when ``duration``
    is known, else for `LAST_CHAPTER_SECONDS` (with a warning). The same chapters and
    warnings as `chapters`.

    Raises
    ------
    ImportError
        When webvtt-py is not installed (``pip install lectureref[vtt]``).
    """
    import webvtt  # only this export needs it: an optional dependency (the ``vtt`` extra)

    youtube = chapters(lecture, duration)
    timed = sorted((e.t, _one_line(e.text)) for e in lecture.entries if e.t is not None)
    if not timed or timed[0][0] != 0:
        timed.insert(0, (0, INTRO))
    warnings = list(youtube.warnings)
    last = timed[-1][0]
    if duration is None or duration <= last:
        end = last + LAST_CHAPTER_SECONDS
        warnings.append(f"video duration unknown: the last chapter ends at {format_time(end)} "
                        "(run `python -m lectureref.timecodes metadata` to know it)")
    else:
        end = duration
    track = webvtt.WebVTT()
    for (start, title), stop in zip(timed, [t for t, _ in timed[1:]] + [end]):
        track.captions.append(webvtt.Caption(_vtt_time(start), _vtt_time(stop), title))
    return Chapters(track.content, tuple(warnings))


def markdown(course: Course) -> str:
    """The course in the course notes' markdown form: a linked heading per lecture, then
    ``[M:SS](deep link) - text`` lines; untimed notes as plain paragraphs. ``t=`` always has
    the one form of `t_param` (``8m00s``, ``1h04m36s``)."""
    out = [f"# {course.title}", ""]
    if course.playlist:
        out += [f"[Плейлист](https://www.youtube.com/playlist?list={course.playlist})", ""]
    for lecture in course.lectures:
        playlist = course.playlist_of(lecture)
        label = f"{lecture.number}. {lecture.title}" if lecture.number is not None else lecture.title
        out += [f"## [{label}]({deep_link(lecture.video, None, playlist)})"]
        for entry in lecture.entries:
            if entry.t is None:
                out.append(_one_line(entry.text))
            else:
                out.append(f"[{entry.clock}]({deep_link(lecture.video, entry.t, playlist)}) - {_one_line(entry.text)}")
            out.append("")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
