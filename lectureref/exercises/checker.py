"""Runs an exercise's checks on a reader's file and explains each failure.

A check is a function of the reader's module that returns a short note when it passes and raises
`CheckFailed` with a reason a student understands when it does not. Reader code runs through
`call`, which turns its exceptions into such reasons (with the line of the reader's file), and
every check runs in a thread with a time limit, so a reader's infinite loop costs a message, not
the session. Nothing from the checker itself reaches the reader as a traceback.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

import numpy as np

from lectureref.exercises.catalog import EXERCISES, ExerciseInfo

DEFAULT_TIMEOUT = 10.0
# How many lecture moments a failed check points to: the first ones are the explanations.
MAX_LINKS = 2


class CheckFailed(Exception):
    """A check's verdict on the reader's code: ``reason`` is shown to the reader as is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Check:
    """One named check: ``run(module) -> note`` raises `CheckFailed` on a wrong answer.

    ``topics`` (refs like ``convolution`` or ``knn#k``) name the lecture moments shown on failure;
    empty means the exercise's own topics.
    """

    name: str
    run: Callable[[ModuleType], str]
    topics: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT


@dataclass
class Result:
    """What one check found: ``passed``, the ``reason`` (or the pass note) and the moment links."""

    check: str
    passed: bool
    reason: str
    links: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Calling the reader's code


def _reader_line(exc: BaseException, reader_file: str | None) -> str:
    """``строка 12: code`` of the innermost frame in the reader's file, or ""."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if reader_file and Path(f.filename).resolve() == Path(reader_file).resolve()]
    if not mine:
        return ""
    f = mine[-1]
    return f" (строка {f.lineno}: {f.line.strip()})" if f.line else f" (строка {f.lineno})"


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the reader's ``fn``; any exception it raises becomes a `CheckFailed` with a reason."""
    name = getattr(fn, "__name__", "функция")
    reader_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    # copies: a reader's in-place edit of an input must not change what the check compares with
    args = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
    kwargs = {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in kwargs.items()}
    try:
        return fn(*args, **kwargs)
    except NotImplementedError:
        raise CheckFailed(f"{name}: not implemented yet (ещё не реализована — уберите raise NotImplementedError)") from None
    except CheckFailed:
        raise
    except Exception as exc:  # the reader's bug, whatever it is, is reported and not re-raised
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise CheckFailed(
            f"{name} упала с {type(exc).__name__}{': ' + text if text else ''}{_reader_line(exc, reader_file)}"
        ) from None


def need(module: ModuleType, name: str) -> Callable[..., Any]:
    """The reader's function ``name``, or a `CheckFailed` saying it is missing."""
    fn = getattr(module, name, None)
    if fn is None:
        raise CheckFailed(f"в файле нет функции {name} (имена должны совпадать с заготовкой)")
    if not callable(fn):
        raise CheckFailed(f"{name} — это {type(fn).__name__}, а не функция")
    return fn


def describe(**inputs: Any) -> str:
    """``x (2, 3), stride=2``: the inputs of a case, arrays by shape."""
    parts = []
    for key, value in inputs.items():
        parts.append(f"{key} {tuple(value.shape)}" if isinstance(value, np.ndarray) else f"{key}={value!r}")
    return ", ".join(parts)


def unpack(got: Any, names: Sequence[str], fn: str) -> tuple[Any, ...]:
    """``got`` as a tuple of ``len(names)`` values, or a reason naming what was expected."""
    if not isinstance(got, (tuple, list)):
        raise CheckFailed(
            f"{fn} вернула {_kind(got)}, а должна вернуть {len(names)} значения: ({', '.join(names)})"
            + (" — забыли return?" if got is None else "")
        )
    if len(got) != len(names):
        raise CheckFailed(f"{fn} вернула {len(got)} значений, а должна {len(names)}: ({', '.join(names)})")
    return tuple(got)


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"массив формы {value.shape}"
    return type(value).__name__


def as_array(got: Any, what: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """``got`` as a float64 array of ``shape`` (when given), or a reason."""
    if got is None:
        raise CheckFailed(f"{what}: получено None — забыли return?")
    try:
        arr = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what}: получено {_kind(got)}, ожидался массив чисел") from None
    if shape is not None and arr.shape != tuple(shape):
        raise CheckFailed(f"{what}: форма {arr.shape}, ожидалась {tuple(shape)}")
    return arr


