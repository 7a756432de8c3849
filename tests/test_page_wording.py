"""What the teaching pages may and may not say, checked on their Markdown.

* No page promises a result «при любом seed»: the snippets are run for the seeds they name.
* Teaching pages (topics and notebooks) keep to the lecture's ideas: allocators, BLAS kernels and
  page faults belong on the contributors' page.
* Every topic page has lecture moments in the timecodes, so its first screen says where to watch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_page_numbers import page_markdown, pages

DOCS = ROOT / "docs"
TOPICS = sorted((DOCS / "topics").glob("*.md"))
TEACHING = [p for p in pages() if p.parent.name in ("topics", "notebooks")]
ENGINEERING = re.compile(r"malloc|mallopt|аллокатор|allocator|OpenBLAS|page fault|страничн\w* ошибк|SkylakeX|Haswell", re.I)
ANY_SEED = re.compile(r"(?:при|для)\s+любо\w+\s+seed|any seed", re.I)


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_page_promises_every_seed(path: Path) -> None:
    found = [m.group(0) for m in ANY_SEED.finditer(page_markdown(path))]
    assert not found, f"{path.relative_to(ROOT)}: say the seeds that were run («для seed 0–9»), not {found}"


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_teaching_pages_leave_engineering_to_the_contributors_page(path: Path) -> None:
    found = sorted(set(ENGINEERING.findall(page_markdown(path))))
    assert not found, f"{path.relative_to(ROOT)} mentions {found}: that belongs on docs/contributors.md"


def first_paragraph(path: Path) -> str:
    """The text right under a page's title (where «В лекциях» and the page's own opening go)."""
    body = path.read_text(encoding="utf-8").split("\n\n")
    return next((b for b in body[1:] if b.strip() and not b.startswith("#")), "")


def test_every_topic_page_has_lecture_moments_or_says_the_lectures_lack_it() -> None:
    """A topic page opens with where to watch; a page from the slides alone says so at once."""
    yaml_text = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "timecodes").glob("*.yml"))
    pointed = set(re.findall(r"^\s*topic:\s*([\w-]+)", yaml_text, re.M))
    missing = [
        p.stem for p in TOPICS
        if p.stem not in pointed and not re.search(r"В лекциях[^.]*\bнет\b", first_paragraph(p))
    ]
    assert not missing, f"topic pages with no lecture moment that do not say so first: {missing}"


def test_the_wording_checks_can_fail() -> None:
    assert ANY_SEED.search("это верно при любом seed") and ENGINEERING.search("mallopt держит память")
