"""What the timecodes may point at: topic pages (``docs/topics/<name>.md``) and their headings."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify as default_slugify

TOPICS_DIR = "topics"
# a topic page's API section starts here (the hooks put the «Упражнения» line above it)
API_HEADING = "## API"
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"#([\w-]+)")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class TopicPage:
    """A topic page's title (its first ``#`` heading) and the ids of its headings."""

    name: str
    title: str
    anchors: frozenset[str] = field(default_factory=frozenset)


def scan_markdown(name: str, markdown: str, slugify: Callable[[str, str], str] = default_slugify) -> TopicPage:
    """Read the title and heading ids of one page, skipping fenced code."""
    title, anchors, in_fence = name, set(), False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if not match:
            continue
        level, text, attrs = match.groups()
        explicit = _EXPLICIT_ID.search(attrs or "")
        anchors.add(explicit.group(1) if explicit else slugify(text, "-"))
        if level == "#" and title == name:
            title = text
    return TopicPage(name, title, frozenset(anchors))


def scan_topics(docs_dir: Path | str, slugify: Callable[[str, str], str] = default_slugify) -> dict[str, TopicPage]:
    """Every ``docs/topics/*.md`` page by name."""
    return {
        path.stem: scan_markdown(path.stem, path.read_text(encoding="utf-8"), slugify)
        for path in sorted((Path(docs_dir) / TOPICS_DIR).glob("*.md"))
    }


# Callables a mkdocs.yml may name as the toc slugify; nothing else in the file is constructed.
_SLUGIFY_MODULES = ("pymdownx.slugs", "markdown.extensions.toc")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without mkdocs (seconds to import with its plugins): ``!ENV``,
    ``!relative`` and other tags become None, except a slugify function of `_SLUGIFY_MODULES`."""


def _apply(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    module, _, name = suffix.rpartition(".")
    if module not in _SLUGIFY_MODULES:
        return None
    kwds = loader.construct_mapping(node, deep=True).get("kwds", {}) if isinstance(node, yaml.MappingNode) else {}
    return getattr(importlib.import_module(module), name)(**kwds)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _apply)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def mkdocs_settings(config_file: Path | str) -> tuple[Path, Callable[[str, str], str]]:
    """The docs folder and the heading slugify of a mkdocs.yml, as the build will use them.

    Raises
    ------
    ValueError
        When the file cannot be read or is not YAML; the message names it.
    """
    config_file = Path(config_file)
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ValueError(f"{config_file}: cannot read the mkdocs configuration: {err}") from None
    slugify = default_slugify
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and isinstance(extension.get("toc"), dict):
            slugify = extension["toc"].get("slugify") or default_slugify
    return config_file.parent / config.get("docs_dir", "docs"), slugify
