"""MkDocs hook: a fast, honest ``mkdocs serve``. Does nothing under ``mkdocs build``.

Every save makes ``mkdocs serve`` rebuild the whole site. Most of that time went to work whose
result had not changed: rendering API sections with mkdocstrings, parsing each page (notebooks
with their images) for the search index. While serving, this hook

* keeps each page's HTML, keyed by its final Markdown (after the other hooks added the lecture
  moments and file links) and by the files it may include (``snippets/``, ``lectureref/``): an
  unchanged page skips Markdown and mkdocstrings, and the anchors it registered for
  cross-references are registered again;
* keeps each page's search entries, keyed by its HTML;
* keeps each page's themed output (navigation, header, footer around the content), keyed by
  the page's HTML, title and table of contents, the whole navigation and ``mkdocs.yml``;
* compiles the theme's templates once, and empties the site folder for a rebuild by moving its
  content aside.

These patches reach into mkdocs', Material's search and autorefs' internals, so they apply
only to the versions they were written and tested for (``TESTED``, upper bounds exclusive);
with any other version, or with ``LECTUREREF_SERVE_PATCHES=0``, ``mkdocs serve`` runs as
shipped: full rebuilds, mkdocs' own error handling. ``tests/test_browser.py`` checks that a page
and its search entries after edits during ``serve`` equal a fresh build's.

A failed rebuild (say a timecode with ``21:61``) used to leave the server waiting for a good
build: every request hung and the browser kept the old page. Now the rebuild's error, with
its ``file:line: message``, is served in place of every page until a save fixes it; the
browser's live reload shows it and, after the good save, the page again. ``mkdocs build
--strict`` is untouched and still fails on the same error.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
import mkdocs.utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.serve")
ROOT = Path(__file__).resolve().parent.parent
INCLUDED = ("snippets", "lectureref")  # what `--8<--` and `:::` read besides the page itself

SWITCH = "LECTUREREF_SERVE_PATCHES"
# distribution → (lowest, first untested) version: the internals patched here as they are there
TESTED = {"mkdocs": ((1, 6), (1, 7)), "mkdocs-material": ((9, 5), (9, 9)), "mkdocs-autorefs": ((1, 0), (1, 5))}

_serving = False
_pages: dict[str, dict[str, Any]] = {}  # src_uri → what a render produced, and its key
_search: dict[tuple[str, str], list[dict]] = {}  # (url, hash of the HTML) → index entries
_pending: dict[str, dict[str, Any]] = {}  # this build: pages being rendered or restored
_anchors: list[tuple] = []  # register_anchor calls made while the current page renders
_error: list[str] = []  # the last rebuild's error, while it stands


def _version(name: str) -> tuple[int, ...] | None:
    try:
        text = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


def patches_apply() -> str | None:
    """Why the patches stay off (``None``: they apply)."""
    if os.environ.get(SWITCH, "1") in ("0", "false", "no", "off"):
        return f"{SWITCH}={os.environ[SWITCH]}"
    for name, (low, high) in TESTED.items():
        version = _version(name)
        if version is not None and not low <= version < high:
            return f"{name} {'.'.join(map(str, version))} is outside the tested {low}–{high} (exclusive)"
    return None


def on_startup(command: str, dirty: bool) -> None:
    """Switch the caches on for ``mkdocs serve`` only, and only where the patches apply."""
    global _serving
    _serving = command == "serve"
    if _serving and (reason := patches_apply()):
        log.info(f"plain mkdocs serve (no caches, no error page): {reason}")
        _serving = False


def _included_fingerprint() -> str:
    """Names and modification times of every file a page may include."""
    digest = hashlib.sha256()
    for folder in INCLUDED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(f"{path}:{path.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


_fingerprint = [""]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Wrap this build's search indexer and cross-reference registry with the caches."""
    if not _serving:
        return config
    _pending.clear()
    _fingerprint[0] = _included_fingerprint()
    search = config.plugins.get("material/search")
    if search is not None and hasattr(search, "search_index"):
        search.search_index.add_entry_from_context = _cached_indexer(search.search_index)
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        register = autorefs.register_anchor

        def recording(page: Page, identifier: str, anchor: str | None = None, **kw: Any) -> None:
            _anchors.append((identifier, anchor, kw))
            register(page, identifier, anchor, **kw)

        autorefs.register_anchor = recording
    return config


def _cached_indexer(index: Any) -> Callable[[Page], None]:
    add = index.add_entry_from_context

    def add_cached(page: Page) -> None:
        key = (page.url, hashlib.sha256(page.content.encode()).hexdigest())
        if key not in _search:
            before = len(index.entries)
            add(page)
            _search[key] = index.entries[before:]
        else:
            index.entries.extend(_search[key])

    return add_cached


@event_priority(-100)  # after every other hook has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Skip the conversion of a page rendered before from the same Markdown and includes."""
    if not _serving or page.file.src_uri.endswith(".ipynb"):
        return markdown
    key = hashlib.sha256(f"{_fingerprint[0]}\n{markdown}".encode()).hexdigest()
    cached = _pages.get(page.file.src_uri)
    _anchors.clear()
    if cached is not None and cached["key"] == key:
        _pending[page.file.src_uri] = cached
        return ""  # nothing to convert: on_page_content puts the kept HTML back
    _pending[page.file.src_uri] = {"key": key, "fresh": True}
    return markdown


