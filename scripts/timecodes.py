"""Timecode tools from a checkout: ``python scripts/timecodes.py {import,check,export,metadata} …``.

The same command as ``python -m lectureref.timecodes``; this wrapper only puts the repository
on ``sys.path`` so it runs without installing the package. See ``docs/timecodes/README.md``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lectureref.timecodes.__main__ import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
