"""The exercises' checker: right solutions pass, starters and typical mistakes fail with reasons.

Solutions live in ``tests/exercises_data/solutions/<name>.py``; each typical mistake is one text
substitution in a solution, and a named check must catch it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from lectureref.exercises import EXERCISES
from lectureref.exercises.__main__ import main
from lectureref.exercises.checker import checks_of, moment_links, run_checks
from lectureref.timecodes import load_courses

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = Path(__file__).resolve().parent / "exercises_data" / "solutions"

# (exercise, mistake, text in the solution, what a student writes instead, checks that must fail)
MISTAKES = [
    ("knn", "farthest neighbours", "np.argsort(d, axis=1", "np.argsort(-d, axis=1", {"predict_k1"}),
    ("knn", "k ignored", "[:, :k]", "[:, :1]", {"predict_vote"}),
    ("knn", "remainder dropped from the folds", "    sizes[: n % n_folds] += 1\n", "", {"kfold"}),
    ("softmax", "loss summed, not averaged", ".mean()", ".sum()", {"loss_value"}),
    ("softmax", "gradient without 1/N", "    dz /= n\n", "", {"gradient"}),
    ("softmax", "wrong sign", "dz[np.arange(n), y] -= 1", "dz[np.arange(n), y] += 1", {"gradient"}),
    ("softmax", "no max shift", "    z = z - z.max(axis=1, keepdims=True)\n", "", {"stable"}),
    ("linear_relu", "transposed weight gradient", "dw = dout.T @ x", "dw = x.T @ dout", {"linear_backward"}),
    ("linear_relu", "missing bias gradient", "db = dout.sum(axis=0)", "db = np.zeros(dout.shape[1])", {"linear_backward"}),
    ("linear_relu", "bias gradient averaged", "db = dout.sum(axis=0)", "db = dout.mean(axis=0)", {"linear_backward"}),
    ("linear_relu", "ReLU mask from dout", "dout * (x > 0)", "dout * (dout > 0)", {"relu_backward"}),
    ("two_layer_net", "zero weights", "rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden))", "np.zeros((n_in, n_hidden))",
     {"init", "train_digits"}),
    ("two_layer_net", "gradient without 1/N", "    dz /= n\n", "", {"gradients"}),
    ("two_layer_net", "ReLU skipped in backward", "da = dh * (a > 0)", "da = dh", {"gradients"}),
    ("two_layer_net", "gradient ascent", "return loss, grads", "return loss, {k: -g for k, g in grads.items()}",
     {"gradients", "train_digits"}),
    ("adam", "momentum step uphill", "return w - lr * v, v", "return w + lr * v, v", {"momentum"}),
    ("adam", "no bias correction", "m_hat = m / (1 - beta1**t)", "m_hat = m", {"adam_first_step"}),
    ("adam", "beta1 in the second moment", "v = beta2 * v", "v = beta1 * v", {"adam_steps"}),
    ("batchnorm", "unbiased variance", "var = x.var(axis=0)", "var = x.var(axis=0, ddof=1)", {"forward"}),
    ("batchnorm", "bias gradient averaged", "dbeta = dout.sum(axis=0)", "dbeta = dout.mean(axis=0)", {"backward_params"}),
    ("batchnorm", "mean and variance taken as constants",
     "dx = inv_std * (dx_hat - dx_hat.mean(axis=0) - x_hat * (dx_hat * x_hat).mean(axis=0))", "dx = inv_std * dx_hat",
     {"backward_input"}),
    ("iou_nms", "negative overlap not clipped", "np.clip(rb - lt, 0, None)", "(rb - lt)", {"iou_edge_cases"}),
    ("iou_nms", "union counts the overlap twice", "area_b[None, :] - inter)", "area_b[None, :])", {"iou_values"}),
    ("iou_nms", "lowest score first", "np.argsort(-scores)", "np.argsort(scores)", {"nms"}),
    ("conv2d", "off-by-one output size", "oh = (h + 2 * padding - kh) // stride + 1", "oh = (h + 2 * padding - kh) // stride",
     {"forward_shape"}),
    ("conv2d", "stride ignored in backward", "dxp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw] +=",
     "dxp[:, :, i : i + kh, j : j + kw] +=", {"backward_stride"}),
    ("conv2d", "missing bias gradient", "db = dout.sum(axis=(0, 2, 3))", "db = np.zeros(w.shape[0])", {"backward"}),
    ("triplet_loss", "no hinge", "loss = np.maximum(hinge, 0).mean()", "loss = hinge.mean()",
     {"loss_value", "satisfied_triplets"}),
    ("triplet_loss", "squared distances", "d_ap = np.linalg.norm(a - p, axis=1)", "d_ap = np.linalg.norm(a - p, axis=1) ** 2",
     {"loss_value"}),
    ("triplet_loss", "wrong sign of dn", "-g_ap, g_an", "-g_ap, -g_an", {"gradients"}),
    ("triplet_loss", "gradient without 1/N", "scale = (hinge > 0) / len(a)", "scale = (hinge > 0) * 1.0", {"gradients"}),
    ("sgns", "wrong sign for negatives", "g_neg = np.exp(log_sigmoid(neg)) / b", "g_neg = -np.exp(log_sigmoid(neg)) / b",
     {"loss_and_gradients"}),
    ("sgns", "gradient without 1/B", "g_pos = (np.exp(log_sigmoid(pos)) - 1) / b", "g_pos = np.exp(log_sigmoid(pos)) - 1",
     {"loss_and_gradients"}),
    ("sgns", "log of sigmoid overflows", "return -np.logaddexp(0, -x)", "return np.log(1 / (1 + np.exp(-x)))",
     {"large_scores"}),
    ("lstm_cell", "forget and input gates swapped", "i, f, g, o = sigmoid", "f, i, g, o = sigmoid", {"forward_values"}),
    ("lstm_cell", "tanh' missing on the way to the cell", "dc = dc_next + dh_next * o * (1 - tc**2)", "dc = dc_next + dh_next * o",
     {"backward_through_h"}),
    ("lstm_cell", "cell gradient not multiplied by f", "da @ w_hh, dc * f,", "da @ w_hh, dc,", {"backward_through_c"}),
]


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


@pytest.mark.parametrize(
    ("name", "old", "new", "caught_by"),
    [pytest.param(n, o, w, c, id=f"{n}: {label}") for n, label, o, w, c in MISTAKES],
)
def test_typical_mistake_is_caught_by_a_named_check(name: str, old: str, new: str, caught_by: set[str], tmp_path: Path) -> None:
    text = (SOLUTIONS / f"{name}.py").read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the mistake's text must occur once in the solution: {old!r}"
    wrong = tmp_path / f"{name}.py"
    wrong.write_text(text.replace(old, new), encoding="utf-8")
    failed = _failed(run_checks(name, wrong, links=False))
    assert caught_by <= set(failed), failed
    for check in caught_by:  # a reason the student can act on, not a crash of the checker
        assert failed[check] and "Traceback" not in failed[check] and not failed[check].startswith("ошибка ")


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
    # bounded, so the abandoned thread ends by itself within the test session
    "hangs": ("import time\ndef triplet_loss(a, p, n, margin):\n    for _ in range(2000):\n        time.sleep(0.01)\n",
              "не закончилась за"),
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
