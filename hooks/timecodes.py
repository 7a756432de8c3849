"""MkDocs hook: the lecture index from ``docs/timecodes/*.yml``, and the navigation's order.

Nothing generated is written into ``docs/``: pages are virtual files (``File.generated``), so
``mkdocs serve`` re-renders them whenever a YAML file or a topic page changes. Generated:

* ``lectures/index.md`` — every course, lecture and timecode on one page;
* ``lectures/<course>/<number or video id>.md`` — one page per lecture;
* ``lectures/topics.md`` — topic → moments;
* the "В лекциях" block of each topic page and of its module's API page;
* a timeline (inline SVG) on each lecture page and on the index.

A bad YAML file, or a timecode past its video's end (per ``docs/timecodes/metadata.json``),
stops the build with ``file:line: message`` for each problem.

Navigation stays automatic (every page under docs/ appears, generated ones too); ``on_nav``
only orders and renames the folder-named sections: top level in a reader's order, lectures
and topics in course order. The page rendering itself lives in ``lectureref.timecodes.render``.
"""

from __future__ import annotations

from pathlib import Path

from markdown.extensions.toc import slugify as default_slugify
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from lectureref.timecodes.api_moments import api_moments
from lectureref.timecodes.errors import TimecodeError
from lectureref.timecodes.render import (
    INDEX_PAGE,
    TOPICS_PAGE,
    Moment,
    backlinks,
    index_page,
    lecture_page_text,
    lecture_path,
    topics_page,
)
from lectureref.timecodes.schema import Course
from lectureref.timecodes.timeline import course_timeline, lecture_timeline, topic_colours
from lectureref.timecodes.topics import TOPICS_DIR
from lectureref.timecodes.view import load_docs

SECTION_TITLES = {
    "Lectures": "Лекции", "Topics": "Темы", "Exercises": "Упражнения", "Notebooks": "Ноутбуки с графиками", "Api": "API",
}
# A reader's order (auto-nav sorts folders by name, which would put the API first).
SECTION_ORDER = ["Lectures", "Topics", "Exercises", "Notebooks", "Api"]

_courses: list[Course] = []
_moments: dict[str, list[Moment]] = {}  # topic page → its moments, grouped once per build


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the YAML against the topic pages and the metadata cache; add the generated pages."""
    slugify = config.mdx_configs.get("toc", {}).get("slugify", default_slugify)
    try:  # the same view, and checks, as `python -m lectureref.timecodes check` and the exercises hook
        view = load_docs(config.docs_dir, slugify)
    except TimecodeError as err:
        raise PluginError(f"invalid timecodes:\n{err}") from None
    courses, cache, titles = view.courses, view.cache, view.titles
    _courses[:] = courses
    _moments.clear()
    _moments.update(view.moments)
    timelines = "\n\n".join(filter(None, (course_timeline(c, cache, titles) for c in courses)))
    files.append(File.generated(config, INDEX_PAGE, content=index_page(courses, titles, timelines)))
    files.append(File.generated(config, TOPICS_PAGE, content=topics_page(courses, titles)))
    for course in courses:
        colours = topic_colours(course)
        for lecture in course.lectures:
            timeline = lecture_timeline(course, lecture, cache, titles, colours)
            text = lecture_page_text(course, lecture, titles, timeline)
            files.append(File.generated(config, lecture_path(course, lecture), content=text))
    return files


def _order_lectures(section: Section) -> None:
    """Index, topics, then one section per course named by its title, its lectures in course
    order (auto-nav would sort ``10.md`` before ``2.md``)."""
    pages = {lecture_path(c, lec): (c, i) for c in _courses for i, lec in enumerate(c.lectures)}
    slugs = [c.slug for c in _courses]
    for child in section.children:
        if isinstance(child, Section) and child.children and isinstance(child.children[0], Page):
            first = pages.get(child.children[0].file.src_uri)
            if first is not None:
                child.title = first[0].title
                child.children.sort(key=lambda p: pages.get(p.file.src_uri, (None, 10**6))[1])

    def key(item: object) -> tuple[int, int]:
        if isinstance(item, Page):
            return (0, 0) if item.file.src_uri == INDEX_PAGE else (1, 0)
        uri = item.children[0].file.src_uri if isinstance(item, Section) and item.children else ""
        course = pages.get(uri, (None, 0))[0]
        return (2, slugs.index(course.slug) if course else len(slugs))

    section.children.sort(key=key)


def _order_topics(section: Section) -> None:
    """Topic pages in the order the course first reaches them; topics no timecode points to
    come last, by title."""
    first = {page: i for i, page in enumerate(_moments)}  # _moments keeps first-mention order

    def key(page: Page) -> tuple[int, str]:
        name = Path(page.file.src_uri).stem
        return (first.get(name, len(first)), str(page.title or name))

    section.children.sort(key=key)


def _order_top_level(nav: Navigation) -> None:
    """Top-level sections in a reader's order, with Russian names."""

    def rank(item: object) -> int:
        if not isinstance(item, Section):  # the home page first; sources and contributors last
            return 0 if isinstance(item, Page) and item.file.src_uri == "index.md" else len(SECTION_ORDER) + 2
        return SECTION_ORDER.index(item.title) + 1 if item.title in SECTION_ORDER else len(SECTION_ORDER) + 1

    nav.items.sort(key=rank)
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        folder = item.title
        item.title = SECTION_TITLES.get(folder, folder)
        if folder == "Api":
            for child in item.children:
                if isinstance(child, Section):  # a subpackage: api/timecodes/ → lectureref.timecodes
                    child.title = f"lectureref.{child.title.lower()}"


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Order the top level, the lectures section and the topics section (all auto-generated)."""
    for section in nav.items:
        if not isinstance(section, Section):
            continue
        pages = [p for p in section.children if isinstance(p, Page)]
        if any(p.file.src_uri == INDEX_PAGE for p in pages):
            _order_lectures(section)
        elif pages and all(p.file.src_uri.startswith(f"{TOPICS_DIR}/") for p in pages):
            _order_topics(section)
    _order_top_level(nav)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Open each topic page with "В лекциях": the video moments that cover it, right under the title.

    A reader first sees where to watch; the page's own first paragraph, which follows the list,
    says what the lecture shows there and what the page adds.
    """
    uri = page.file.src_uri
    if uri.startswith("api/"):
        return api_moments(markdown, uri, _moments, config.docs_dir)
    if not (uri.startswith(f"{TOPICS_DIR}/") and uri.endswith(".md")):
        return markdown
    block = backlinks(_moments.get(Path(uri).stem, []))
    if not block:
        return markdown
    return under_title(markdown, block)


def under_title(markdown: str, block: str) -> str:
    """``markdown`` with ``block`` inserted after its ``# Title`` line (at the top if it has none)."""
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", block, *lines[i + 1 :]])
        if line.strip() and not line.startswith("<!--"):
            break
    return f"{block}\n{markdown}"
