"""MkDocs hook: each page's "edit" action opens the file the page is made from.

A Markdown page or notebook under ``docs/`` keeps mkdocs' own edit link (``repo_url`` +
``edit_uri``). Generated pages point at their source instead of a file that does not exist:

* a lecture page (``lectures/<course>/<n>/``) at the line of its lecture in the course's YAML
  (``docs/timecodes/<course>.yml#L<line>``, from ``lectureref.timecodes``' line numbers);
* the lecture index and topics → moments at the folder of the timecode YAML files;
* an API page (``api/<module>/``) at the module's ``.py`` file.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from lectureref.timecodes import render
from lectureref.timecodes.errors import TimecodeError
from lectureref.timecodes.schema import Course
from lectureref.timecodes.view import load_docs

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "main"
TIMECODES = "docs/timecodes"
_sources: dict[str, str] = {}  # generated page → its source's URL


def sources(repo_url: str, courses: list[Course]) -> dict[str, str]:
    """The source URL of each generated page of the lecture index."""
    repo = repo_url.rstrip("/")
    found = {
        render.INDEX_PAGE: f"{repo}/tree/{BRANCH}/{TIMECODES}",
        render.TOPICS_PAGE: f"{repo}/tree/{BRANCH}/{TIMECODES}",
    }
    for course in courses:
        for i, lecture in enumerate(course.lectures):
            found[render.lecture_path(course, lecture)] = (
                f"{repo}/blob/{BRANCH}/{TIMECODES}/{course.path.name}#L{course.line('lectures', i)}"
            )
    return found


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Map this build's generated lecture pages to their YAML lines."""
    _sources.clear()
    if config.repo_url:
        slugify = config.mdx_configs.get("toc", {}).get("slugify")
        try:  # the view the timecodes hook has just loaded: no second read of the YAML
            courses = load_docs(config.docs_dir, slugify).courses
        except TimecodeError:
            return files  # the timecodes hook stops the build with the details
        _sources.update(sources(config.repo_url, courses))
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Point the page's edit action at its source."""
    if not config.repo_url:
        return context
    uri = page.file.src_uri
    repo = config.repo_url.rstrip("/")
    if uri in _sources:
        page.edit_url = _sources[uri]
    elif uri.startswith("api/") and uri != "api/index.md":
        module = Path("lectureref") / uri.removeprefix("api/").removesuffix(".md")
        path = module.with_suffix(".py") if (ROOT / module.with_suffix(".py")).exists() else module / "__init__.py"
        page.edit_url = f"{repo}/edit/{BRANCH}/{path.as_posix()}"
    elif page.file.generated_by is not None and page.file.abs_src_path is None:
        page.edit_url = None  # generated, with no file to edit
    return context
