"""Runs an exercise's checks on a reader's file and explains each failure.

A check is a function of the reader's module that returns a short note when it passes and raises
`CheckFailed` with a reason a student understands when it does not. Reader code runs through
`call`, which turns its exceptions into such reasons (with the line of the reader's file), and
every check runs in a thread with a time limit, so a reader's infinite loop costs a message naming
its line, not the session. A reader's function that changes its inputs in place is caught, and a
file that imports torch or the package's own references is refused: the exercises are numpy, from
scratch. Nothing from the checker itself reaches the reader as a traceback.
"""

from __future__ import annotations

import ast
import ctypes
import importlib
import importlib.util
import inspect
import linecache
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
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
# Every exercise is written in numpy, from scratch (docs/exercises/index.md): a reader's file may
# not import these. lectureref holds the very references the checks compare with.
FORBIDDEN_IMPORTS = {
    "torch": "torch", "tensorflow": "TensorFlow", "jax": "JAX", "keras": "Keras", "scipy": "SciPy",
    "sklearn": "scikit-learn", "lectureref": "lectureref — там эталоны, с которыми проверка сравнивает ваш код",
}


class CheckFailed(Exception):
    """A check's verdict on the reader's code: ``reason`` is shown to the reader as is.

    ``inputs`` (the arrays of the failing case, when known) can be saved to a file to reproduce it.
    """

    def __init__(self, reason: str, inputs: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.inputs = inputs


class Case(str):
    """The text of a case's inputs (`describe`), carrying the inputs themselves in ``inputs``."""

    inputs: dict[str, Any]

    def __new__(cls, text: str, inputs: dict[str, Any]) -> Case:
        case = super().__new__(cls, text)
        case.inputs = inputs
        return case

    def __add__(self, other: str) -> Case:
        return Case(str(self) + other, self.inputs)


def in_case(label: str, run: Callable[[], None]) -> None:
    """Run ``run``; a failure's reason starts with the case's name («случай …: …»)."""
    try:
        run()
    except CheckFailed as failed:
        raise CheckFailed(f"случай «{label}»: {failed.reason}", failed.inputs) from None


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
    inputs: dict[str, Any] | None = None


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


def _param_names(fn: Callable[..., Any], n_args: int) -> list[str]:
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        names = []
    return [names[i] if i < len(names) else f"аргумент {i + 1}" for i in range(n_args)]


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the reader's ``fn``; any exception it raises becomes a `CheckFailed` with a reason.

    The reader gets copies of the array arguments; one that comes back changed means ``fn``
    modified its input in place, which a caller (a training loop, the next layer) would not expect.
    """
    name = getattr(fn, "__name__", "функция")
    reader_file = getattr(getattr(fn, "__code__", None), "co_filename", None)
    given = dict(zip(_param_names(fn, len(args)), args)) | kwargs
    passed = {k: v.copy() for k, v in given.items() if isinstance(v, np.ndarray)}
    args = tuple(passed.get(k, a) for k, a in zip(given, args))
    kwargs = {k: passed.get(k, v) for k, v in kwargs.items()}
    try:
        result = fn(*args, **kwargs)
    except NotImplementedError:
        raise CheckFailed(f"{name}: not implemented yet (ещё не реализована — уберите raise NotImplementedError)") from None
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 — the reader's bug, whatever it is, is reported and not re-raised
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise CheckFailed(
            f"{name} упала с {type(exc).__name__}{': ' + text if text else ''}{_reader_line(exc, reader_file)}"
        ) from None
    for key, copy in passed.items():
        original = given[key]
        if copy.shape != original.shape or not np.array_equal(copy, original, equal_nan=True):
            raise CheckFailed(
                f"{name} изменила свой вход {key} на месте ({key} -= …, {key}[…] = … или out={key}): "
                f"вызывающий код потеряет исходные значения — считайте в новый массив или в {key}.copy()"
            )
    return result


def need(module: ModuleType, name: str) -> Callable[..., Any]:
    """The reader's function ``name``, or a `CheckFailed` saying it is missing."""
    fn = getattr(module, name, None)
    if fn is None:
        raise CheckFailed(f"в файле нет функции {name} (имена должны совпадать с заготовкой)")
    if not callable(fn):
        raise CheckFailed(f"{name} — это {type(fn).__name__}, а не функция")
    return fn


def describe(**inputs: Any) -> Case:
    """``x (2, 3), stride=2``: the inputs of a case, arrays by shape (the values travel along)."""
    parts = []
    for key, value in inputs.items():
        parts.append(f"{key} {tuple(value.shape)}" if isinstance(value, np.ndarray) else f"{key}={value!r}")
    return Case(", ".join(parts), inputs)


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


def compare(
    what: str, got: Any, expected: np.ndarray, where: str, rtol: float = 1e-6, atol: float = 1e-8,
    mistakes: dict[str, np.ndarray] | None = None,
) -> None:
    """Raise a reason unless ``got`` has ``expected``'s shape and values (within the tolerances).

    The reason names the element with the largest error, the two values there and the input, and a
    hint where the numbers show the cause: the opposite sign, zeros, a constant factor (a sum that
    is N times the mean), or one of ``mistakes`` — ``{hint: what that mistake computes}``.
    """
    inputs = where.inputs if isinstance(where, Case) else None
    expected = np.asarray(expected, dtype=np.float64)
    arr = as_array(got, what)
    if arr.shape != expected.shape:
        hint = " (транспонировано?)" if arr.shape == expected.shape[::-1] and arr.ndim == 2 else ""
        raise CheckFailed(f"{what}: форма {arr.shape}, ожидалась {expected.shape}{hint}; вход: {where}", inputs)
    if not np.all(np.isfinite(arr)):
        idx = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise CheckFailed(f"{what}: в элементе {_index(idx)} получено {arr[idx]} (не число); вход: {where}", inputs)
    excess = np.abs(arr - expected) - (atol + rtol * np.abs(expected))
    if np.all(excess <= 0):
        return
    idx = np.unravel_index(int(np.argmax(excess)), arr.shape) if arr.ndim else ()
    idx = tuple(int(i) for i in idx)
    err = float(np.max(np.abs(arr - expected)))
    hint = _hint(arr, expected, rtol, atol, mistakes or {})
    raise CheckFailed(
        f"{what}: наибольшая ошибка {err:.3g} в элементе {_index(idx)}: получено {_num(arr[idx])}, "
        f"ожидалось {_num(expected[idx])}{hint}; вход: {where}",
        inputs,
    )


def _hint(arr: np.ndarray, expected: np.ndarray, rtol: float, atol: float, mistakes: dict[str, np.ndarray]) -> str:
    """`` — <the likely cause>`` when the numbers show one, else ""."""
    for hint, value in mistakes.items():
        value = np.asarray(value, dtype=np.float64)
        if value.shape == arr.shape and np.allclose(arr, value, rtol=max(rtol, 1e-6), atol=atol):
            return f" — {hint}"
    if np.allclose(arr, -expected, rtol=rtol, atol=atol):
        return " — знак наоборот"
    if np.any(expected) and np.allclose(arr, np.zeros_like(expected), atol=atol):
        return " — получены одни нули"
    scale = float(np.vdot(arr, expected) / np.vdot(expected, expected)) if np.any(expected) else 0.0
    if scale and np.allclose(arr, scale * expected, rtol=1e-6, atol=atol):
        if scale > 1.5 and abs(scale - round(scale)) < 1e-6:
            return f" — ровно {_times(round(scale))} больше ожидаемого: сумма вместо среднего?"
        if 0 < scale < 0.67 and abs(1 / scale - round(1 / scale)) < 1e-6:
            return f" — ровно {_times(round(1 / scale))} меньше ожидаемого: среднее вместо суммы или лишнее деление?"
        if arr.size > 1:   # any one number is a multiple of another: only whole ratios say something
            return f" — всё умножено на один множитель {scale:.6g}"
    return ""


def _times(n: int) -> str:
    """«в 3 раза», «в 8 раз», «в 22 раза»."""
    few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"в {n} раза" if few else f"в {n} раз"


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
    from lectureref.timecodes.errors import TimecodeError
    from lectureref.timecodes.view import load_docs

    folder = timecodes_folder()
    if folder is None:
        return {}
    try:
        return load_docs(folder.parent).moments   # the site's own view of the docs
    except TimecodeError:
        return {}  # a broken YAML must not hide the check's own verdict


def moment_links(topics: Iterable[str], limit: int = MAX_LINKS) -> list[str]:
    """``Лекция 6, 23:10 — text: URL`` for the first moments of ``topics`` (``page`` or ``page#anchor``)."""
    from lectureref.timecodes.render import lecture_label, moment_link

    found, seen = [], set()
    everything = _all_moments()
    for ref in topics:
        page, _, anchor = ref.partition("#")
        for course, lecture, entry in everything.get(page, []):
            if (anchor and entry.anchor != anchor) or id(entry) in seen:
                continue
            seen.add(id(entry))
            # an untimed note says its honest stretch and opens at its start, never at 0:00 silently
            when, url = moment_link(course, lecture, entry)
            found.append(f"{lecture_label(lecture)}, {when} — {entry.text}{': ' + url if url else ''}")
    if not found and topics and not everything:
        return [f"страница темы docs/topics/{next(iter(topics)).partition('#')[0]}.md"]
    return found[:limit]


# ----------------------------------------------------------------------------------------------
# Running


class _Stopped(BaseException):
    """Raised inside a reader's runaway thread to stop it (see `_stop`)."""


def _where_running(thread: threading.Thread, reader_file: str | None) -> str:
    """`` — остановлена в f, строка 12: code``: the innermost frame of the reader's file, or ""."""
    frame = sys._current_frames().get(thread.ident or -1)
    while frame is not None:
        if reader_file and Path(frame.f_code.co_filename).resolve() == Path(reader_file).resolve():
            line = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
            return f" — остановлена в {frame.f_code.co_name}, строка {frame.f_lineno}" + (f": {line}" if line else "")
        frame = frame.f_back
    return ""


def _stop(thread: threading.Thread) -> None:
    """Raise `_Stopped` in ``thread`` at its next Python instruction, so a loop does not run on."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stopped))
        thread.join(1.0)


def _with_timeout(
    fn: Callable[[], str], timeout: float, reader_file: str | None = None,
) -> tuple[bool, str, dict[str, Any] | None]:
    """Run ``fn`` in a daemon thread: ``(passed, reason, inputs of the failing case or None)``.

    Past ``timeout`` the thread is stopped, and the reason names the reader's function and line
    it was running.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            # overflow in the reader's numpy code is reported by the check (inf/nan), not as a warning
            with np.errstate(all="ignore"):
                box["note"] = fn()
        except CheckFailed as failed:
            box["failed"], box["inputs"] = failed.reason, failed.inputs
        except _Stopped:
            pass
        except BaseException as exc:  # noqa: BLE001 — the reader's code may even call sys.exit
            box["failed"] = f"ошибка {type(exc).__name__}: {exc}"

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        where = _where_running(thread, reader_file)
        _stop(thread)
        return False, f"не закончилась за {timeout:g} с{where} — бесконечный цикл или слишком медленно", None
    if "failed" in box:
        return False, box["failed"], box.get("inputs")
    return True, str(box.get("note", "")), None


def forbidden_imports(source: str) -> str:
    """The first import of ``FORBIDDEN_IMPORTS`` in ``source``, as a reason; "" when there is none.

    Reads the code without running it: ``import torch``, ``from lectureref.nn import …``,
    ``__import__("torch")`` and ``importlib.import_module("torch")``, at any depth.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""   # the import reports it with its line
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in ("__import__", "import_module") and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        for name in names:
            top = name.partition(".")[0]
            if top in FORBIDDEN_IMPORTS:
                line = ast.get_source_segment(source, node) or name
                return (f"строка {node.lineno}: {line.splitlines()[0]} — упражнения пишутся на numpy, с нуля: "
                        f"в решении нельзя использовать {FORBIDDEN_IMPORTS[top]}")
    return ""


def load_reader(path: Path, timeout: float = DEFAULT_TIMEOUT) -> tuple[ModuleType | None, str, str]:
    """Import the reader's file as a fresh module: ``(module, "", "")`` or ``(None, check, reason)``.

    ``check`` is ``numpy_only`` for a file that imports what the exercises rule out, else ``import``.
    """
    if not path.is_file():
        return None, "import", f"файл {path} не найден"
    refused = forbidden_imports(path.read_text(encoding="utf-8", errors="replace"))
    if refused:
        return None, "numpy_only", refused
    spec = importlib.util.spec_from_file_location(f"_lectureref_reader_{path.stem}", path)
    if spec is None or spec.loader is None:
        return None, "import", f"{path} не похож на файл Python"
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

    ok, reason, _ = _with_timeout(run, timeout, str(path))
    return (module, "", "") if ok else (None, "import", reason)


def checks_of(name: str) -> list[Check]:
    """The checks of exercise ``name`` (its module's ``CHECKS``)."""
    return list(importlib.import_module(f"lectureref.exercises.{name}").CHECKS)


def iter_checks(
    name: str, path: Path | str, *, timeout_scale: float = 1.0, links: bool = True, save_inputs: Path | None = None,
) -> Iterator[Result]:
    """Run every check of exercise ``name`` on the reader's file ``path``, yielding each `Result` as it ends.

    ``timeout_scale`` multiplies every check's time limit (a slow machine can give more);
    ``save_inputs``, a folder: the inputs of each failing case go to ``<name>.<check>.npz`` there.
    """
    if timeout_scale <= 0:
        raise ValueError(f"timeout_scale must be positive, got {timeout_scale}")
    info = EXERCISES[name]
    path = Path(path)
    module, stage, reason = load_reader(path, DEFAULT_TIMEOUT * timeout_scale)
    if module is None:
        yield Result(stage, False, reason, moment_links(info.topics) if links else [])
        return
    for check in checks_of(name):
        ok, reason, inputs = _with_timeout(lambda c=check: c.run(module), check.timeout * timeout_scale, str(path))
        if inputs and save_inputs is not None:
            reason += f"; входы этого случая: {_save(save_inputs / f'{name}.{check.name}.npz', inputs)}"
        found = [] if ok or not links else moment_links(check.topics or info.topics)
        yield Result(check.name, ok, reason, found, inputs)


def run_checks(name: str, path: Path | str, **options: Any) -> list[Result]:
    """Every check's `Result` (`iter_checks`'s, as a list)."""
    return list(iter_checks(name, path, **options))


def _save(target: Path, inputs: dict[str, Any]) -> str:
    """Write the case's inputs to ``target`` (``np.load`` reads them back); its path, or why not."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        np.savez(target, **{k: np.asarray(v) for k, v in inputs.items()})
    except OSError as exc:
        return f"не сохранены ({exc.strerror or exc})"
    return f"{target} (np.load)"


def report(info: ExerciseInfo, path: Path | str, results: Iterable[Result], out: TextIO | None = None) -> bool:
    """Print one line per check as it finishes (and the moments to re-watch under each failure).

    True if all passed.
    """
    out = out or sys.stdout
    print(f"Упражнение {info.name} — {info.title} (лекция {info.lecture}), файл {path}", file=out, flush=True)
    width = max(len(c.name) for c in checks_of(info.name))
    shown: set[str] = set()
    done: list[Result] = []
    for r in results:
        done.append(r)
        mark = "PASS" if r.passed else "FAIL"
        print(f"  {mark}  {r.check:<{width}}  {r.reason}", file=out)
        if r.links and shown.issuperset(r.links):
            print("        ↪ пересмотрите те же моменты, что выше", file=out)
        else:
            for link in r.links:
                print(f"        ↪ пересмотрите: {link}", file=out)
            shown.update(r.links)
        out.flush()
    passed = sum(r.passed for r in done)
    if done and passed == len(done):
        print(f"Готово: пройдены все проверки ({passed}).", file=out)
        return True
    not_run = done[0].check in ("import", "numpy_only")   # the file was not loaded: no check could run
    total = len(checks_of(info.name)) if not_run else len(done)
    print(f"Пройдено проверок: {passed} из {total}. Задание и все моменты лекций: docs/exercises/{info.name}.md",
          file=out)
    if any(r.inputs for r in done) and not any("входы этого случая" in r.reason for r in done):
        print("Входы упавших случаев — в файлы: добавьте --save-inputs ПАПКА к команде check.", file=out)
    return False
