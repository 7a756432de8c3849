"""MkDocs hook: notebook pages get heading ids from the same slug function as every other page,
and a link to download the notebook.

mkdocs-jupyter takes heading ids from nbconvert, whose slug keeps ASCII only: a Cyrillic heading
gets ``id=""``, its table-of-contents link points nowhere and the search index holds the page
twice under one location. Here each notebook heading is given the ``toc`` extension's slug
(``mkdocs.yml``), made unique on the page the way ``toc`` does it, and the page's table of
contents is rebuilt from the headings themselves. Links from a notebook's Markdown to other
pages (``../topics/gan.md``) are resolved as mkdocs resolves them on Markdown pages (nbconvert
leaves them as written, pointing nowhere). The ``.ipynb`` itself is copied beside the
page by mkdocs-jupyter (``include_source``).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from markdown.extensions.toc import nest_toc_tokens, slugify as default_slugify, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

HEADING = re.compile(r"<h([1-6])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.S)
ID_ATTR = re.compile(r'\sid="[^"]*"')
TAG = re.compile(r"<[^>]+>")
# nbconvert's loader of mermaid diagrams from a CDN (no notebook here draws one): not shipped.
MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S)
MD_LINK = re.compile(r'href="(?P<path>[^":#?]+\.md)(?P<fragment>#[^"]*)?"')


def heading_text(inner: str) -> str:
    """A heading's visible text: no permalink, no tags, entities decoded."""
    return " ".join(html.unescape(TAG.sub("", ANCHOR_LINK.sub("", inner))).split())


def renumber_headings(content: str, slugify: Callable[[str, str], str]) -> tuple[str, list[dict]]:
    """Give every heading in ``content`` a unique, non-empty id from ``slugify``.

    Returns
    -------
    tuple[str, list[dict]]
        The new HTML and flat ``toc`` tokens (``level``, ``id``, ``name``, ``children``).
    """
    used: set[str] = set()
    tokens: list[dict] = []

    def replace(match: re.Match) -> str:
        level, attrs, inner = int(match[1]), match[2], match[3]
        text = heading_text(inner)
        slug = unique(slugify(text, "-") or "section", used)
        tokens.append({"level": level, "id": slug, "name": html.escape(text), "html": html.escape(text), "children": []})
        inner = ANCHOR_LINK.sub(f'<a class="anchor-link" href="#{slug}">¶</a>', inner)
        return f'<h{level} id="{slug}"{ID_ATTR.sub("", attrs)}>{inner}</h{level}>'

    return HEADING.sub(replace, content), tokens


def resolve_page_links(content: str, page: Page, files: Files) -> str:
    """Point ``href="x.md"`` links at the pages they name, relative to this page's URL."""

    def replace(match: re.Match) -> str:
        src = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), match["path"]))
        target = files.get_file_from_path(src)
        if target is None:
            raise PluginError(f"{page.file.src_uri}: link to a missing page {match['path']}")
        return f'href="{target.url_relative_to(page.file)}{match["fragment"] or ""}"'

    return MD_LINK.sub(replace, content)


def download_link(page: Page) -> str:
    """A paragraph linking the notebook file, which sits beside the page's ``index.html``."""
    name = page.file.src_uri.rsplit("/", 1)[-1]
    return (f'<p class="notebook-download"><a href="{html.escape(name)}" download>'
            f"Скачать ноутбук <code>{html.escape(name)}</code></a> — его можно открыть в Jupyter и запустить.</p>\n")


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Re-slug the headings of notebook pages, rebuild their table of contents, link the file."""
    if not page.file.src_uri.endswith(".ipynb"):
        return html_text
    slugify = config.mdx_configs.get("toc", {}).get("slugify", default_slugify)
    content, tokens = renumber_headings(resolve_page_links(MERMAID.sub("", html_text), page, files), slugify)
    page.toc = get_toc(nest_toc_tokens(tokens))
    return download_link(page) + content
