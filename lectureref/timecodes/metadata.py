"""Video titles and durations from yt-dlp, cached in ``docs/timecodes/metadata.json``.

``python -m lectureref.timecodes metadata`` asks yt-dlp for every video of every course and
stores what it learns. Without a network yt-dlp raises ``DownloadError``: the command then
prints one warning and keeps the cache as it is. The site build never goes online: it reads
the cache and flags every timecode past the end of its video (`check_durations`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from lectureref.timecodes.files import write_atomic
from lectureref.timecodes.errors import Problem, TimecodeError
from lectureref.timecodes.schema import Course
from lectureref.timecodes.timecode import deep_link, format_time

CACHE_NAME = "metadata.json"
Info = dict[str, object]


class _Silent:
    """A yt-dlp logger that drops everything: the caller reports failures once, in its own words."""

    def debug(self, msg: str) -> None: ...
    def info(self, msg: str) -> None: ...
    def warning(self, msg: str) -> None: ...
    def error(self, msg: str) -> None: ...


def fetch(url: str, timeout: float = 10.0) -> Info:
    """Title and duration (whole seconds) of the video at ``url``, from yt-dlp.

    Raises
    ------
    yt_dlp.utils.DownloadError
        When yt-dlp cannot get the page (offline, removed video, unsupported URL).
    """
    import yt_dlp  # imported here: the site build only reads the cache

    options = {"skip_download": True, "quiet": True, "no_warnings": True, "logger": _Silent(),
               "socket_timeout": timeout, "extractor_retries": 0, "retries": 0}
    with yt_dlp.YoutubeDL(options) as ydl:
        info = ydl.extract_info(url, download=False)
    duration = info.get("duration")
    return {"title": info.get("title"), "duration": None if duration is None else int(duration)}


def _line_of_key(text: str, key: str) -> int | None:
    """The first line of ``text`` holding the JSON key ``key``."""
    needle = json.dumps(key, ensure_ascii=False) + ":"
    return next((n for n, line in enumerate(text.splitlines(), 1) if needle in line.replace('": ', '":')), None)


def load_cache(path: Path | str) -> dict[str, Info]:
    """The cached metadata by video id; empty when the file does not exist.

    Raises
    ------
    TimecodeError
        When the file cannot be read, is not JSON, or is not an object of video id →
        ``{"title": …, "duration": seconds}``; the message names the file (and line).
    """
    path = Path(path)
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TimecodeError([Problem(path, None, f"cannot read the metadata cache: {getattr(err, 'strerror', None) or err}")]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise TimecodeError([Problem(path, err.lineno, f"not valid JSON: {err.msg} (column {err.colno}); "
                                     f"fix it, or delete it and run `python -m lectureref.timecodes metadata`")]) from None
    if not isinstance(data, dict):
        raise TimecodeError([Problem(path, 1, f"expected a JSON object of video id → metadata, got {type(data).__name__}")])
    problems = []
    for video, info in data.items():
        if not isinstance(info, dict):
            problems.append(Problem(path, _line_of_key(text, video),
                                    f"video {video}: expected an object with title and duration, got {json.dumps(info)[:40]}"))
        elif info.get("duration") is not None and (isinstance(info["duration"], bool)
                                                    or not isinstance(info["duration"], (int, float))):
            problems.append(Problem(path, _line_of_key(text, video),
                                    f"video {video}: duration must be a number of seconds, got {json.dumps(info['duration'])}"))
    if problems:
        raise TimecodeError(problems)
    return data


def save_cache(path: Path | str, cache: Mapping[str, Info]) -> None:
    """Write the cache to a temporary file beside ``path``, then rename it: never half-written."""
    path = Path(path)
    text = json.dumps(dict(sorted(cache.items())), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text)


def refresh(
    cache_path: Path | str,
    urls: Mapping[str, str],
    fetcher: Callable[[str], Info] = fetch,
    warn: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
) -> dict[str, Info]:
    """Fetch each video (id → URL) and update the cache file; return the cache.

    On the first ``DownloadError`` it warns once and stops asking: offline, every other
    request would fail the same way. Whatever was fetched before that is still saved.
    """
    from yt_dlp.utils import DownloadError

    cache = load_cache(cache_path)
    fetched = 0
    for video, url in urls.items():
        try:
            cache[video] = fetcher(url)
        except DownloadError as err:
            known = sum(1 for v in urls if v in cache)
            reason = str(err).splitlines()[0].removeprefix("ERROR: ")
            warn(
                f"warning: yt-dlp could not fetch {url} ({reason}); offline? "
                f"Using the cached metadata in {cache_path} ({known} of {len(urls)} videos known)."
            )
            break
        fetched += 1
    if fetched:
        save_cache(cache_path, cache)
    return cache


def durations(cache: Mapping[str, Info]) -> dict[str, int]:
    """Video id → duration in whole seconds, for the videos whose duration the cache knows."""
    return {video: int(info["duration"]) for video, info in cache.items() if info.get("duration") is not None}


def course_urls(courses: Iterable[Course]) -> dict[str, str]:
    """Every distinct video of the courses, id → watch URL."""
    return {lec.video: deep_link(lec.video) for course in courses for lec in course.lectures}


def check_durations(courses: Iterable[Course], cache: Mapping[str, Info]) -> list[Problem]:
    """A problem, with file and line, for each timecode at or past its video's end.

    Videos the cache does not know (or knows no duration of) are not checked.
    """
    problems = []
    for course in courses:
        for li, lecture in enumerate(course.lectures):
            duration = (cache.get(lecture.video) or {}).get("duration")
            if duration is None:
                continue
            for ei, entry in enumerate(lecture.entries):
                if entry.t is not None and entry.t >= int(duration):
                    line = course.line("lectures", li, "entries", ei, "t")
                    problems.append(Problem(
                        course.path or Path("<course>"), line,
                        f"time {entry.clock} is past the end of video {lecture.video} "
                        f"({format_time(int(duration))} long, per {CACHE_NAME})",
                    ))
    return problems
