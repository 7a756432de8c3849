"""Import timecode notes, as people write and paste them, into course YAML.

What is read:

* lecture headings — plain ``3. Нейронные сети`` (or ``Лекция 3. …``), or markdown
  ``## [3. Нейронные сети](https://www.youtube.com/watch?v=…)`` / ``## 3. …``;
  a markdown heading without a number (``## Ссылки``) ends the lectures;
* **no heading at all** — a video description or a comment: the whole list is one video, named
  on the command line (``--video URL``) or by an info JSON;
* timecode lines — a time ``M:SS``, ``MM:SS``, ``H:MM:SS`` or ``HH:MM:SS``, bare, in ``[]`` or
  ``()``, or a markdown link ``[21:12](https://…&t=21m12s)``; then a separator ``-``, ``–``,
  ``—``, ``:``, ``|`` (or ``.``, ``,``) or none; then the text. A list bullet (``-``, ``*``, ``•``) in front is
  dropped;
* everything else inside a lecture: an untimed note, except a line continuing the previous one
  (starting with ``.,:;)``) and, in a description, the prose and links around the list.

**A line that starts with something time-like never silently becomes a note**: it is a
timecode, or the import fails with ``file:line: message``. Every line the importer was unsure
about (skipped prose, a note in a description, a time further along a line) is reported in
`Imported.remarks`. YouTube URLs of every form are reduced to the video id by yt-dlp's own
pattern, imported only when a URL must be read. The YAML is written to a temporary file, then
renamed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml

from lectureref.timecodes.files import write_atomic
from lectureref.timecodes.schema import VIDEO_PLACEHOLDER
from lectureref.timecodes.timecode import format_time, parse_time

_CLOCK = r"\d{1,2}(?::\d{1,2}){1,2}"
_BULLET = r"(?:[-*•]\s*)?"
# Anything a reader would take for a time at the start of a line ("1:61", "[0:00", "(8:0)"):
# such a line must become a timecode or fail, never a note.
_TIME_LIKE = re.compile(rf"^{_BULLET}[\[(]?\s*\d+\s*:\s*\d")
_TIMECODE = re.compile(
    rf"^{_BULLET}(?:"
    rf"\[(?P<linked>{_CLOCK})\]\((?P<url>[^)\s]+)\)"  # [8:00](https://…&t=8m0s)
    rf"|\[(?P<bracketed>{_CLOCK})\]"  # [8:00]
    rf"|\((?P<parenthesised>{_CLOCK})\)"  # (8:00)
    rf"|(?P<bare>{_CLOCK})(?!\d|:\d)"  # 8:00
    r")(?P<rest>.*)$"
)
_SEPARATOR = re.compile(r"^\s*(?:[-–—:|.,]\s*)?")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?:\[(?P<linked>[^\]]+)\]\((?P<url>[^)\s]+)\)|(?P<bare>.+?))\s*#*\s*$")
_NUMBERED = re.compile(r"^(?:(?:Лекция|Lecture)\s+)?(\d+)[.:]\s+(\S.*)$", re.I)
_MARKER = re.compile(r"^(?:таймкоды|тайм-коды|таймстемпы|содержание|timestamps|timecodes|chapters|главы)\s*:?\s*$", re.I)
_URL_ONLY = re.compile(r"^<?https?://\S+>?$")
_TIME_INSIDE = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")
_CONTINUATION = ".,:;)"
_FRONT_TITLE = re.compile(r'^title\s*[=:]\s*"?(.*?)"?\s*$')


class ImportProblem(ValueError):
    """The notes cannot be imported; the message names the file and line."""


@dataclass
class _Lecture:
    number: int | None
    title: str
    line: int
    video: str | None = None
    playlist: str | None = None
    entries: list[dict[str, str]] = field(default_factory=list)
    implicit: bool = False  # no heading: a description or a comment about one video


@dataclass
class Imported:
    """The course dict (YAML schema) and what the importer wants the contributor to look at.

    ``remarks`` are ``"file:line: …"`` strings: lines skipped or kept as notes on a guess,
    and times found further along a line.
    """

    course: dict
    remarks: list[str]

    def summary(self) -> list[str]:
        """One line per lecture: its timecodes and untimed notes."""
        out = []
        for lec in self.course["lectures"]:
            timed = sum(1 for e in lec["entries"] if "t" in e)
            name = f"lecture {lec['number']}" if lec.get("number") is not None else f"video {lec['video']}"
            out.append(f"{name} ({lec['title']}): {timed} timecodes, {len(lec['entries']) - timed} notes")
        return out


def video_id(url: str) -> str:
    """The 11-character id of a YouTube URL of any form, by yt-dlp's own matching.

    ``YoutubeIE.suitable()`` refuses URLs with ``list=`` (it leaves them to the playlist
    extractor), so the pattern is matched through ``extract_id``, which does not.

    Raises
    ------
    ValueError
        If ``url`` is not a YouTube video URL.
    """
    from yt_dlp.extractor.youtube import YoutubeIE  # half a second to import: only when a URL is read

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
    from yt_dlp.utils import parse_duration

    seconds = parse_duration(values[0])
    return None if seconds is None else int(seconds)


def _untimed(text: str) -> str:
    return re.sub(r"^[-*•]\s+", "", text.strip())


class _Reader:
    """One pass over the lines of a notes file."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.title = ""
        self.lectures: list[_Lecture] = []
        self.current: _Lecture | None = None
        self.remarks: list[str] = []
        self.pending: list[tuple[int, str]] = []  # a description's untimed lines since its last timecode

    def fail(self, line: int, message: str) -> ImportProblem:
        return ImportProblem(f"{self.source}:{line}: {message}")

    def remark(self, line: int, message: str, text: str) -> None:
        self.remarks.append(f"{self.source}:{line}: {message}: {text[:70]!r}")

    def heading(self, n: int, label: str, url: str | None, markdown: bool) -> None:
        numbered = _NUMBERED.match(label)
        if not numbered:  # "## Ссылки": the lectures are over (a lone "# Title" before them names the course)
            if markdown and not self.lectures and not self.title:
                self.title = label.strip()
            self.end_description()
            self.current = None
            return
        self.end_description()
        self.current = _Lecture(int(numbered[1]), numbered[2].strip(), n)
        if url:
            self.current.video = self.video(url, n)
            self.current.playlist = playlist_id(url)
        self.lectures.append(self.current)

    def video(self, url: str, n: int) -> str:
        try:
            return video_id(url)
        except ValueError as err:
            raise self.fail(n, str(err)) from None

    def timecode(self, n: int, line: str, match: re.Match[str]) -> None:
        clock = match["linked"] or match["bracketed"] or match["parenthesised"] or match["bare"]
        rest = match["rest"]
        if match["bare"] and rest and not rest[0].isspace() and rest[0] not in "-–—:|.,":
            raise self.fail(n, f"a time {clock!r} glued to its text: put a space or ' - ' after it")
        try:
            seconds = parse_time(clock)
        except ValueError as err:
            raise self.fail(n, str(err)) from None
        text = _SEPARATOR.sub("", rest, count=1).strip()
        if self.current is None:
            if self.lectures:
                raise self.fail(n, f"timecode {clock} outside any lecture (after a heading without a number); "
                                   "give it a lecture heading like '3. Title'")
            self.current = _Lecture(None, "", n, implicit=True)  # a description: one video
            self.lectures.append(self.current)
        lecture = self.current
        if match["url"]:
            vid = self.video(match["url"], n)
            at = url_seconds(match["url"])
            if at is not None and at != seconds:
                raise self.fail(n, f"the link says t={format_time(at)} but the text says {clock}")
            if lecture.video is None:
                lecture.video = vid
            elif vid != lecture.video:
                which = f"lecture {lecture.number}" if lecture.number is not None else "this list"
                raise self.fail(n, f"link to video {vid}, but {which} is {lecture.video}")
            lecture.playlist = lecture.playlist or playlist_id(match["url"])
        if lecture.implicit:
            for k, note in self.pending:  # prose between two timecodes of a description: a note, on a guess
                self.remark(k, "kept as an untimed note (between timecodes)", note)
                lecture.entries.append({"text": _untimed(note)})
            self.pending.clear()
        if not text:
            self.remark(n, "timecode without text; the YAML needs one", line)
        if _TIME_INSIDE.search(text):
            self.remark(n, "another time further along the line; one timecode per line", line)
        lecture.entries.append({"t": format_time(seconds), "text": text or "TODO"})

    def untimed(self, n: int, line: str) -> None:
        lecture = self.current
        if _MARKER.match(line):  # "Таймкоды:", "Timestamps:": the list starts here
            return
        if lecture is None:
            if not self.lectures and not self.title:
                self.title = line  # the preamble's first line names the course
            elif _TIME_INSIDE.search(line):
                self.remark(n, "skipped (outside any lecture), though it holds a time", line)
            return
        if lecture.implicit:
            if _URL_ONLY.match(line):
                self.remark(n, "skipped a link", line)
            else:
                self.pending.append((n, line))
            return
        if line[0] in _CONTINUATION and lecture.entries:
            # copied from a web page, inline code breaks the line: "…lr_scheduler" / "). Применяется…"
            lecture.entries[-1]["text"] += line
            return
        if _TIME_INSIDE.search(line):
            self.remark(n, "kept as an untimed note, though it holds a time", line)
        lecture.entries.append({"text": _untimed(line)})

    def end_description(self) -> None:
        for k, note in self.pending:
            self.remark(k, "skipped (after the last timecode)", note)
        self.pending.clear()

    def read(self, text: str) -> None:
        lines = text.splitlines()
        if lines and lines[0].strip() in ("+++", "---"):  # front matter: only its title is used
            end = next((i for i in range(1, len(lines)) if lines[i].strip() == lines[0].strip()), 0)
            for line in lines[1:end]:
                if match := _FRONT_TITLE.match(line.strip()):
                    self.title = match[1]
            lines = [""] * (end + 1) + lines[end + 1 :]
        for n, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line or line.startswith(("![", "<!--")):
                continue
            if heading := _MD_HEADING.match(line):
                self.heading(n, heading["linked"] or heading["bare"], heading["url"], markdown=True)
            elif timed := _TIMECODE.match(line):
                self.timecode(n, line, timed)
            elif _TIME_LIKE.match(line):
                raise self.fail(n, f"this line starts like a time but is not one: {line[:40]!r} "
                                   "(expected M:SS, MM:SS, H:MM:SS or HH:MM:SS, bare or in [] or ())")
            elif (numbered := _NUMBERED.match(line)) and not (self.current and self.current.implicit):
                self.heading(n, numbered[0], None, markdown=False)
            else:
                self.untimed(n, line)
        self.end_description()


