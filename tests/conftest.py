"""Shared fixtures: paths into the repo and the seed material in ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed notes (real data); tests that need them skip with a reason when absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed notes not found at {SEEDS} (CI places ../shared beside the clone)")
    return SEEDS


def pytest_configure(config: pytest.Config) -> None:
    """One torch thread per xdist worker: two workers on two cores, no oversubscription."""
    import os

    if os.environ.get("PYTEST_XDIST_WORKER"):
        import torch

        torch.set_num_threads(1)
