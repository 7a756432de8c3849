"""MkDocs hook: builds the lecture index from ``docs/timecodes/*.yml`` at build time.

Nothing generated is written into ``docs/``: pages are virtual files, so ``mkdocs serve``
re-renders them whenever a YAML file or a topic page changes. A bad YAML file stops the
build with ``file:line: message`` for each problem.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from markdown.extensions.toc import slugify as default_slugify

from lectureref.timecodes.loader import TimecodeError, load_courses
from lectureref.timecodes.render import INDEX_PAGE, backlinks, index_page
from lectureref.timecodes.schema import Course
from lectureref.timecodes.topics import TOPICS_DIR, scan_topics

TIMECODES_DIR = "timecodes"
API_HEADING = "\n## API"

_courses: list[Course] = []


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Validate the YAML against the topic pages and add the generated index page."""
    slugify = config.mdx_configs.get("toc", {}).get("slugify", default_slugify)
    topics = scan_topics(config.docs_dir, slugify)
    try:
        courses = load_courses(Path(config.docs_dir) / TIMECODES_DIR, {n: t.anchors for n, t in topics.items()})
    except TimecodeError as err:
        raise PluginError(f"invalid timecodes:\n{err}") from None
    _courses[:] = courses
    titles = {name: topic.title for name, topic in topics.items()}
    files.append(File.generated(config, INDEX_PAGE, content=index_page(courses, titles)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add "В лекциях" (the video moments that cover it) to each topic page.

    It goes just above the page's ``## API`` section when there is one, else at the end.
    """
    uri = page.file.src_uri
    if not (uri.startswith(f"{TOPICS_DIR}/") and uri.endswith(".md")):
        return markdown
    block = backlinks(_courses, Path(uri).stem)
    if not block:
        return markdown
    head, api, tail = markdown.partition(API_HEADING)
    if api:
        return f"{head.rstrip()}\n\n{block}\n{api}{tail}"
    return f"{markdown.rstrip()}\n\n{block}"
