#!/usr/bin/env python3
"""The claims sweep: every snippet under several seeds and thread counts, worst value per claim.

    .venv/bin/python scripts/claims.py                 # {1, 2} threads × seeds 0–9, all snippets
    .venv/bin/python scripts/claims.py lr_schedules gan/ring.py --seeds 0 1 2 3 4

Each setting runs every snippet in one fresh interpreter (``--isolated``: one per snippet) with
``LECTUREREF_SEED``, ``LECTUREREF_THREADS`` and ``LECTUREREF_CLAIMS_LOG`` set (see
`lectureref.claims`); with a CUDA device the runs are repeated there (``LECTUREREF_DEVICE``).
The table lists, per snippet, each claim's worst value over the runs against its bound, and how
many runs it held in; a snippet's plain asserts (exact agreements, counts) count in the row
``runs without error``. The exit code is 1 if anything failed.
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
        env = {**_env(seed, threads, device), LOG_ENV: str(log)}
        code = f"import runpy; runpy.run_path({str(path)!r}, run_name='__main__')"
        proc = subprocess.run([sys.executable, "-c", code], cwd=tmp, env=env, capture_output=True, text=True)
        claims = read_log(log) if log.exists() else []
    error = proc.stderr.strip().splitlines()[-1] if proc.returncode else ""
    return Run(str(path.relative_to(SNIPPETS)), setting, claims, proc.returncode, error)


def _env(seed: int, threads: int, device: str | None) -> dict[str, str]:
    env = {
        **os.environ, SEED_ENV: str(seed), THREADS_ENV: str(threads),
        "OMP_NUM_THREADS": str(threads), "MPLBACKEND": "Agg", "PYTHONPATH": str(ROOT),
    }
    if device:
        env["LECTUREREF_DEVICE"] = device
    return env


def worker(out: str, paths: list[str]) -> None:
    """Run ``paths`` one after another in this process; claims and errors go to files in ``out``.

    One interpreter per setting instead of one per snippet: torch and scikit-learn are imported
    once. Every snippet fixes its own seeds and threads (`reproducible`), so they do not leak.
    """
    import runpy
    import traceback

    for i, path in enumerate(paths):
        os.environ[LOG_ENV] = str(Path(out) / f"{i}.jsonl")
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)
            try:
                runpy.run_path(path, run_name="__main__")
            except BaseException:  # noqa: BLE001 - a snippet's failure is reported, not raised
                lines = traceback.format_exc().strip().splitlines()
                (Path(out) / f"{i}.err").write_text(lines[-1] if lines else "error", encoding="utf-8")
            finally:
                os.chdir(ROOT)
        (Path(out) / f"{i}.done").touch()


def run_batch(paths: list[Path], seed: int, threads: int, device: str | None) -> list[Run]:
    """Run every snippet of ``paths`` under one setting in one fresh interpreter (`worker`)."""
    setting = f"seed {seed}, {threads} thr" + (f", {device}" if device else "")
    with tempfile.TemporaryDirectory() as out:
        code = f"from scripts.claims import worker; worker({out!r}, {[str(p) for p in paths]!r})"
        proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(seed, threads, device),
                              capture_output=True, text=True)
        runs = []
        for i, path in enumerate(paths):
            log, err, done = (Path(out) / f"{i}{ext}" for ext in (".jsonl", ".err", ".done"))
            claims = read_log(log) if log.exists() else []
            if not done.exists():
                tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
                runs.append(Run(str(path.relative_to(SNIPPETS)), setting, claims, 1, f"worker died: {tail[0]}"))
            elif err.exists():
                runs.append(Run(str(path.relative_to(SNIPPETS)), setting, claims, 1, err.read_text(encoding="utf-8")))
            else:
                runs.append(Run(str(path.relative_to(SNIPPETS)), setting, claims, 0))
    return runs


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
    parser.add_argument("--seeds", type=int, nargs="+", default=list(range(10)))
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--device", nargs="+", default=None,
                        help="devices to run on (default: cpu, plus cuda when torch sees one)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="settings (or, isolated, snippet runs) at a time")
    parser.add_argument("--isolated", action="store_true", help="a fresh interpreter for every snippet run")
    parser.add_argument("-o", "--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)

    devices = args.device
    if devices is None:
        import torch

        devices = ["cpu", "cuda"] if torch.cuda.is_available() else ["cpu"]
    settings = list(product(args.seeds, args.threads, devices))
    paths = find_snippets(args.patterns)
    print(f"claims: {len(paths)} snippets × {len(settings)} settings", flush=True)

    def report(run: Run) -> Run:
        bad = [c.name for c in run.claims if not c.ok]
        status = "ok" if run.returncode == 0 and not bad else f"FAILED {bad or run.error}"
        print(f"  {run.snippet} ({run.setting}): {status}", flush=True)
        return run

    def label(device: str) -> str | None:
        return device if len(devices) > 1 or device != "cpu" else None

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        if args.isolated:
            jobs = [(p, s, t, d) for p in paths for s, t, d in settings]
            runs = list(pool.map(lambda j: report(run_one(j[0], j[1], j[2], label(j[3]))), jobs))
        else:
            batches = pool.map(lambda st: [report(r) for r in run_batch(paths, st[0], st[1], label(st[2]))], settings)
            runs = [run for batch in batches for run in batch]
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
