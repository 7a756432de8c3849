"""Files the timecode tools write are never left half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place.

    A crash or an error mid-write leaves the old file (or none) and no temporary file behind.

    Raises
    ------
    FileNotFoundError
        When the folder of ``path`` does not exist (its ``filename`` is that folder).
    """
    path = Path(path)
    if not path.parent.is_dir():  # else mkstemp would name its temporary file in the error
        raise FileNotFoundError(2, "no such folder to write into", str(path.parent))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# docs/timecodes: the course files and the metadata cache (the one place the name is written)
TIMECODES_DIR = "timecodes"
