"""Every file in snippets/ runs as a script: its own claims check what its page claims.

Also the claims machinery itself: `lectureref.claims` and the sweep ``scripts/claims.py``.
"""

from __future__ import annotations

import runpy
import textwrap
from pathlib import Path

import matplotlib
import pytest
import torch

from lectureref import claims
from lectureref.claims import LOG_ENV, SEED_ENV, THREADS_ENV, claim, read_log, reproducible
from scripts import claims as sweep
from tests.conftest import ROOT

SNIPPETS = sorted(p for p in (ROOT / "snippets").rglob("*.py") if p.name != "__init__.py")


@pytest.fixture
def no_sweep_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each snippet with its own seed and thread count, and a failed claim raising."""
    for name in (LOG_ENV, SEED_ENV, THREADS_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("path", SNIPPETS, ids=[str(p.relative_to(ROOT / "snippets")) for p in SNIPPETS])
def test_snippet_runs(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_sweep_env: None) -> None:
    matplotlib.use("Agg")  # snippets that plot must not need a screen
    monkeypatch.chdir(tmp_path)  # anything a snippet writes lands in a temporary folder
    runpy.run_path(str(path), run_name="__main__")


def test_there_are_snippets() -> None:
    assert len(SNIPPETS) >= 2


def test_a_failed_claim_raises_with_its_numbers(no_sweep_env: None) -> None:
    assert claim("loss", 0.1, "<", 0.2) == 0.1
    with pytest.raises(AssertionError, match=r"claim 'loss' does not hold: 0\.3 < 0\.2 is false"):
        claim("loss", 0.3, "<", 0.2)
    assert claim("rounded", round(1.915, 2) + 1e-16, "==", 1.92)  # equal up to the last bits
    with pytest.raises(AssertionError):
        claim("rounded", 1.921, "==", 1.92)
    with pytest.raises(ValueError, match="op must be one of"):
        claim("loss", 0.1, "≤", 0.2)


def test_with_a_log_claims_are_recorded_and_failures_do_not_raise(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    log = tmp_path / "claims.jsonl"
    monkeypatch.setenv(LOG_ENV, str(log))
    claim("accuracy", 0.97, ">=", 0.95)
    claim("accuracy", 0.90, ">=", 0.95)
    assert read_log(log) == [claims.Claim("accuracy", 0.97, ">=", 0.95, True), claims.Claim("accuracy", 0.90, ">=", 0.95, False)]


def test_reproducible_fixes_threads_and_seed_and_the_environment_overrides(monkeypatch: pytest.MonkeyPatch, no_sweep_env: None) -> None:
    before = torch.get_num_threads()
    try:
        assert reproducible(7, threads=2) == 7 and torch.get_num_threads() == 2
        first = torch.rand(3)
        reproducible(7)
        assert torch.equal(torch.rand(3), first) and torch.get_num_threads() == 1
        monkeypatch.setenv(SEED_ENV, "11")
        monkeypatch.setenv(THREADS_ENV, "2")
        assert reproducible(7) == 11 and torch.get_num_threads() == 2
        monkeypatch.setenv(SEED_ENV, "eleven")
        with pytest.raises(ValueError, match="LECTUREREF_SEED='eleven'"):
            reproducible(7)
    finally:
        torch.set_num_threads(before)


def test_the_sweep_reports_the_worst_value_of_each_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A snippet whose measured value is its seed: the worst over seeds 0, 1, 2 is known in advance.
    folder = tmp_path / "snippets" / "toy"
    folder.mkdir(parents=True)
    (folder / "seeded.py").write_text(textwrap.dedent("""
        from lectureref.claims import claim, reproducible

        seed = reproducible(0)
        claim("seed", seed, "<", 2)
        claim("seed", seed, ">=", 0)
    """))
    monkeypatch.setattr(sweep, "SNIPPETS", tmp_path / "snippets")
    out = tmp_path / "table.md"
    code = sweep.main(["toy", "--seeds", "0", "1", "2", "--threads", "1", "--device", "cpu", "-o", str(out)])
    assert code == 1  # seed 2 breaks "seed < 2"
    rows = [line for line in out.read_text().splitlines() if line.startswith("| toy/seeded.py")]
    assert rows[0].endswith("| < 2 | 2 | 2/3 ✗ |")
    assert rows[1].endswith("| >= 0 | 0 | 3/3 |")
    assert rows[2].endswith("| 3/3 |")  # no run crashed


def test_the_sweep_counts_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "snippets" / "toy"
    folder.mkdir(parents=True)
    (folder / "broken.py").write_text("assert 1 + 1 == 3, 'arithmetic'\n")
    monkeypatch.setattr(sweep, "SNIPPETS", tmp_path / "snippets")
    runs = [sweep.run_one(folder / "broken.py", seed, 1, None) for seed in (0, 1)]
    rows, broken = sweep.summarize(runs)
    assert rows == [] and len(broken) == 2 and "arithmetic" in broken[0].error
