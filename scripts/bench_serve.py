"""Benchmark (not a test): how long `mkdocs serve` takes to show an edit in the browser.

    .venv/bin/python scripts/bench_serve.py [--project DIR] [--rounds 3]

Copies ``docs/`` of the project (default: this checkout) to a temporary folder, links the rest,
starts ``mkdocs serve`` there and waits for its first build. Then, each round, it changes one
word of a timecode's text in the course YAML and one word of a topic page, and polls the page
that shows it until the new word is served. Prints the seconds from the save to the new page,
each round and the median: what a reader of ``mkdocs serve`` waits after pressing save.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COURSE = "docs/timecodes/dl-na-paltsah-2019.yml"
TOPIC = "docs/topics/gradient_descent.md"
LINKED = ("mkdocs.yml", "hooks", "overrides", "lectureref", "snippets", "scripts", ".cache")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8", "replace")


def wait_for(url: str, word: str, since: float, limit: float = 180) -> float:
    """Seconds from ``since`` until ``url`` serves ``word``."""
    while time.perf_counter() - since < limit:
        try:
            if word in fetch(url):
                return time.perf_counter() - since
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {word!r} within {limit} s")


def edit(path: Path, old: str, new: str) -> float:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(args.project / "docs", work / "docs")
        for name in LINKED:
            if (args.project / name).exists():
                (work / name).symlink_to((args.project / name).resolve())
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(args.project),
               "LECTUREREF_SITE_URL": f"http://127.0.0.1:{port}/"}  # served at the root
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=open(work / "serve.log", "w"),
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            start = time.perf_counter()
            wait_for(base + "lectures/dl-na-paltsah-2019/3/", "Нейронные сети", start, limit=600)
            print(f"first build served after {time.perf_counter() - start:.1f} s")
            course, topic = work / COURSE, work / TOPIC
            yaml_times, page_times = [], []
            in_course = in_topic = "Градиентный спуск"
            for i in range(args.rounds):
                time.sleep(1.0)
                since = edit(course, in_course, in_course := f"Правка{i}")
                yaml_times.append(wait_for(base + "lectures/dl-na-paltsah-2019/3/", in_course, since))
                time.sleep(1.0)
                since = edit(topic, in_topic, in_topic := f"Страница{i}")
                page_times.append(wait_for(base + "topics/gradient_descent/", in_topic, since))
                print(f"round {i + 1}: timecode edit {yaml_times[-1]:.2f} s, page edit {page_times[-1]:.2f} s", flush=True)
            print(f"median: timecode edit {statistics.median(yaml_times):.2f} s, "
                  f"page edit {statistics.median(page_times):.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