def as_float(got: Any, what: str) -> float:
    """``got`` as one number (a float, a 0-d or 1-element array), or a reason."""
    arr = as_array(got, what)
    if arr.size != 1:
        raise CheckFailed(f"{what}: ожидалось одно число, получен массив формы {arr.shape} — забыли усреднить?")
    return float(arr.reshape(()))


def compare(what: str, got: Any, expected: np.ndarray, where: str, rtol: float = 1e-6, atol: float = 1e-8) -> None:
    """Raise a reason unless ``got`` has ``expected``'s shape and values (within the tolerances).

    The reason names the element with the largest error, the two values there and the input.
    """
    expected = np.asarray(expected, dtype=np.float64)
    arr = as_array(got, what)
    if arr.shape != expected.shape:
        hint = " (транспонировано?)" if arr.shape == expected.shape[::-1] and arr.ndim == 2 else ""
        raise CheckFailed(f"{what}: форма {arr.shape}, ожидалась {expected.shape}{hint}; вход: {where}")
    if not np.all(np.isfinite(arr)):
        idx = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise CheckFailed(f"{what}: в элементе {_index(idx)} получено {arr[idx]} (не число); вход: {where}")
    excess = np.abs(arr - expected) - (atol + rtol * np.abs(expected))
    if np.all(excess <= 0):
        return
    idx = np.unravel_index(int(np.argmax(excess)), arr.shape) if arr.ndim else ()
    idx = tuple(int(i) for i in idx)
    err = float(np.max(np.abs(arr - expected)))
    if np.allclose(arr, -expected, rtol=rtol, atol=atol):
        hint = " — знак наоборот"
    elif np.any(expected) and np.allclose(arr, np.zeros_like(expected), atol=atol):
        hint = " — получены одни нули"
    else:
        hint = ""
    raise CheckFailed(
        f"{what}: наибольшая ошибка {err:.3g} в элементе {_index(idx)}: получено {_num(arr[idx])}, "
        f"ожидалось {_num(expected[idx])}{hint}; вход: {where}"
    )


def _index(idx: tuple[int, ...]) -> str:
    return "[" + ", ".join(map(str, idx)) + "]" if idx else "(число)"


def _num(x: float) -> str:
    return f"{float(x):.6g}"


def torch_grads(f: Callable[..., Any], arrays: dict[str, np.ndarray], dout: np.ndarray | float = 1.0) -> dict[str, np.ndarray]:
    """Gradients of ``Σ dout·f(**arrays)`` by torch autograd in float64, one per array."""
    import torch

    tensors = {k: torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True) for k, v in arrays.items()}
    out = f(**tensors)
    (out * torch.as_tensor(dout, dtype=torch.float64)).sum().backward()
    return {k: t.grad.numpy() if t.grad is not None else np.zeros(t.shape) for k, t in tensors.items()}


# ----------------------------------------------------------------------------------------------
# Lecture moments


def timecodes_folder() -> Path | None:
    """``docs/timecodes`` of the checkout the package runs from (or of the current folder)."""
    for base in (Path(__file__).resolve().parents[2], Path.cwd()):
        folder = base / "docs" / "timecodes"
        if folder.is_dir():
            return folder
    return None


@lru_cache(maxsize=1)
def _all_moments() -> dict[str, list[tuple[Any, Any, Any]]]:
    from lectureref.timecodes.loader import TimecodeError, load_courses
    from lectureref.timecodes.render import moments

    folder = timecodes_folder()
    if folder is None:
        return {}
    try:
        return moments(load_courses(folder))
    except TimecodeError:
        return {}  # a broken YAML must not hide the check's own verdict


def moment_links(topics: Iterable[str], limit: int = MAX_LINKS) -> list[str]:
    """``Лекция 6, 23:10 — text: URL`` for the first moments of ``topics`` (``page`` or ``page#anchor``)."""
    from lectureref.timecodes.render import entry_url, lecture_label

    found, seen = [], set()
    everything = _all_moments()
    for ref in topics:
        page, _, anchor = ref.partition("#")
        for course, lecture, entry in everything.get(page, []):
            if (anchor and entry.anchor != anchor) or id(entry) in seen:
                continue
            seen.add(id(entry))
            when = entry.clock or "без таймкода"   # an untimed note links to the video's start
            found.append(f"{lecture_label(lecture)}, {when} — {entry.text}: {entry_url(course, lecture, entry)}")
    if not found and topics and not everything:
        return [f"страница темы docs/topics/{next(iter(topics)).partition('#')[0]}.md"]
    return found[:limit]


