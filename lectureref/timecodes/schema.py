"""The YAML schema of a course: course → lectures → entries.

Example
-------
```yaml
title: Deep Learning на пальцах 2019
playlist: PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb
lectures:
  - number: 3
    title: Нейронные сети
    video: kWTC1NvL894
    entries:
      - t: "21:12"
        text: Градиентный спуск (gradient descent)
        topic: gradient_descent
      - text: Заметка без времени
```
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from lectureref.timecodes.timecode import format_time, parse_time

VIDEO_ID = r"^[A-Za-z0-9_-]{11}$"
VIDEO_PLACEHOLDER = "TODO-video-id"
PLAYLIST_ID = r"^(PL|UU|LL|FL|RD|OL)[A-Za-z0-9_-]{10,40}$"
# A topic page name (docs/topics/<name>.md) with an optional heading anchor.
TOPIC_REF = r"^[a-z0-9_]+(#[\w-]+)?$"
# A place in a course file: the keys and indices leading to a value.
Loc = tuple[str | int, ...]


def line_of(lines: Mapping[Loc, int], loc: Loc) -> int:
    """The line of ``loc`` in ``lines`` (place → line), or of its nearest parent that has one."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Entry(_Strict):
    """One moment of a video (``t`` in seconds), or an untimed note when ``t`` is None."""

    t: int | None = None
    text: str = Field(min_length=1)
    topic: str | None = Field(default=None, pattern=TOPIC_REF)

    @field_validator("t", mode="before")
    @classmethod
    def _parse_t(cls, value: object) -> int | None:
        if value is None or isinstance(value, int):
            return value
        return parse_time(str(value))

    @property
    def page(self) -> str | None:
        """The topic page name without the anchor."""
        return self.topic.partition("#")[0] if self.topic else None

    @property
    def anchor(self) -> str | None:
        """The heading anchor inside the topic page, if any."""
        return self.topic.partition("#")[2] or None if self.topic else None

    @property
    def clock(self) -> str | None:
        """``t`` written back as ``M:SS`` / ``H:MM:SS``."""
        return None if self.t is None else format_time(self.t)


class Lecture(_Strict):
    """One video: a numbered lecture of a playlist, or a loose video."""

    number: int | None = Field(default=None, ge=0)
    title: str = Field(min_length=1)
    video: str
    playlist: str | None = Field(default=None, pattern=PLAYLIST_ID)
    entries: list[Entry] = Field(default_factory=list)

    @field_validator("video")
    @classmethod
    def _check_video(cls, value: str) -> str:
        # The importer leaves VIDEO_PLACEHOLDER where plain-text notes carry no id.
        if value.startswith(VIDEO_PLACEHOLDER):
            raise ValueError("video id missing: replace the placeholder with the 11-character YouTube id")
        if not re.match(VIDEO_ID, value):
            raise ValueError(f"malformed value {value!r}: a YouTube video id is 11 characters of A-Z a-z 0-9 _ -")
        return value


class Course(_Strict):
    """A playlist (``playlist`` set) or a collection of loose videos."""

    title: str = Field(min_length=1)
    playlist: str | None = Field(default=None, pattern=PLAYLIST_ID)
    description: str | None = None
    lectures: list[Lecture] = Field(min_length=1)
    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[Loc, int] = PrivateAttr(default_factory=dict)

    @property
    def slug(self) -> str:
        """The YAML file's stem: the course's name in URLs."""
        return self._path.stem if self._path is not None else ""

    @property
    def path(self) -> Path | None:
        """The YAML file the course was loaded from."""
        return self._path

    def line(self, *loc: str | int) -> int:
        """The YAML line of ``loc`` (e.g. ``"lectures", 0, "entries", 2, "t"``), else of its nearest parent."""
        return line_of(self._lines, loc)

    def model_post_init(self, context: object) -> None:
        """Keep the file and the line of every value, when the loader passes them as the validation context."""
        if isinstance(context, dict):
            self._path = context.get("path")
            self._lines = context.get("lines") or {}

    def playlist_of(self, lecture: Lecture) -> str | None:
        """The playlist a lecture's deep links carry: its own, else the course's."""
        return lecture.playlist or self.playlist
