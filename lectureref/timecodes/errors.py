"""What goes wrong in a course file or the metadata cache: `Problem` (file, line, message) and
`TimecodeError`, which carries every problem found. Imports nothing of the package, so every
layer of it can raise them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file; ``line`` is None when the whole file is at fault (missing, unreadable)."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line is not None else f"{self.path}: {self.message}"


class TimecodeError(ValueError):
    """A course file is invalid; ``problems`` holds every error found, each with its line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))
