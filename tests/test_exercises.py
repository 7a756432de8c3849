"""The exercises' checker: right solutions pass, starters and typical mistakes fail with reasons.

Solutions live in ``tests/exercises_data/solutions/<name>.py``; each wrong solution a student
writes is one text substitution in a solution (``tests/exercises_data/wrong_solutions.py``), and
the check it names must be the first to fail, with the message it names.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
import tomllib
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from lectureref.exercises import EXERCISES
from lectureref.exercises.__main__ import main
from lectureref.exercises.checker import Result, checks_of, iter_checks, moment_links, report, run_checks
from lectureref.timecodes import load_courses

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = Path(__file__).resolve().parent / "exercises_data" / "solutions"

sys.path.insert(0, str(Path(__file__).resolve().parent / "exercises_data"))
from wrong_solutions import WRONG  # noqa: E402 — test data beside the solutions

def _failed(results: list) -> dict[str, str]:
    return {r.check: r.reason for r in results if not r.passed}


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_reference_solution_passes_every_check(name: str) -> None:
    results = run_checks(name, SOLUTIONS / f"{name}.py", links=False)
    assert [r.check for r in results] == [c.name for c in checks_of(name)]
    assert not _failed(results), _failed(results)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_starter_fails_every_check_saying_not_implemented(name: str, tmp_path: Path) -> None:
    assert main(["start", name, "--dir", str(tmp_path)]) == 0
    results = run_checks(name, tmp_path / f"{name}.py")
    assert len(results) == len(checks_of(name))
    for r in results:
        assert not r.passed and "not implemented yet" in r.reason, (r.check, r.reason)
        assert r.links and all("https://www.youtube.com/watch?v=" in link for link in r.links), r.check


@pytest.mark.parametrize("wrong", [pytest.param(w, id=f"{w.exercise}: {w.label}") for w in WRONG])
def test_wrong_solution_is_caught_with_its_message(wrong, tmp_path: Path) -> None:  # noqa: ANN001
    text = (SOLUTIONS / f"{wrong.exercise}.py").read_text(encoding="utf-8")
    assert text.count(wrong.old) == 1, f"the mistake's text must occur once in the solution: {wrong.old!r}"
    path = tmp_path / f"{wrong.exercise}.py"
    path.write_text(text.replace(wrong.old, wrong.new), encoding="utf-8")
    # the first failure is the one a student reads first: the checks after it need not run here
    first = next((r for r in iter_checks(wrong.exercise, path, links=False, timeout_scale=wrong.timeout_scale)
                  if not r.passed), None)
    if wrong.check is None:   # a wrong solution the checker accepts: listed so the list says so
        assert first is None, (first.check, first.reason)
        return
    assert first is not None and first.check == wrong.check, first
    reason = first.reason
    assert wrong.message in reason and "Traceback" not in reason and not reason.startswith("ошибка "), reason


def test_every_exercise_has_its_checks_starter_page_and_lecture() -> None:
    lectures = {e.lecture for e in EXERCISES.values()}
    assert set(range(2, 11)) <= lectures
    (course,) = [c for c in load_courses(ROOT / "docs" / "timecodes") if c.slug == "dl-na-paltsah-2019"]
    topics_by_lecture = {lec.number: {e.page for e in lec.entries if e.page} for lec in course.lectures}
    starters = resources.files("lectureref.exercises").joinpath("starters")
    for name, info in EXERCISES.items():
        assert (ROOT / "docs" / "exercises" / f"{name}.md").is_file(), name
        starter = starters.joinpath(f"{name}.py").read_text(encoding="utf-8")
        assert all(f"def {fn}(" in starter for fn in info.functions), name
        assert {t.partition("#")[0] for t in info.topics} & topics_by_lecture[info.lecture], (name, info.lecture)
        for check in checks_of(name):
            assert moment_links(check.topics or info.topics), (name, check.name)


def test_starters_ship_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "starters/*.py" in config["tool"]["setuptools"]["package-data"]["lectureref.exercises"]


def test_start_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "conv2d.py"
    target.write_text("# my work\n", encoding="utf-8")
    assert main(["start", "conv2d", "--dir", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "# my work\n"
    assert main(["start", "conv2d", "--dir", str(tmp_path), "--force"]) == 0
    assert "def conv2d_backward(" in target.read_text(encoding="utf-8")


def test_check_exit_code_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "triplet_loss", str(SOLUTIONS / "triplet_loss.py")]) == 0
    assert "Готово" in capsys.readouterr().out
    wrong = tmp_path / "triplet_loss.py"
    wrong.write_text((SOLUTIONS / "triplet_loss.py").read_text().replace("-g_ap, g_an", "-g_ap, -g_an"), encoding="utf-8")
    assert main(["check", "triplet_loss", str(wrong)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  gradients" in out and "dn:" in out and "знак наоборот" in out
    assert "пересмотрите: Лекция 8" in out and "youtube.com/watch?v=" in out


BROKEN = {
    "raises": ("def triplet_loss(a, p, n, margin):\n    return 1 / 0\n", "упала с ZeroDivisionError: division by zero (строка 2"),
    "returns None": ("def triplet_loss(a, p, n, margin):\n    a @ p.T\n", "забыли return"),
    "wrong tuple": ("def triplet_loss(a, p, n, margin):\n    return 0.0, a\n", "вернула 2 значений, а должна 4"),
    "wrong type": ("def triplet_loss(a, p, n, margin):\n    return 'loss', a, p, n\n", "ожидался массив чисел"),
    "missing function": ("def triplet(a, p, n, margin):\n    pass\n", "нет функции triplet_loss"),
    # bounded, so the thread would end by itself even if it were not stopped
    "hangs": ("import time\ndef triplet_loss(a, p, n, margin):\n    for _ in range(2000):\n        time.sleep(0.01)\n",
              "не закончилась за 0.5 с — остановлена в triplet_loss, строка 4: time.sleep(0.01)"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_reader_code_gets_a_message_not_a_traceback(case: str, tmp_path: Path) -> None:
    source, message = BROKEN[case]
    path = tmp_path / "triplet_loss.py"
    path.write_text(source, encoding="utf-8")
    # a short limit only where the code hangs: elsewhere a busy machine must not turn into a timeout
    results = run_checks("triplet_loss", path, timeout_scale=0.05 if case == "hangs" else 1.0, links=False)
    assert any(message in r.reason for r in results), [r.reason for r in results]
    assert not any(r.passed for r in results)


@pytest.mark.parametrize(
    ("source", "message"),
    [("def f(:\n", "синтаксическая ошибка в строке 1"), ("import no_such_module_here\n", "файл не импортируется: ModuleNotFoundError")],
)
def test_a_file_that_does_not_import_is_one_clear_failure(source: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "knn.py"
    path.write_text(source, encoding="utf-8")
    (result,) = run_checks("knn", path, links=False)
    assert result.check == "import" and not result.passed and message in result.reason


def test_site_lists_every_exercise_with_its_starter_and_moments(built_site: Path) -> None:
    index = (built_site / "exercises" / "index.html").read_text(encoding="utf-8")
    assert 'href="exercises/"' in (built_site / "index.html").read_text(encoding="utf-8")
    for name, info in EXERCISES.items():
        assert f'href="{name}/"' in index, name
        page = (built_site / "exercises" / name / "index.html").read_text(encoding="utf-8")
        assert "youtube.com/watch?v=" in page, name             # the moments, as deep links
        assert all(fn in page for fn in info.functions), name    # the starter is shown
        for topic in {t.partition("#")[0] for t in info.topics}:
            topic_page = (built_site / "topics" / topic / "index.html").read_text(encoding="utf-8")
            assert f'href="../../exercises/{name}/"' in topic_page, (topic, name)


def test_list_shows_every_exercise_by_lecture(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in lines] == sorted(EXERCISES, key=lambda n: (EXERCISES[n].lecture, n))


def test_without_the_timecodes_a_failure_points_to_the_topic_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel installed elsewhere has no docs/: the reader still learns where to read."""
    from lectureref.exercises import checker

    monkeypatch.setattr(checker, "timecodes_folder", lambda: None)
    checker._all_moments.cache_clear()
    try:
        assert moment_links(("convolution",)) == ["страница темы docs/topics/convolution.md"]
    finally:
        checker._all_moments.cache_clear()


