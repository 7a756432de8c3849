"""Import timecode notes into course YAML.

Two input formats (see the seeds this project started from):

* plain text — a lecture heading ``3. Нейронные сети``, then lines ``21:12 - text``;
  plain text carries no video ids: pass them (``--video 3=kWTC1NvL894``), else each lecture
  gets the placeholder ``TODO-video-id``, which the loader reports with its line;
* markdown — ``## [3. Нейронные сети](https://www.youtube.com/watch?v=…)``, then lines
  ``[21:12](https://www.youtube.com/watch?v=…&t=21m12s) - text``.

Any other non-empty line inside a lecture becomes an untimed note. YouTube URLs of every form
(``watch?v=``, ``youtu.be/``, ``embed/``, ``shorts/``, with or without ``list=``/``t=``) are reduced
to the video id by yt-dlp's own pattern. The YAML is written to a temporary file and then renamed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml
from yt_dlp.extractor.youtube import YoutubeIE
from yt_dlp.utils import parse_duration

from lectureref.timecodes.files import write_atomic
from lectureref.timecodes.schema import VIDEO_PLACEHOLDER
from lectureref.timecodes.timecode import format_time, parse_time

_CLOCK = r"\d{1,2}(?::\d{2}){1,2}"
_PLAIN_TIME = re.compile(rf"^({_CLOCK})\s*[-–—]\s*(.*)$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?:\[(?P<linked>[^\]]+)\]\((?P<url>[^)\s]+)\)|(?P<bare>.+?))\s*$")
_MD_TIME = re.compile(rf"^\[({_CLOCK})\]\(([^)\s]+)\)\s*[-–—]?\s*(.*)$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(\S.*)$")
_CONTINUATION = ".,:;)"
_FRONT_TITLE = re.compile(r'^title\s*=\s*"(.*)"\s*$')


class ImportProblem(ValueError):
    """The notes cannot be imported; the message names the line."""


@dataclass
class _Lecture:
    number: int
    title: str
    line: int
    video: str | None = None
    playlist: str | None = None
    entries: list[dict[str, str]] = field(default_factory=list)


def video_id(url: str) -> str:
    """The 11-character id of a YouTube URL of any form, by yt-dlp's own matching.

    ``YoutubeIE.suitable()`` refuses URLs with ``list=`` (it leaves them to the playlist
    extractor), so the pattern is matched through ``extract_id``, which does not.

    Raises
    ------
    ValueError
        If ``url`` is not a YouTube video URL.
    """
    try:
        return YoutubeIE.extract_id(url)
    except Exception as err:  # yt-dlp raises its ExtractorError (or AssertionError on some forms)
        raise ValueError(f"not a YouTube video URL: {url!r}") from err


def playlist_id(url: str) -> str | None:
    """The ``list=`` parameter of a URL, if any."""
    return (parse_qs(urlparse(url).query).get("list") or [None])[0]


def url_seconds(url: str) -> int | None:
    """The instant of a URL's ``t=`` (``8m0s``, ``1h04m36s``, ``480``), or None."""
    values = parse_qs(urlparse(url).query).get("t")
    if not values:
        return None
    seconds = parse_duration(values[0])
    return None if seconds is None else int(seconds)


def _untimed(text: str) -> str:
    return re.sub(r"^[-*]\s+", "", text.strip())


def parse_plain(text: str) -> tuple[str, list[_Lecture]]:
    """Read the plain ``N. Title`` / ``M:SS - text`` format: (course title, lectures)."""
    title, lectures = "", []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if heading := _NUMBERED.match(line):
            lectures.append(_Lecture(int(heading[1]), heading[2].strip(), n))
        elif not lectures:
            title = title or line  # the preamble: its first line names the course
        elif timed := _PLAIN_TIME.match(line):
            lectures[-1].entries.append({"t": _clock(timed[1], n), "text": timed[2].strip()})
        elif line[0] in _CONTINUATION and lectures[-1].entries:
            # copied from a web page, inline code breaks the line: "…lr_scheduler" / ". Применяется…"
            lectures[-1].entries[-1]["text"] += line
        else:
            lectures[-1].entries.append({"text": _untimed(line)})
    return title, lectures


