"""``python -m lectureref.exercises {list, start, check}``: the reader's side of the exercises."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import resources
from pathlib import Path

from lectureref.exercises.catalog import EXERCISES


def starter_text(name: str) -> str:
    """The starter file of exercise ``name``, as shipped in the package."""
    return resources.files("lectureref.exercises").joinpath("starters", f"{name}.py").read_text(encoding="utf-8")


def cmd_list() -> int:
    """Print every exercise with its lecture."""
    for info in sorted(EXERCISES.values(), key=lambda e: (e.lecture, e.name)):
        print(f"лекция {info.lecture:>2}  {info.name:<14} {info.title}")
    return 0


def cmd_start(name: str, directory: Path, force: bool) -> int:
    """Write ``<name>.py`` into ``directory``; an existing file is kept unless ``force``."""
    target = directory / f"{name}.py"
    if target.exists() and not force:
        print(f"{target} уже есть — не перезаписываю (добавьте --force, чтобы начать заново)", file=sys.stderr)
        return 1
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(starter_text(name), encoding="utf-8")
    os.replace(tmp, target)   # never a half-written file in place of the reader's work
    print(f"Записан {target}. Допишите функции и проверьте: python -m lectureref.exercises check {name} {target}")
    return 0


def cmd_check(name: str, path: Path, timeout_scale: float) -> int:
    """Run the checks and print the report; 0 only when every check passed."""
    from lectureref.exercises.checker import report, run_checks

    ok = report(EXERCISES[name], path, run_checks(name, path, timeout_scale=timeout_scale))
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(prog="python -m lectureref.exercises", description="Упражнения курса с автопроверкой")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="все упражнения по лекциям")
    start = sub.add_parser("start", help="записать файл-заготовку <name>.py в текущую папку")
    start.add_argument("name", choices=sorted(EXERCISES))
    start.add_argument("--force", action="store_true", help="перезаписать существующий файл")
    start.add_argument("--dir", type=Path, default=Path.cwd(), help="куда записать (по умолчанию текущая папка)")
    check = sub.add_parser("check", help="проверить ваше решение")
    check.add_argument("name", choices=sorted(EXERCISES))
    check.add_argument("file", type=Path, nargs="?", help="файл с решением (по умолчанию <name>.py)")
    check.add_argument("--timeout-scale", type=float, default=1.0, help="умножить лимиты времени (медленная машина)")
    args = parser.parse_args(argv)
    if args.command == "list":
        return cmd_list()
    if args.command == "start":
        return cmd_start(args.name, args.dir, args.force)
    return cmd_check(args.name, args.file or Path(f"{args.name}.py"), args.timeout_scale)


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # A reader's endless loop may still run in a daemon thread: leave without waiting for it.
    os._exit(code)
