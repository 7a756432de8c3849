"""«В лекциях» on the API pages (`lectureref.timecodes.api_moments`)."""

from __future__ import annotations

from pathlib import Path

from lectureref.timecodes import load_courses
from lectureref.timecodes.api_moments import api_moments, module_topics
from lectureref.timecodes.render import moments
from tests.conftest import DOCS


def api_page(module: str) -> str:
    """The API page's Markdown as ``hooks/api.py`` writes it."""
    return f"# `{module}`\n\n::: {module}\n    options:\n      show_root_heading: false\n"


def test_topic_pages_name_their_modules() -> None:
    found = module_topics(DOCS)
    for path in sorted((DOCS / "topics").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("::: "):
                assert path.stem in [name for name, _ in found[line[4:].strip()]]


def test_api_page_gets_its_topic_moments_above_the_reference() -> None:
    found = moments(load_courses(DOCS / "timecodes"))
    documented = {name: module for module, topics in module_topics(DOCS).items() for name, _ in topics}
    topic = next(name for name in found if name in documented)
    module = documented[topic]
    page = module.removeprefix("lectureref.").replace(".", "/")
    text = api_moments(api_page(module), f"api/{page}.md", found, DOCS)
    head, block = text.split("## В лекциях {#v-lektsiyakh}")
    prefix = "../" * (page.count("/") + 1)
    assert f"]({prefix}topics/{topic}.md)" in head
    assert block.index("\n::: ") > 0  # the reference stays below the moments
    listed = [line for line in block.splitlines() if line.startswith("- ")]
    assert len(listed) == len(found[topic])
    assert all(f"]({prefix}lectures/" in line for line in listed)


def test_pages_without_moments_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "knn.md").write_text("# kNN\n\n::: lectureref.knn\n", encoding="utf-8")
    page = api_page("lectureref.knn")
    assert api_moments(page, "api/knn.md", {}, tmp_path) == page  # no timecode points to knn
    assert api_moments(page, "topics/knn.md", {}, tmp_path) == page
    assert api_moments("# API\n", "api/index.md", {}, tmp_path) == "# API\n"