def parse(text: str, source: str = "<notes>") -> tuple[str, list[_Lecture], list[str]]:
    """Read notes in any of the forms above: (course title, lectures, remarks)."""
    reader = _Reader(source)
    reader.read(text)
    return reader.title, reader.lectures, reader.remarks


def read_info_json(path: Path | str) -> dict:
    """What ``yt-dlp --write-info-json --skip-download URL`` saved: ``id``, ``title``,
    ``duration`` (seconds) and ``chapters`` (``start_time``, ``title``), checked.

    Raises
    ------
    ImportProblem
        When the file is missing, not JSON, or lacks a video id; the message names the file.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ImportProblem(f"{path}: cannot read: {err.strerror or err}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        where = f":{err.lineno}" if isinstance(err, json.JSONDecodeError) else ""
        raise ImportProblem(f"{path}{where}: not a yt-dlp info JSON: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise ImportProblem(f"{path}: not a yt-dlp info JSON (no video 'id'); "
                            "make one with: yt-dlp --write-info-json --skip-download URL")
    chapters = data.get("chapters") or []
    if not isinstance(chapters, list) or not all(isinstance(c, dict) and "start_time" in c for c in chapters):
        raise ImportProblem(f"{path}: 'chapters' should be a list of objects with start_time and title")
    duration = data.get("duration")
    return {
        "id": data["id"],
        "title": str(data.get("title") or data["id"]),
        "duration": int(duration) if isinstance(duration, (int, float)) and not isinstance(duration, bool) else None,
        "chapters": [{"t": int(c["start_time"]), "text": " ".join(str(c.get("title") or "").split())} for c in chapters],
        "playlist": data.get("playlist_id") if isinstance(data.get("playlist_id"), str) else None,
    }


def to_course(text: str, videos: Mapping[int, str] | None = None, title: str | None = None,
              playlist: str | None = None, video: str | None = None, source: str = "<notes>",
              info: Mapping | None = None) -> Imported:
    """The course as a plain dict in the YAML schema (see `lectureref.timecodes.schema`).

    Parameters
    ----------
    text
        The notes; empty when the timecodes come from ``info`` alone.
    videos
        Lecture number → video id, for notes that carry none (plain notes).
    title, playlist
        Of the course, overriding what the notes say.
    video
        The id of the one video of notes without lecture headings (a description).
    source
        The file name used in messages.
    info
        `read_info_json` of the video: its id and title name a headingless list, and its
        chapters are the timecodes when ``text`` has none.

    Raises
    ------
    ImportProblem
        With ``source:line`` when a line cannot be read.
    """
    found_title, lectures, remarks = parse(text, source)
    if info is not None:
        video = video or info["id"]
        if not lectures:
            lectures = [_Lecture(None, info["title"], 0, implicit=True,
                                 entries=[{"t": format_time(c["t"]), "text": c["text"] or "TODO"} for c in info["chapters"]])]
    if not lectures:
        raise ImportProblem(f"{source}: no timecode found (expected lines like '8:00 - text', "
                            "under headings like '3. Title' or for one video named by --video)")
    videos = dict(videos or {})
    if len(lectures) == 1 and lectures[0].implicit:
        only = lectures[0]
        if len(videos) == 1 and video is None:  # --video 3=ID names the description's lecture too
            only.number, video = next(iter(videos.items()))
        only.video = video or only.video
        only.title = only.title or (info["title"] if info else None) or title or found_title or "Видео"
        if info is not None and only.video == info["id"]:
            only.title = info["title"]
    elif video is not None and len(lectures) == 1:  # one lecture heading: the one video is its
        lectures[0].video = video
    elif video is not None:
        raise ImportProblem(f"{source}: the notes have {len(lectures)} lectures: name each video with --video N=ID")
    for lec in lectures:  # ids given on the command line win over (or stand in for) the notes'
        if lec.number is not None:
            lec.video = videos.get(lec.number, lec.video)
    playlists = {lec.playlist for lec in lectures if lec.playlist}
    course_playlist = playlist or (playlists.pop() if len(playlists) == 1 else None)
    course: dict = {"title": title or found_title or (info["title"] if info else None) or "Новый курс"}
    if course_playlist:
        course["playlist"] = course_playlist
    course["lectures"] = []
    for lec in lectures:
        item: dict = {"number": lec.number} if lec.number is not None else {}
        item |= {"title": lec.title or course["title"], "video": lec.video or VIDEO_PLACEHOLDER}
        if lec.playlist and lec.playlist != course_playlist:
            item["playlist"] = lec.playlist
        item["entries"] = lec.entries
        course["lectures"].append(item)
    return Imported(course, remarks)


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


def import_file(source: Path | str | None, target: Path | str, info_json: Path | str | None = None,
                **options: object) -> Imported:
    """Import ``source`` notes (and/or a yt-dlp info JSON) and write the course YAML to ``target``.

    Raises
    ------
    ImportProblem
        With the file (and line) when the notes or the info JSON cannot be read.
    """
    text = ""
    if source is not None:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as err:
            raise ImportProblem(f"{source}: cannot read: {err.strerror or err}") from None
        except UnicodeDecodeError as err:
            raise ImportProblem(f"{source}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    info = read_info_json(info_json) if info_json is not None else None
    imported = to_course(text, source=str(source or info_json), info=info, **options)  # type: ignore[arg-type]
    write_atomic(target, dump_course(imported.course))
    return imported
