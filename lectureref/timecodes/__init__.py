"""Timecode tooling: YAML lecture notes → YouTube deep links and index pages.

Imports no model code and no yt-dlp (only where a URL is parsed or metadata fetched), so the
site build and ``python -m lectureref.timecodes check`` stay fast.
"""

from lectureref.timecodes.errors import Problem, TimecodeError
from lectureref.timecodes.loader import load_course, load_courses
from lectureref.timecodes.schema import Course, Entry, Lecture
from lectureref.timecodes.timecode import deep_link, format_time, parse_time, t_param
from lectureref.timecodes.validate import validate_docs

__all__ = [
    "Course",
    "Entry",
    "Lecture",
    "Problem",
    "TimecodeError",
    "deep_link",
    "format_time",
    "load_course",
    "load_courses",
    "parse_time",
    "t_param",
    "validate_docs",
]
