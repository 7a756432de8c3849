"""MkDocs hook: the top-level sections in a reader's order, with Russian names.

Navigation stays automatic (every page under docs/ appears, generated ones too); this hook
only orders and renames the folder-named sections. The order inside the lectures and topics
sections comes from the timecodes (``lectureref/timecodes/mkdocs_hook.py``).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

TITLES = {"Lectures": "Лекции", "Topics": "Темы", "Exercises": "Упражнения", "Notebooks": "Ноутбуки с графиками", "Api": "API"}
# A reader's order (auto-nav sorts folders by name, which would put the API first).
ORDER = ["Lectures", "Topics", "Exercises", "Notebooks", "Api"]


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Order and rename the top-level sections."""

    def rank(item: object) -> int:
        if not isinstance(item, Section):
            return 0  # the home page
        return ORDER.index(item.title) + 1 if item.title in ORDER else len(ORDER) + 1

    nav.items.sort(key=rank)
    for item in nav.items:
        if not isinstance(item, Section):
            continue
        folder = item.title
        item.title = TITLES.get(folder, folder)
        if folder == "Api":
            for child in item.children:
                if isinstance(child, Section):  # a subpackage: api/timecodes/ → lectureref.timecodes
                    child.title = f"lectureref.{child.title.lower()}"
    return nav