def parse_markdown(text: str) -> tuple[str, list[_Lecture]]:
    """Read the markdown format (``## [N. Title](url)``, ``[M:SS](url) - text``)."""
    title, lectures, current = "", [], None
    lines = text.splitlines()
    if lines and lines[0].strip() in ("+++", "---"):  # front matter: only its title is used
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == lines[0].strip()), 0)
        for line in lines[1:end]:
            if match := _FRONT_TITLE.match(line.strip()):
                title = match[1]
        lines = [""] * (end + 1) + lines[end + 1 :]
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith(("![", "<!--")):
            continue
        if heading := _MD_HEADING.match(line):
            label = heading["linked"] or heading["bare"]
            numbered = _NUMBERED.match(label)
            current = None
            if numbered:  # a heading without a number ("## Ссылки") ends the lectures
                current = _Lecture(int(numbered[1]), numbered[2].strip(), n)
                if heading["url"]:
                    current.video = video_id(heading["url"])
                    current.playlist = playlist_id(heading["url"])
                lectures.append(current)
            continue
        if current is None:
            continue
        if timed := _MD_TIME.match(line):
            clock, url, note = timed.groups()
            seconds, vid = parse_time(clock), _video(url, n)
            if (at := url_seconds(url)) is not None and at != seconds:
                raise ImportProblem(f"line {n}: the link says t={format_time(at)} but the text says {clock}")
            if current.video is None:
                current.video = vid
            elif vid != current.video:
                raise ImportProblem(f"line {n}: link to video {vid}, but lecture {current.number} is {current.video}")
            current.playlist = current.playlist or playlist_id(url)
            current.entries.append({"t": _clock(clock, n), "text": note.strip()})
        else:
            current.entries.append({"text": _untimed(line)})
    return title, lectures


def _clock(text: str, line: int) -> str:
    try:
        return format_time(parse_time(text))
    except ValueError as err:
        raise ImportProblem(f"line {line}: {err}") from None


def _video(url: str, line: int) -> str:
    try:
        return video_id(url)
    except ValueError as err:
        raise ImportProblem(f"line {line}: {err}") from None


def detect_format(text: str) -> str:
    """``"markdown"`` when any line is a ``[M:SS](url)`` link, else ``"plain"``."""
    return "markdown" if any(_MD_TIME.match(line.strip()) for line in text.splitlines()) else "plain"


def to_course(text: str, videos: Mapping[int, str] | None = None, title: str | None = None,
              playlist: str | None = None) -> dict:
    """The course as a plain dict in the YAML schema (see `lectureref.timecodes.schema`)."""
    if detect_format(text) == "markdown":
        found_title, lectures = parse_markdown(text)
    else:
        found_title, lectures = parse_plain(text)
    if not lectures:
        raise ImportProblem("no lecture heading found (expected '3. Title' or '## [3. Title](url)')")
    for lec in lectures:  # ids given on the command line win over (or stand in for) the notes'
        lec.video = (videos or {}).get(lec.number, lec.video)
    playlists = {lec.playlist for lec in lectures if lec.playlist}
    course_playlist = playlist or (playlists.pop() if len(playlists) == 1 else None)
    course: dict = {"title": title or found_title or "Новый курс"}
    if course_playlist:
        course["playlist"] = course_playlist
    course["lectures"] = []
    for lec in lectures:
        item: dict = {"number": lec.number, "title": lec.title, "video": lec.video or VIDEO_PLACEHOLDER}
        if lec.playlist and lec.playlist != course_playlist:
            item["playlist"] = lec.playlist
        item["entries"] = lec.entries
        course["lectures"].append(item)
    return course


class _Dumper(yaml.SafeDumper):
    """Block style, times always quoted (``8:00`` unquoted is a base-60 number in YAML 1.1)."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if re.fullmatch(_CLOCK, value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_course(course: Mapping) -> str:
    """YAML text of a course dict, in the key order of the schema."""
    header = "# Imported by `python -m lectureref.timecodes import`; add `topic:` to each entry.\n"
    return header + yaml.dump(dict(course), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def import_file(source: Path | str, target: Path | str, **options: object) -> dict:
    """Import ``source`` notes and write the course YAML to ``target``; return the course dict."""
    course = to_course(Path(source).read_text(encoding="utf-8"), **options)  # type: ignore[arg-type]
    write_atomic(target, dump_course(course))
    return course
