"""Times as contributors write them ("1:04:36") and as YouTube reads them (t=1h04m36s)."""

from __future__ import annotations

from yt_dlp.utils import parse_duration

WATCH_URL = "https://www.youtube.com/watch"


def parse_time(text: str) -> int:
    """Parse ``"M:SS"`` or ``"H:MM:SS"`` into seconds.

    yt-dlp's ``parse_duration`` does the parsing; it also accepts ``"1:61"``,
    so minutes and seconds of 60 or more are rejected here.

    Raises
    ------
    ValueError
        If the text is not a clock time or a field is out of range.
    """
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad time {text!r}: expected M:SS or H:MM:SS")
    for name, part in zip(("minutes", "seconds"), parts[-2:]):
        if name == "seconds" and len(part) != 2:
            raise ValueError(f"bad time {text!r}: seconds need two digits")
        if int(part) >= 60:
            raise ValueError(f"bad time {text!r}: {name} must be below 60")
    if len(parts) == 3 and len(parts[1]) != 2:
        raise ValueError(f"bad time {text!r}: minutes need two digits after the hour")
    seconds = parse_duration(text)
    if seconds is None:  # pragma: no cover - the checks above make this unreachable
        raise ValueError(f"bad time {text!r}")
    return int(seconds)


def format_time(seconds: int) -> str:
    """Format seconds the way the course notes do: ``8:00``, ``1:04:36``."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def t_param(seconds: int) -> str:
    """YouTube's ``t=`` value in the course notes' form: ``8m00s``, ``1h04m36s``."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def deep_link(video: str, seconds: int | None = None, playlist: str | None = None) -> str:
    """A watch URL for ``video``, in ``playlist`` if given, starting at ``seconds``."""
    # No URL quoting: the schema admits only [A-Za-z0-9_-] in ids, and quoting 20 000 links
    # was most of the index's build time.
    url = f"{WATCH_URL}?v={video}" + (f"&list={playlist}" if playlist else "")
    return url if seconds is None else f"{url}&t={t_param(seconds)}"
