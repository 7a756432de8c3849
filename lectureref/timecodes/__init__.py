"""Timecode tooling: YAML lecture notes → YouTube deep links and index pages.

Imports no model code, so the site build stays fast.
"""

from lectureref.timecodes.loader import TimecodeError, load_course, load_courses
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
]
