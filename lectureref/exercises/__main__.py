"""``python -m lectureref.exercises {list, start, check}``: the reader's side of the exercises."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import resources
from pathlib import Path
from typing import NoReturn

from lectureref.exercises.catalog import EXERCISES


def starter_text(name: str) -> str:
    """The starter file of exercise ``name``, as shipped in the package."""
    return resources.files("lectureref.exercises").joinpath("starters", f"{name}.py").read_text(encoding="utf-8")


def cmd_list() -> int:
    """Print every exercise with its lecture."""
    for info in sorted(EXERCISES.values(), key=lambda e: (e.lecture, e.name)):
        print(f"лекция {info.lecture:>2}  {info.name:<14} {info.title}")
    return 0


class UsageError(Exception):
    """A command used wrongly: its message is one line for the reader, the exit code is 2."""


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line (no usage block) and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def positive(text: str) -> float:
    """An argparse type: a finite number above zero."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"нужно число больше нуля, а не {text!r}") from None
    if not (value > 0 and value != float("inf")):
        raise argparse.ArgumentTypeError(f"нужно число больше нуля, а не {text}")
    return value


def cmd_start(name: str, directory: Path, force: bool) -> int:
    """Write ``<name>.py`` into ``directory``; an existing file is kept unless ``force``."""
    if not directory.is_dir():
        raise UsageError(f"папки {directory} нет" if not directory.exists() else f"{directory} — файл, а не папка")
    target = directory / f"{name}.py"
    if target.exists() and not force:
        print(f"{target} уже есть — не перезаписываю (добавьте --force, чтобы начать заново)", file=sys.stderr)
        return 1
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(starter_text(name), encoding="utf-8")
        os.replace(tmp, target)   # never a half-written file in place of the reader's work
    except OSError as exc:
        raise UsageError(f"не могу записать {target}: {exc.strerror or exc}") from None
    print(f"Записан {target}. Допишите функции и проверьте: python -m lectureref.exercises check {name} {target}")
    return 0


def cmd_check(name: str, path: Path, timeout_scale: float, save_inputs: Path | None = None) -> int:
    """Run the checks, printing each result as it ends; 0 only when every check passed."""
    if path.is_dir():
        raise UsageError(f"{path} — папка; укажите файл с решением, например {path / (name + '.py')}")
    if not path.exists():
        raise UsageError(f"файла {path} нет — создайте его: python -m lectureref.exercises start {name}")
    if save_inputs is not None and save_inputs.exists() and not save_inputs.is_dir():
        raise UsageError(f"--save-inputs {save_inputs}: это файл, а нужна папка")
    from lectureref.exercises.checker import iter_checks, report

    results = iter_checks(name, path, timeout_scale=timeout_scale, save_inputs=save_inputs)
    return 0 if report(EXERCISES[name], path, results) else 1


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; misuse is one line on stderr and exit code 2."""
    try:
        return run(argv)
    except UsageError as exc:
        print(f"python -m lectureref.exercises: ошибка: {exc}", file=sys.stderr)
        return 2


def run(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = Parser(prog="python -m lectureref.exercises", description="Упражнения курса с автопроверкой")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="все упражнения по лекциям")
    start = sub.add_parser("start", help="записать файл-заготовку <name>.py в текущую папку")
    start.add_argument("name", choices=sorted(EXERCISES))
    start.add_argument("--force", action="store_true", help="перезаписать существующий файл")
    start.add_argument("--dir", type=Path, default=Path.cwd(), help="куда записать (по умолчанию текущая папка)")
    check = sub.add_parser("check", help="проверить ваше решение")
    check.add_argument("name", choices=sorted(EXERCISES))
    check.add_argument("file", type=Path, nargs="?", help="файл с решением (по умолчанию <name>.py)")
    check.add_argument("--timeout-scale", type=positive, default=1.0,
                       help="умножить лимиты времени (медленная машина); число больше нуля")
    check.add_argument("--save-inputs", type=Path, metavar="ПАПКА",
                       help="сохранить входы каждого упавшего случая в ПАПКА/<упражнение>.<проверка>.npz")
    args = parser.parse_args(argv)
    if args.command == "list":
        return cmd_list()
    if args.command == "start":
        return cmd_start(args.name, args.dir, args.force)
    return cmd_check(args.name, args.file or Path(f"{args.name}.py"), args.timeout_scale, args.save_inputs)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # A reader's endless loop may still run in a daemon thread: leave without waiting for it.
    os._exit(code)
