"""Timecode tooling: YAML lecture notes → YouTube deep links and index pages.

Imports no model code and no yt-dlp (only where a URL is parsed or metadata fetched), so the
site build and ``python -m lectureref.timecodes check`` stay fast.
"""

from lectureref.timecodes.loader import TimecodeError, load_course, load_courses, validate_docs
from lectureref.timecodes.schema import Course, Entry, Lecture
from lectureref.timecodes.timecode import deep_link, format_time, parse_time, t_param

__all__ = [
    "Course",
    "Entry",
    "Lecture",
    "TimecodeError",
    "deep_link",
    "format_time",
    "load_course",
    "load_courses",
    "parse_time",
    "t_param",
    "validate_docs",
]
