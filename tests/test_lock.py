"""requirements-lock.txt (``python3 scripts/dev.py lock``) pins every dependency pyproject.toml names."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT


def pins(path: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            found[canonicalize_name(name)] = version.strip()
    return found


def test_lock_pins_every_declared_dependency_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    locked = pins("requirements-lock.txt")
    wrong = []
    for line in project["dependencies"] + project["optional-dependencies"]["dev"]:
        req = Requirement(line)
        version = locked.get(canonicalize_name(req.name))
        if version is None or not req.specifier.contains(version, prereleases=True):
            wrong.append(f"{line}: locked {version}")
    assert wrong == [], "run `python3 scripts/dev.py lock`: " + "; ".join(wrong)
    # torch: the CPU-capable pin of constraints.txt
    assert locked["torch"] == pins("constraints.txt")["torch"]
