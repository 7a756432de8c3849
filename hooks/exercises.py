"""MkDocs hook: the exercise pages' generated parts, from `lectureref.exercises.catalog` and the timecodes.

* ``exercises/<name>.md`` gets the starter file, the commands and «Моменты лекций» (the
  moments of the exercise's topics, as deep links);
* ``exercises/index.md`` gets the list of all exercises by lecture;
* each topic page an exercise belongs to gets an «Упражнения» line above its API section;
* the exercises section of the nav is ordered by lecture.

Imports no model code: the catalog is plain data.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from markdown.extensions.toc import slugify as default_slugify

from lectureref.exercises.catalog import EXERCISES, ExerciseInfo
from lectureref.timecodes.errors import TimecodeError
from lectureref.timecodes.render import Moment, lecture_label, moment_item
from lectureref.timecodes.topics import API_HEADING, TOPICS_DIR
from lectureref.timecodes.view import load_docs

EXERCISES_DIR = "exercises"
INDEX = f"{EXERCISES_DIR}/index.md"
STARTERS = "lectureref/exercises/starters"
# pymdownx.snippets' marker, kept apart from its argument so this file's own source listing on
# the API page holds no include line
SNIPPET = "--8<--"

_moments: dict[str, list[Moment]] = {}
_order: dict[int, int] = {}  # id(entry) → its place in course, lecture and YAML order
_lectures: dict[int, str] = {}  # lecture number → «Лекция N. Title» of the main course


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Check that every exercise has its page; read the moments once per build."""
    missing = [n for n in EXERCISES if files.get_file_from_path(f"{EXERCISES_DIR}/{n}.md") is None]
    if missing:
        raise PluginError(f"exercises without a page docs/{EXERCISES_DIR}/<name>.md: {', '.join(missing)}")
    slugify = config.mdx_configs.get("toc", {}).get("slugify", default_slugify)
    try:  # the timecodes hook's view of the docs (read once per build, whichever hook asks first)
        view = load_docs(config.docs_dir, slugify)
    except TimecodeError:
        return files  # the timecodes hook reports the YAML's errors with file:line
    courses = view.courses
    _moments.clear()
    _moments.update(view.moments)
    _lectures.clear()
    _order.clear()
    for course in courses:
        for lecture in course.lectures:
            _order.update((id(e), len(_order) + i) for i, e in enumerate(lecture.entries))
            if course.playlist and lecture.number is not None:
                _lectures.setdefault(lecture.number, lecture_label(lecture))
    return files


def exercise_moments(info: ExerciseInfo) -> list[Moment]:
    """The moments of ``info``'s topics (an anchored topic: only its anchor), each once, in course order."""
    seen: dict[int, Moment] = {}
    for ref in info.topics:
        page, _, anchor = ref.partition("#")
        for moment in _moments.get(page, []):
            if not anchor or moment[2].anchor == anchor:
                seen.setdefault(id(moment[2]), moment)
    return sorted(seen.values(), key=lambda m: _order.get(id(m[2]), 0))


def exercise_tail(info: ExerciseInfo) -> str:
    """Starter, commands and lecture moments of one exercise page."""
    # an untimed note links the start of its stretch of the lecture (render.stretch)
    items = [moment_item(c, lec, e, "../") for c, lec, e in exercise_moments(info)]
    return "\n".join([
        "## Заготовка {#starter}",
        "",
        "Её же запишет команда `start`. Имена и сигнатуры функций менять нельзя — по ним `check` находит ваш код.",
        "",
        "```{.python notest}",
        f'{SNIPPET} "{STARTERS}/{info.name}.py"',
        "```",
        "",
        "## Как проверить {#check}",
        "",
        "```bash",
        f"python -m lectureref.exercises start {info.name}             # запишет {info.name}.py в текущую папку",
        f"python -m lectureref.exercises check {info.name} {info.name}.py   # код выхода 0 — всё верно",
        "```",
        "",
        "Для каждой проверки `check` печатает PASS или FAIL с причиной: какой вход, что ожидалось и что "
        "получено, где ошибка больше всего, — и ссылки на моменты лекций, которые это объясняют.",
        "",
        "## Моменты лекций {#moments}",
        "",
        *(items or ["Моментов с этими темами в таймкодах пока нет."]),
        "",
    ])


def index_list() -> str:
    """All exercises by lecture, as Markdown."""
    out = []
    for number in sorted({e.lecture for e in EXERCISES.values()}):
        out += [f"## {_lectures.get(number, f'Лекция {number}')} {{#lecture-{number}}}", ""]
        for info in sorted((e for e in EXERCISES.values() if e.lecture == number), key=lambda e: e.name):
            names = ", ".join(f"`{fn}`" for fn in info.functions)
            out.append(f"- [{info.title}]({info.name}.md) — `{info.name}`: {names}")
        out.append("")
    return "\n".join(out)


def topic_line(page: str) -> str:
    """The «Упражнения» line of a topic page, or "" if no exercise belongs to it."""
    found = [e for e in EXERCISES.values() if page in {t.partition("#")[0] for t in e.topics}]
    if not found:
        return ""
    links = ", ".join(f"[{e.title}](../{EXERCISES_DIR}/{e.name}.md)" for e in found)
    return f"**Упражнения:** {links} — напишите сами и проверьте на своей машине.\n"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the generated parts to exercise pages, the index and topic pages."""
    uri = page.file.src_uri
    name = Path(uri).stem
    if uri == INDEX:
        return f"{markdown.rstrip()}\n\n{index_list()}"
    if uri.startswith(f"{EXERCISES_DIR}/") and name in EXERCISES:
        return f"{markdown.rstrip()}\n\n{exercise_tail(EXERCISES[name])}"
    if uri.startswith(f"{TOPICS_DIR}/"):
        line = topic_line(name)
        if line:
            head, api, tail = markdown.partition(f"\n{API_HEADING}")
            return f"{head.rstrip()}\n\n{line}{api}{tail}" if api else f"{markdown.rstrip()}\n\n{line}"
    return markdown


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The exercises section: the index first, then by lecture."""
    for section in nav.items:
        if isinstance(section, Section) and any(
            isinstance(p, Page) and p.file.src_uri == INDEX for p in section.children
        ):
            def key(p: object) -> tuple[int, str]:
                stem = Path(p.file.src_uri).stem if isinstance(p, Page) else ""
                return (0, "") if stem == "index" else (EXERCISES[stem].lecture if stem in EXERCISES else 99, stem)

            section.children.sort(key=key)
    return nav