@event_priority(100)  # before the other plugins see the HTML
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put a kept page back (anchors and all), or keep a freshly rendered one."""
    entry = _pending.pop(page.file.src_uri, None)
    if entry is None:
        return content
    if entry.pop("fresh", False):
        entry.update(
            html=content,
            toc=page.toc,
            title=getattr(page, "_title_from_render", None),
            present=set(getattr(page, "present_anchor_ids", ()) or ()),
            links={f.src_uri: dict(a) for f, a in (getattr(page, "links_to_anchors", None) or {}).items()},
            anchors=list(_anchors),
        )
        _pages[page.file.src_uri] = entry
        return content
    page.toc = entry["toc"]
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["present"])
    page.links_to_anchors = {
        f: dict(a) for uri, a in entry["links"].items() if (f := files.get_file_from_path(uri)) is not None
    }
    autorefs = config.plugins.get("autorefs")
    if autorefs is not None:
        for identifier, anchor, kw in entry["anchors"]:
            autorefs.register_anchor(page, identifier, anchor, **kw)
    return entry["html"]


class _CachedTemplate:
    """A theme template whose output for a page is kept while nothing it shows has changed."""

    def __init__(self, template: jinja2.Template, name: str) -> None:
        self.template, self.name = template, name

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.template, attr)

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        page = context.get("page")
        if page is None or not isinstance(page, Page):
            return self.template.render(context)
        key = hashlib.sha256(
            "\x00".join([
                self.name, _build_key(context), page.url, str(page.title), repr(sorted(page.meta.items())),
                _toc_key(page.toc), page.content or "",
            ]).encode()
        ).hexdigest()
        output = _outputs.get(page.url)
        if output is None or output[0] != key:
            output = (key, self.template.render(context))
            _outputs[page.url] = output
        return output[1]


_outputs: dict[str, tuple[str, str]] = {}  # page URL → (key, the theme's output)
_build_keys: dict[int, str] = {}  # id(nav) → what every page shows of the site (one per build)


def _toc_key(items: Iterable) -> str:
    return "".join(f"({item.id}:{item.title}{_toc_key(item.children)})" for item in items)


def _build_key(context: dict) -> str:
    """The navigation (titles, URLs, order), the config file and the theme's locale, for a build."""
    nav = context.get("nav")
    if id(nav) not in _build_keys:
        _build_keys.clear()

        def walk(items: Iterable) -> str:
            return "".join(
                f"[{item.title}|{getattr(item, 'url', '')}|{walk(getattr(item, 'children', None) or [])}]"
                for item in items
            )

        config = context.get("config")
        source = Path(config.config_file_path).read_text(encoding="utf-8") if config and config.config_file_path else ""
        _build_keys[id(nav)] = hashlib.sha256(f"{walk(nav.items if nav else [])}\x00{source}".encode()).hexdigest()
    return _build_keys[id(nav)]


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Compile the theme's templates once per session, and keep each page's themed output."""
    if not _serving:
        return env
    folder = ROOT / ".cache" / "serve-templates"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    get_template = env.get_template

    def cached_get_template(name: Any, *args: Any, **kwargs: Any) -> Any:
        template = get_template(name, *args, **kwargs)
        return _CachedTemplate(template, str(name)) if name == "main.html" else template

    env.get_template = cached_get_template
    return env


def error_page(message: str) -> bytes:
    """The page served in place of every page while the last rebuild has failed."""
    body = html.escape(message)
    return (
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Ошибка сборки</title>"
        "<style>body{font:16px/1.5 sans-serif;margin:2rem;max-width:60rem}"
        "pre{white-space:pre-wrap;background:#fff3f3;border-left:4px solid #c00;padding:1rem}</style>"
        "</head><body><h1>Сайт не собрался</h1>"
        "<p>Исправьте ошибку и сохраните файл — страница обновится сама.</p>"
        f"<pre id=\"build-error\">{body}</pre></body></html>"
    ).encode()


_failure: list[str] = []  # the error of the build in progress, from on_build_error


def on_build_error(error: Exception) -> None:
    """Keep the error's message (mkdocs logs a repeated message only once)."""
    _failure[:] = [str(error)]


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """Serve a failed rebuild's error instead of hanging, and recover on the next good save."""
    if not _serving:
        return server
    build = server.builder
    serve_request = server._serve_request

    def guarded_build() -> None:
        _failure.clear()
        try:
            build()
        except BaseException as err:  # noqa: BLE001 - the server must keep answering
            if isinstance(err, KeyboardInterrupt):
                raise
            _error[:] = [_failure[0] if _failure else f"{type(err).__name__}: {err}"]
            log.error("The build failed: its error is shown in the browser until a save fixes it.")
        else:
            _error.clear()

    def serve_or_error(environ: dict, start_response: Callable) -> Iterable[bytes] | None:
        path = environ.get("PATH_INFO", "")
        if _error and not path.startswith("/livereload/") and (path.endswith("/") or path.endswith(".html")):
            page = server._inject_js_into_html(error_page(_error[0]), server._visible_epoch)
            start_response("500 Build Error", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(page)))])
            return [page]
        return serve_request(environ, start_response)

    server.builder = guarded_build
    server._serve_request = serve_or_error
    mkdocs.utils.clean_directory = _clean_in_background
    return server


def _clean_in_background(directory: str) -> None:
    """Empty the site folder at once: move its content aside, delete that in a thread.

    Each rebuild starts by emptying the folder; deleting hundreds of folders in line took half
    a second of every rebuild.
    """
    if not os.path.isdir(directory):
        return
    trash = tempfile.mkdtemp(prefix=".trash-", dir=directory)
    for entry in os.listdir(directory):
        if not entry.startswith("."):  # mkdocs keeps hidden entries too
            os.rename(os.path.join(directory, entry), os.path.join(trash, entry))
    threading.Thread(target=shutil.rmtree, args=(trash, True), daemon=True).start()
