"""Shared fixtures: paths into the repo, the course facts (tests/data), the built site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def facts() -> dict:
    """The course's facts (``tests/data/course_facts.json``): its playlist, each lecture's
    number, video and timecode instants (seconds, in order), and the loose videos its notes link."""
    return json.loads((DATA / "course_facts.json").read_text(encoding="utf-8"))


def mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``config`` into ``site``; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """This checkout's site, built once per test run with ``--strict`` and no warning.

    A build takes seconds; the xdist workers share one through a lock in the run's temp folder.
    """
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # pytest-N/, above each worker's popen-gwK/
    site, log = shared / "built-site", shared / "built-site.log"
    with FileLock(str(shared / "built-site.lock")):
        if not log.exists():
            result = mkdocs_build(ROOT / "mkdocs.yml", site)
            log.write_text(f"{result.returncode}\n{result.stderr}", encoding="utf-8")
    code, _, stderr = log.read_text(encoding="utf-8").partition("\n")
    assert code == "0", stderr
    assert "WARNING" not in stderr, stderr
    return site


def pytest_configure(config: pytest.Config) -> None:
    """One torch thread per xdist worker: two workers on two cores, no oversubscription."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        import torch

        torch.set_num_threads(1)
        # notebook kernels and other child processes inherit this: no oversubscription there either
        os.environ["OMP_NUM_THREADS"] = "1"