def test_the_site_hook_and_the_catalog_import_no_model_code() -> None:
    code = ("import runpy, sys; runpy.run_path('hooks/exercises.py'); "
            "print(sorted({'torch', 'numpy'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_a_runaway_loop_is_stopped_not_left_running(tmp_path: Path) -> None:
    path = tmp_path / "triplet_loss.py"
    path.write_text("def triplet_loss(a, p, n, margin):\n    while True:\n        pass\n", encoding="utf-8")
    before = threading.active_count()
    results = run_checks("triplet_loss", path, timeout_scale=0.02, links=False)
    # the loop is at its `while` or its body when stopped: either line is the loop's
    assert all(re.search(r"остановлена в triplet_loss, строка (2: while True:|3: pass)", r.reason) for r in results), (
        [r.reason for r in results])
    assert threading.active_count() == before   # each stopped thread is gone, not spinning in the background


def test_results_print_as_each_check_finishes(tmp_path: Path) -> None:
    out = io.StringIO()
    seen_before_second: list[str] = []

    def results():  # noqa: ANN202
        yield Result("predict_k1", True, "first")
        seen_before_second.append(out.getvalue())
        yield Result("predict_vote", False, "second")

    assert not report(EXERCISES["knn"], "knn.py", results(), out)
    assert "PASS  predict_k1" in seen_before_second[0] and "second" not in seen_before_second[0]


MISUSE = {
    "start into a missing folder": (["start", "conv2d", "--dir", "{tmp}/nowhere"], "папки"),
    "start into a file": (["start", "conv2d", "--dir", "{tmp}/file.txt"], "файл, а не папка"),
    "check a missing file": (["check", "conv2d", "{tmp}/nowhere.py"], "файла"),
    "check a folder": (["check", "conv2d", "{tmp}"], "папка"),
    "zero timeout scale": (["check", "conv2d", "{tmp}/file.txt", "--timeout-scale", "0"], "больше нуля"),
    "negative timeout scale": (["check", "conv2d", "{tmp}/file.txt", "--timeout-scale", "-2"], "больше нуля"),
    "timeout scale not a number": (["check", "conv2d", "{tmp}/file.txt", "--timeout-scale", "fast"], "больше нуля"),
    "unknown exercise": (["check", "conv3d", "{tmp}/file.txt"], "conv3d"),
}


@pytest.mark.parametrize("case", sorted(MISUSE))
def test_misuse_is_one_line_and_exit_code_2(case: str, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    argv, message = MISUSE[case]
    proc = subprocess.run([sys.executable, "-m", "lectureref.exercises", *(a.format(tmp=tmp_path) for a in argv)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout and "youtube" not in proc.stderr + proc.stdout


def test_save_inputs_writes_the_failing_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = tmp_path / "linear_relu.py"
    wrong.write_text((SOLUTIONS / "linear_relu.py").read_text().replace("dw = dout.T @ x", "dw = 2 * dout.T @ x"),
                     encoding="utf-8")
    assert main(["check", "linear_relu", str(wrong), "--save-inputs", str(tmp_path / "cases")]) == 1
    saved = tmp_path / "cases" / "linear_relu.linear_backward.npz"
    assert str(saved) in capsys.readouterr().out
    with np.load(saved) as case:
        assert {"dout", "x", "w"} <= set(case.files) and case["x"].shape == (4, 5)