# ----------------------------------------------------------------------------------------------
# Running


def _with_timeout(fn: Callable[[], str], timeout: float) -> tuple[bool, str, bool]:
    """Run ``fn`` in a daemon thread: ``(passed, reason, timed_out)``."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            # overflow in the reader's numpy code is reported by the check (inf/nan), not as a warning
            with np.errstate(all="ignore"):
                box["note"] = fn()
        except CheckFailed as failed:
            box["failed"] = failed.reason
        except BaseException as exc:  # noqa: BLE001 — the reader's code may even call sys.exit
            box["failed"] = f"ошибка {type(exc).__name__}: {exc}"

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return False, f"не закончилась за {timeout:g} с — бесконечный цикл или слишком медленно", True
    if "failed" in box:
        return False, box["failed"], False
    return True, str(box.get("note", "")), False


def load_reader(path: Path, timeout: float = DEFAULT_TIMEOUT) -> tuple[ModuleType | None, str]:
    """Import the reader's file as a fresh module: ``(module, "")`` or ``(None, reason)``."""
    if not path.is_file():
        return None, f"файл {path} не найден"
    spec = importlib.util.spec_from_file_location(f"_lectureref_reader_{path.stem}", path)
    if spec is None or spec.loader is None:
        return None, f"{path} не похож на файл Python"
    module = importlib.util.module_from_spec(spec)

    def run() -> str:
        try:
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            raise CheckFailed(f"синтаксическая ошибка в строке {exc.lineno}: {exc.msg}") from None
        except Exception as exc:  # noqa: BLE001
            raise CheckFailed(
                f"файл не импортируется: {type(exc).__name__}: {exc}{_reader_line(exc, str(path))}"
            ) from None
        return ""

    ok, reason, _ = _with_timeout(run, timeout)
    return (module, "") if ok else (None, reason)


def checks_of(name: str) -> list[Check]:
    """The checks of exercise ``name`` (its module's ``CHECKS``)."""
    return list(importlib.import_module(f"lectureref.exercises.{name}").CHECKS)


def run_checks(name: str, path: Path | str, *, timeout_scale: float = 1.0, links: bool = True) -> list[Result]:
    """Run every check of exercise ``name`` on the reader's file ``path``; one `Result` each.

    ``timeout_scale`` multiplies every check's time limit (a slow machine can give more).
    """
    info = EXERCISES[name]
    module, reason = load_reader(Path(path), DEFAULT_TIMEOUT * timeout_scale)
    if module is None:
        return [Result("import", False, reason, moment_links(info.topics) if links else [])]
    results = []
    for check in checks_of(name):
        ok, reason, _ = _with_timeout(lambda c=check: c.run(module), check.timeout * timeout_scale)
        found = [] if ok or not links else moment_links(check.topics or info.topics)
        results.append(Result(check.name, ok, reason, found))
    return results


def report(info: ExerciseInfo, path: Path | str, results: list[Result], out: TextIO | None = None) -> bool:
    """Print one line per check (and the moments to re-watch under each failure); True if all passed."""
    out = out or sys.stdout
    print(f"Упражнение {info.name} — {info.title} (лекция {info.lecture}), файл {path}", file=out)
    width = max(len(r.check) for r in results)
    shown: set[str] = set()
    for r in results:
        mark = "PASS" if r.passed else "FAIL"
        print(f"  {mark}  {r.check:<{width}}  {r.reason}", file=out)
        if r.links and shown.issuperset(r.links):
            print("        ↪ пересмотрите те же моменты, что выше", file=out)
            continue
        for link in r.links:
            print(f"        ↪ пересмотрите: {link}", file=out)
        shown.update(r.links)
    passed = sum(r.passed for r in results)
    if passed == len(results):
        print(f"Готово: пройдены все проверки ({passed}).", file=out)
        return True
    not_run = results[0].check == "import"   # the file did not import: no check could run
    total = len(checks_of(info.name)) if not_run else len(results)
    print(f"Пройдено проверок: {passed} из {total}. Задание и все моменты лекций: docs/exercises/{info.name}.md",
          file=out)
    return False
