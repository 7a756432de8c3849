"""The package's shape: import-linter's layer contract, and lecture times in docstrings that match the YAML."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lectureref.timecodes.loader import load_course
from lectureref.timecodes.timecode import parse_time

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lectureref"
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))  # installed with the dev extra
RUFF = str(Path(sys.executable).with_name("ruff"))  # likewise
COURSE = ROOT / "docs" / "timecodes" / "dl-na-paltsah-2019.yml"
# core modules whose topic page has another name
TOPIC_OF = {"nn.init": "initialization"}
# "Lecture 3 (9:41, 14:55)", "lecture 6 (14:47 filters, 31:15 padding)": a number, then times in parentheses
CITATION = re.compile(r"[Ll]ecture (\d+) \(([^)]*)\)")
TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")


def test_import_layers_hold() -> None:
    """`lint-imports` keeps every contract in pyproject.toml: no topic imports another outside the listed edges."""
    result = subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing() -> None:
    """`ruff check` over the whole tree, with the rules in pyproject.toml ([tool.ruff])."""
    result = subprocess.run([RUFF, "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_catches_a_topic_importing_a_topic(tmp_path: Path) -> None:
    """The layer contract is not vacuous: a copy of the package where gan imports knn breaks it."""
    copy = tmp_path / "lectureref"
    subprocess.run(["cp", "-r", str(PACKAGE), str(copy)], check=True)
    gan = copy / "gan.py"
    gan.write_text(gan.read_text(encoding="utf-8") + "\nfrom lectureref.knn import knn_predict_many  # noqa\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0
    assert "lectureref.gan -> lectureref.knn" in result.stdout


def _citations() -> list[tuple[str, str, int, str]]:
    """``(module, topic, lecture, time)`` for every lecture time cited in a module docstring."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "timecodes" in path.parts or "exercises" in path.parts:
            continue
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        topic = TOPIC_OF.get(module, module.removeprefix("nn."))
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        for number, inside in CITATION.findall(doc):
            found += [(module, topic, int(number), t) for t in TIME.findall(inside)]
    return found


def test_docstrings_cite_lectures() -> None:
    """The check below has something to check: most topic modules cite their lecture moments."""
    assert len({module for module, *_ in _citations()}) >= 20


@pytest.mark.parametrize(("module", "topic", "lecture", "time"), _citations(), ids=lambda v: str(v))
def test_cited_moment_is_the_topics_in_the_yaml(module: str, topic: str, lecture: int, time: str) -> None:
    """A time a docstring cites is a timecode of that lecture in the YAML, and the YAML gives it to this topic."""
    course = load_course(COURSE)
    numbered = {lec.number: lec for lec in course.lectures}
    assert lecture in numbered, f"lectureref.{module} cites lecture {lecture}, which the course does not have"
    seconds = parse_time(time)
    entries = [e for e in numbered[lecture].entries if e.t == seconds]
    assert entries, f"lectureref.{module} cites lecture {lecture} at {time}: no timecode there in {COURSE.name}"
    pages = {e.page for e in entries}
    assert topic in pages, (
        f"lectureref.{module} cites lecture {lecture} at {time}, which {COURSE.name} gives to {sorted(map(str, pages))}"
    )


@pytest.mark.parametrize("module", ["lectureref.nn.functional", "lectureref.gradcheck", "lectureref.timing"])
def test_base_tools_load_numpy_only(module: str) -> None:
    """The numpy core's functions and the shared gradient-check and timing tools do not pull torch in."""
    code = f"import sys, {module}; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "False"


def test_import_linter_catches_the_timecodes_loader_cycle(tmp_path: Path) -> None:
    """The timecodes package's layer contract is not vacuous: metadata importing the loader breaks it."""
    copy = tmp_path / "lectureref"
    subprocess.run(["cp", "-r", str(PACKAGE), str(copy)], check=True)
    metadata = copy / "timecodes" / "metadata.py"
    metadata.write_text(metadata.read_text(encoding="utf-8") + "\nfrom lectureref.timecodes.loader import load_course  # noqa\n",
                        encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0
    assert "lectureref.timecodes.metadata -> lectureref.timecodes.loader" in result.stdout
