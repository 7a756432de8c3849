#!/usr/bin/env python3
"""Speed figures for lectureref, run by hand (not by the tests).

    .venv/bin/python scripts/bench.py                 # everything on the CPU
    .venv/bin/python scripts/bench.py --skip-suite    # without the (slow) full test-suite run
    .venv/bin/python scripts/bench.py --device cuda   # + the GPU figures of scripts/bench_gpu.py

Prints: the test suite's and `mkdocs build`'s wall time, index generation for 1 000 and
10 000 synthetic timecodes (and their ratio: linear growth is ≈ 10), numpy vs torch CPU for
the MLP epoch, conv2d and LSTM forward+backward (via scripts/bench_*.py), and with
``--device cuda`` the GPU speed-up over the CPU for the same training code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PEERS = ("bench_mlp.py", "bench_conv.py", "bench_lstm.py", "bench_word2vec.py")


def wall(command: list[str]) -> float:
    """Seconds a command takes; it must succeed."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def synthetic_course(n: int, per_lecture: int = 100) -> str:
    """A course YAML with ``n`` timecodes, ``per_lecture`` to a lecture, all on real topics."""
    lines = ["title: Synthetic", "playlist: PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb", "lectures:"]
    for lecture in range(n // per_lecture):
        video = f"synthetic{lecture:02d}"[-11:]   # an 11-character id of its own: one video per lecture
        lines += [f"  - number: {lecture + 1}", f"    title: Lecture {lecture + 1}", f"    video: {video}", "    entries:"]
        for i in range(per_lecture):
            seconds = 30 * (i + 1)
            lines += [
                f'      - t: "{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"',
                f"        text: Moment {i} <b>with</b> *markup*",
                "        topic: gradient_descent",
            ]
    return "\n".join(lines) + "\n"


def index_seconds(n: int) -> float:
    """Load, validate and render ``n`` timecodes: the index page and every topic's back-links."""
    from lectureref.timecodes import load_course
    from lectureref.timecodes.render import backlinks, index_page, moments
    from lectureref.timecodes.topics import scan_topics

    topics = scan_topics(ROOT / "docs")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.yml"
        path.write_text(synthetic_course(n), encoding="utf-8")
        start = time.perf_counter()
        course = load_course(path, {name: t.anchors for name, t in topics.items()})
        index_page([course], {name: t.title for name, t in topics.items()})
        by_topic = moments([course])
        for name in topics:
            backlinks(by_topic.get(name, []))
        return time.perf_counter() - start


def cuda_speedups() -> None:
    """The GPU figures (matrix products, CPU-vs-GPU training, autocast): ``scripts/bench_gpu.py``."""
    from scripts.bench_gpu import main as bench_gpu  # noqa: PLC0415 - only needed with --device cuda

    bench_gpu()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-suite", action="store_true", help="don't time the whole test suite")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    args = parser.parse_args()
    python = sys.executable
    if not args.skip_suite:
        suite = [python, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile", "-p", "no:cacheprovider"]
        print(f"test suite (pytest -n 2): {wall(suite):.1f} s")
    with tempfile.TemporaryDirectory() as site:
        print(f"mkdocs build --strict: {wall([python, '-m', 'mkdocs', 'build', '--strict', '-d', site]):.1f} s")
    index_seconds(1000)  # warm-up: imports, pydantic's validators
    small, large = index_seconds(1_000), index_seconds(10_000)
    print(f"index generation: 1 000 timecodes {small:.3f} s, 10 000 timecodes {large:.3f} s, ratio {large / small:.1f} (linear ≈ 10)")
    for peer in PEERS:
        script = ROOT / "scripts" / peer
        if script.exists():
            print(f"--- {peer}", flush=True)
            subprocess.run([python, str(script)], cwd=ROOT, env=ENV, check=True)
    if args.device == "cuda":
        cuda_speedups()


if __name__ == "__main__":
    main()
