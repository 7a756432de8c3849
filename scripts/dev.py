#!/usr/bin/env python3
"""The README's two commands: set up the environment if needed, then serve the site or test.

    python3 scripts/dev.py serve   # preview at http://127.0.0.1:8000, re-rendered on every edit
    python3 scripts/dev.py test    # the whole suite: unit tests, snippets, docs fences, site build

Set-up is idempotent: ``.venv`` is (re)installed only when ``pyproject.toml`` or
``constraints.txt`` changed since the last install. Only the standard library is used here,
so this runs on a bare Python ≥ 3.11.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".lectureref-installed"
INPUTS = ("pyproject.toml", "constraints.txt")
NO_BROWSER_ENV = "LECTUREREF_NO_BROWSER_INSTALL"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create ``.venv`` and install the project with its pins, unless already current."""
    if sys.version_info < (3, 11):
        sys.exit(f"lectureref needs Python ≥ 3.11, this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print("dev: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    fingerprint = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    print("dev: installing lectureref and its pinned dependencies into .venv", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    # A torch installed beforehand (say a CUDA build) is kept when it satisfies the pin's range.
    subprocess.run([*pip, "-c", "constraints.txt", "-e", ".[dev]"], cwd=ROOT, check=True)
    STAMP.write_text(fingerprint)


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests, where this user may use apt-get.

    Says so before installing; ``LECTUREREF_NO_BROWSER_INSTALL=1`` opts out. Without a browser
    the browser tests skip and say why. No browser is downloaded by a test tool.
    """
    if shutil.which("chromium"):
        return
    if os.environ.get(NO_BROWSER_ENV, "") not in ("", "0"):
        print(f"dev: Chromium is missing and {NO_BROWSER_ENV} is set: the browser tests will be skipped", flush=True)
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("dev: Chromium is missing and apt-get needs root here: the browser tests will be skipped", flush=True)
        return
    print(f"dev: Chromium is missing: installing Debian's chromium package with apt-get for the browser tests "
          f"(set {NO_BROWSER_ENV}=1 to skip them instead)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False, stdout=subprocess.DEVNULL)


def run(args: list[str]) -> int:
    """Run a tool from ``.venv/bin`` in the repo root and return its exit code."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"serve", "test", "build"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_env()
    if command == "serve":
        return run(["mkdocs", "serve", *rest])
    if command == "build":
        return run(["mkdocs", "build", "--strict", *rest])
    ensure_chromium()
    # One worker per core (snippets fix their own torch threads, so results do not depend on
    # the count); a file's tests stay together so a module's fixtures run once.
    return run(["pytest", "-n", "auto", "--dist", "loadfile", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
