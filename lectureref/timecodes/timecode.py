"""Times as contributors write them ("1:04:36") and as YouTube reads them (t=1h04m36s)."""

from __future__ import annotations

# No yt-dlp here: this module is imported by the loader and the site build, and importing
# yt-dlp costs half a second. Its parse_duration also accepts "1:61", so the fields are
# checked here anyway; what is left is arithmetic.

WATCH_URL = "https://www.youtube.com/watch"


def parse_time(text: str) -> int:
    """Parse ``"M:SS"``, ``"MM:SS"``, ``"H:MM:SS"`` or ``"HH:MM:SS"`` into seconds.

    Minutes and seconds of 60 or more are rejected (``"1:61"``), and so are one-digit
    seconds (``"8:0"``) and one-digit minutes after an hour (``"1:4:36"``).

    Raises
    ------
    ValueError
        If the text is not a clock time or a field is out of range.
    """
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValueError(f"bad time {text!r}: expected M:SS or H:MM:SS")
    for name, part in zip(("minutes", "seconds"), parts[-2:]):
        if name == "seconds" and len(part) != 2:
            raise ValueError(f"bad time {text!r}: seconds need two digits")
        if int(part) >= 60:
            raise ValueError(f"bad time {text!r}: {name} must be below 60")
    if len(parts) == 3 and len(parts[1]) != 2:
        raise ValueError(f"bad time {text!r}: minutes need two digits after the hour")
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds


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
