#!/usr/bin/env python3
"""The claims sweep: every snippet under several seeds and thread counts, worst value per claim.

    .venv/bin/python scripts/claims.py                 # {1, 2} threads × seeds {0, 1, 2}, all snippets
    .venv/bin/python scripts/claims.py lr_schedules gan/ring.py --seeds 0 1 2 3 4

Each run is a fresh process with ``LECTUREREF_SEED``, ``LECTUREREF_THREADS`` and
``LECTUREREF_CLAIMS_LOG`` set (see :mod:`lectureref.claims`); with a CUDA device the runs are
repeated there (``LECTUREREF_DEVICE``). The table lists, per snippet, each claim's worst value
over the runs against its bound, and how many runs it held in; a snippet's plain asserts (exact
agreements, counts) count as one ``asserts`` row. The exit code is 1 if anything failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lectureref.claims import LOG_ENV, SEED_ENV, THREADS_ENV, Claim, read_log  # noqa: E402

SNIPPETS = ROOT / "snippets"


@dataclass
class Run:
    """One snippet run under one setting."""

    snippet: str
    setting: str
    claims: list[Claim]
    returncode: int
    error: str = ""


@dataclass
class Row:
    """One claim of one snippet over all runs."""

    snippet: str
    name: str
    op: str
    bound: float
    values: list[float] = field(default_factory=list)
    held: int = 0
    failed_in: list[str] = field(default_factory=list)

    @property
    def worst(self) -> float:
        """The value closest to (or furthest past) the bound."""
        if self.op in ("<", "<="):
            return max(self.values)
        if self.op in (">", ">="):
            return min(self.values)
        return max(self.values, key=lambda v: abs(v - self.bound))


def find_snippets(patterns: list[str]) -> list[Path]:
    """Snippet files whose path under ``snippets/`` contains any of ``patterns`` (all if none)."""
    paths = sorted(p for p in SNIPPETS.rglob("*.py") if p.name != "__init__.py")
    if not patterns:
        return paths
    chosen = [p for p in paths if any(pat in str(p.relative_to(SNIPPETS)) for pat in patterns)]
    if not chosen:
        raise SystemExit(f"claims: no snippet matches {patterns}")
    return chosen


def run_one(path: Path, seed: int, threads: int, device: str | None) -> Run:
    """Run ``path`` as ``__main__`` in a fresh interpreter under one setting."""
    setting = f"seed {seed}, {threads} thr" + (f", {device}" if device else "")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "claims.jsonl"
        env = {
            **os.environ, SEED_ENV: str(seed), THREADS_ENV: str(threads), LOG_ENV: str(log),
            "OMP_NUM_THREADS": str(threads), "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT),
        }
        if device:
            env["LECTUREREF_DEVICE"] = device
        code = f"import runpy; runpy.run_path({str(path)!r}, run_name='__main__')"
        proc = subprocess.run([sys.executable, "-c", code], cwd=tmp, env=env, capture_output=True, text=True)
        claims = read_log(log) if log.exists() else []
    error = proc.stderr.strip().splitlines()[-1] if proc.returncode else ""
    return Run(str(path.relative_to(SNIPPETS)), setting, claims, proc.returncode, error)


def summarize(runs: list[Run]) -> tuple[list[Row], list[Run]]:
    """Rows per (snippet, claim) in first-seen order, and the runs that crashed or failed an assert."""
    rows: dict[tuple[str, str, str], Row] = {}
    for run in runs:
        for c in run.claims:
            row = rows.setdefault((run.snippet, c.name, c.op), Row(run.snippet, c.name, c.op, c.bound))
            row.values.append(c.value)
            row.held += c.ok
            if not c.ok:
                row.failed_in.append(run.setting)
    return list(rows.values()), [r for r in runs if r.returncode]


def table(rows: list[Row], runs: list[Run], n_settings: int) -> str:
    """A markdown table: snippet, claim, bound, worst value, runs held."""
    lines = ["| snippet | claim | bound | worst | held |", "|---|---|---|---|---|"]
    by_snippet: dict[str, list[Row]] = {}
    for row in rows:
        by_snippet.setdefault(row.snippet, []).append(row)
    for snippet in sorted({r.snippet for r in runs}):
        mine = [r for r in runs if r.snippet == snippet]
        for row in by_snippet.get(snippet, []):
            mark = "" if row.held == len(row.values) == n_settings else " ✗"
            lines.append(f"| {snippet} | {row.name} | {row.op} {row.bound:.4g} | {row.worst:.4g} | "
                         f"{row.held}/{len(row.values)}{mark} |")
        clean = sum(r.returncode == 0 for r in mine)
        mark = "" if clean == len(mine) else " ✗"
        lines.append(f"| {snippet} | (runs without error, plain asserts included) | | | {clean}/{len(mine)}{mark} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="run only snippets whose path contains one of these")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--device", nargs="+", default=None,
                        help="devices to run on (default: cpu, plus cuda when torch sees one)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="snippet runs at a time")
    parser.add_argument("-o", "--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)

    devices = args.device
    if devices is None:
        import torch

        devices = ["cpu", "cuda"] if torch.cuda.is_available() else ["cpu"]
    settings = list(product(args.seeds, args.threads, devices))
    paths = find_snippets(args.patterns)
    jobs = [(p, s, t, d) for p in paths for s, t, d in settings]
    print(f"claims: {len(paths)} snippets × {len(settings)} settings", flush=True)

    def go(job: tuple[Path, int, int, str]) -> Run:
        run = run_one(job[0], job[1], job[2], job[3] if len(devices) > 1 or job[3] != "cpu" else None)
        bad = [c.name for c in run.claims if not c.ok]
        status = "ok" if run.returncode == 0 and not bad else f"FAILED {bad or run.error}"
        print(f"  {run.snippet} ({run.setting}): {status}", flush=True)
        return run

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(go, jobs))
    rows, broken = summarize(runs)
    text = table(rows, runs, len(settings))
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    failed = [r for r in rows if r.held < len(r.values)]
    for run in broken:
        print(f"claims: {run.snippet} ({run.setting}) exited {run.returncode}: {run.error}", file=sys.stderr)
    return 1 if failed or broken else 0


if __name__ == "__main__":
    sys.exit(main())
