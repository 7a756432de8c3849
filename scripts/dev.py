#!/usr/bin/env python3
"""The README's two commands: set up the environment if needed, then serve the site or test.

    python3 scripts/dev.py serve   # preview at http://127.0.0.1:8000, re-rendered on every edit
    python3 scripts/dev.py test    # the whole suite: unit tests, snippets, docs fences, site build
    python3 scripts/dev.py build   # mkdocs build --strict into site/
    python3 scripts/dev.py lock    # re-resolve the dependencies and rewrite requirements-lock.txt

Set-up is idempotent: ``.venv`` is (re)installed only when ``pyproject.toml``,
``constraints.txt`` or ``requirements-lock.txt`` changed since the last install. It installs
with both files as constraints: ``constraints.txt`` pins torch (the CPU-capable build) and
``requirements-lock.txt`` every other package of the docs and test stack at the version last
locked, so a set-up today installs what CI tested. After a change of dependencies in
``pyproject.toml``, ``lock`` installs without the lock (pip resolves anew, changing only what
it must) and writes the resolved closure of ``lectureref[dev]`` back. Only the standard
library is used here, so this runs on a bare Python ≥ 3.11.
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
LOCK = ROOT / "requirements-lock.txt"
INPUTS = ("pyproject.toml", "constraints.txt", "requirements-lock.txt")
NO_BROWSER_ENV = "LECTUREREF_NO_BROWSER_INSTALL"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        if (ROOT / name).exists():
            digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env(locked: bool = True) -> None:
    """Create ``.venv`` and install the project with its pins, unless already current.

    ``locked=False`` (``lock``): install without ``requirements-lock.txt``, to resolve anew.
    """
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs on whatever python3 there is
        sys.exit(f"lectureref needs Python ≥ 3.11, this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print("dev: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    fingerprint = _fingerprint()
    if locked and STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    print("dev: installing lectureref and its pinned dependencies into .venv", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    lock = ["-c", LOCK.name] if locked and LOCK.exists() else []
    # A torch installed beforehand (say a CUDA build) is kept when it satisfies the pin's range.
    done = subprocess.run([*pip, "-c", "constraints.txt", *lock, "-e", ".[dev]"], cwd=ROOT)
    if done.returncode:
        sys.exit("dev: the install failed" + ("; if pyproject.toml's dependencies changed, "
                                              "run `python3 scripts/dev.py lock`" if lock else ""))
    if locked:
        STAMP.write_text(fingerprint)


# Run by .venv's Python: ``name==version`` for every distribution that pyproject.toml's
# dependencies and dev extra need, transitively, as installed.
CLOSURE = r"""
import importlib.metadata as md, sys, tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name as canon
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
roots = project["dependencies"] + project["optional-dependencies"]["dev"]
seen, todo = {}, [(Requirement(r), {""}) for r in roots]
while todo:
    req, extras = todo.pop()
    if req.marker is not None and not any(req.marker.evaluate({"extra": e}) for e in extras):
        continue
    key = canon(req.name)
    wanted = set(req.extras)
    if key in seen and wanted <= seen[key]:
        continue
    seen[key] = seen.get(key, set()) | wanted
    try:
        dist = md.distribution(req.name)
    except md.PackageNotFoundError:
        sys.exit(f"{req.name} is not installed: run `python3 scripts/dev.py lock`")
    todo += [(Requirement(line), wanted | {""}) for line in dist.requires or []]
for key in sorted(seen):
    version = md.version(key).split("+")[0]  # torch 2.13.0+cpu: the pin any build satisfies
    print(f"{key}=={version}")
"""


def write_lock() -> None:
    """Write ``requirements-lock.txt`` from what ``.venv`` has for ``lectureref[dev]``."""
    pins = subprocess.run([str(BIN / "python"), "-c", CLOSURE], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    LOCK.write_text(
        "# Every package of the docs and test stack (lectureref[dev], transitively) at the version\n"
        "# CI tests. Installed as constraints by scripts/dev.py (with constraints.txt, which pins torch).\n"
        "# Regenerate after changing dependencies: python3 scripts/dev.py lock\n" + pins
    )
    STAMP.write_text(_fingerprint())
    print(f"dev: wrote {LOCK.name} ({len(pins.splitlines())} packages)", flush=True)


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
    if not argv or argv[0] not in {"serve", "test", "build", "lock"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        ensure_env(locked=False)
        write_lock()
        return 0
    ensure_env()
    if command == "serve":
        # mkdocs serve mounts the site at site_url's path: at the root here, unless told otherwise
        os.environ.setdefault("LECTUREREF_SITE_URL", "http://127.0.0.1:8000/")
        return run(["mkdocs", "serve", *rest])
    if command == "build":
        return run(["mkdocs", "build", "--strict", *rest])
    ensure_chromium()
    # One worker per core (snippets fix their own torch threads, so results do not depend on
    # the count); a file's tests stay together so a module's fixtures run once.
    return run(["pytest", "-n", "auto", "--dist", "loadfile", *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
