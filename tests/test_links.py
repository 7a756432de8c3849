"""Every internal link and anchor of the built site resolves; every heading has a unique id.

`mkdocs build --strict` checks the Markdown's links, not what plugins put in the HTML
(notebook pages, API pages, the table of contents): this reads the built HTML itself.
"""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from tests.conftest import ROOT


class _Env(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV [NAME, default]``: the default."""


_Env.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_Env.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
SITE_PATH = urlsplit(yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Env)["site_url"]).path


class PageParser(HTMLParser):
    """Collects ids, links and the headings inside ``<article>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.headings: list[tuple[str, str | None]] = []  # (tag, id) inside <article>
        self.depth = 0  # how deep inside <article> we are

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id") is not None:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) and tag in {"a", "link", "img", "script"}:
                self.links.append(a[attr])
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append((tag, a.get("id")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1


def parse(page: Path) -> PageParser:
    parser = PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[Path, PageParser]:
    return {page: parse(page) for page in sorted(built_site.rglob("*.html"))}


def target_of(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for outside links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    base = "/" + page.relative_to(site).as_posix()
    path = unquote(urlsplit(urljoin(base, parts.path)).path) if parts.path else base
    if link.startswith(SITE_PATH):  # the 404 page links from the site's root (site_url's path)
        path = "/" + path.removeprefix(SITE_PATH)
    file = site / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return file, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Path, pages: dict[Path, PageParser]) -> None:
    broken = []
    checked = 0
    for page, parsed in pages.items():
        for link in parsed.links:
            target = target_of(built_site, page, link)
            if target is None:
                continue
            file, fragment = target
            checked += 1
            if not file.exists():
                broken.append(f"{page.relative_to(built_site)}: {link} (no file)")
            elif fragment and file.suffix == ".html":
                ids = pages[file].ids if file in pages else parse(file).ids
                if fragment not in ids:
                    broken.append(f"{page.relative_to(built_site)}: {link} (no #{fragment})")
    assert checked > 1000  # the site's navigation alone has that many: the parser saw them
    assert broken == [], "\n".join(broken)


def test_every_heading_has_a_unique_nonempty_id(built_site: Path, pages: dict[Path, PageParser]) -> None:
    bad = []
    notebooks = 0
    for page, parsed in pages.items():
        if page == built_site / "404.html":
            continue  # the theme's "404 - Not found": no page content, nothing links into it
        ids = [i for _, i in parsed.headings]
        notebooks += page.parent.parent.name == "notebooks" and bool(ids)
        if any(not i for i in ids):
            bad.append(f"{page.relative_to(built_site)}: a heading without an id {parsed.headings}")
        repeated = [i for i, n in Counter(ids).items() if i and n > 1]
        if repeated:
            bad.append(f"{page.relative_to(built_site)}: repeated heading ids {repeated}")
    assert notebooks >= 8  # notebook pages were checked too (their ids come from a hook)
    assert bad == [], "\n".join(bad)


def test_search_index_has_one_entry_per_location_and_no_yo(built_site: Path) -> None:
    """Two entries at one location break Material's search worker for every query."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = Counter(d["location"] for d in docs)
    assert len(docs) > 500
    assert [loc for loc, n in locations.items() if n > 1] == []
    assert not any("ё" in d["title"] + d["text"] for d in docs)
    assert any("свертк" in d["text"] for d in docs)  # «свёртка» is there, spelled with «е»


def test_notebook_pages_offer_their_file(built_site: Path) -> None:
    for page in (built_site / "notebooks").glob("*/index.html"):
        name = page.parent.name + ".ipynb"
        assert f'href="{name}" download' in page.read_text(encoding="utf-8"), page
        assert json.loads((page.parent / name).read_text(encoding="utf-8"))["cells"], page
