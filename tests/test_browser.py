"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

Skipped, with the reason, where /usr/bin/chromium is absent (``scripts/dev.py test`` installs it
with apt-get where it can). Screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# Without these Chromium keeps calling home, and this machine's closed network refuses it.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The build rendered the TeX to MathML (hooks/formulas.py): a display formula laid out by the
# browser is tall enough to hold a fraction.
RENDERED_MATH = """() => Array.from(document.querySelectorAll('article div.arithmatex math'))
    .some(e => e.getBoundingClientRect().height > 30)"""

# arithmatex wraps each formula in .arithmatex; each holds its MathML, laid out (not zero-sized).
ALL_MATH_TYPESET = """() => {
    const formulas = Array.from(document.querySelectorAll('article .arithmatex'));
    return formulas.length > 0 && formulas.every(f => {
        const m = f.querySelector('math');
        return m && m.getBoundingClientRect().width > 0;
    });
}"""

SEARCH_READY = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta && meta.textContent.trim() !== '' && !meta.textContent.includes('Инициализация');
}"""

NO_BROWSER = (f"no Chromium at {CHROMIUM}: `python3 scripts/dev.py test` installs Debian's chromium when it runs "
              "as root (unless LECTUREREF_NO_BROWSER_INSTALL=1); or apt-get install chromium")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_BROWSER)]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    """The site built from this checkout, served on 127.0.0.1 for the module's tests."""
    site = built_site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url: str) -> Iterator[object]:
    """A fresh page that records console errors and requests leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.external = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda req: req.url.startswith(base_url) or page.external.append(req.url))
    yield page
    context.close()


def test_index_lists_every_course_timecode(page, base_url: str, facts: dict) -> None:
    page.goto(base_url + "lectures/")
    hrefs = page.eval_on_selector_all("article a[href*='&t=']", "els => els.map(e => e.href)")
    playlist = facts["playlist"]
    # The index also lists the loose videos the course notes cite (ml-mipt seminar): not part of the 80.
    course = [h for h in hrefs if f"&list={playlist}&" in h]
    assert len(course) == sum(len(lec["instants"]) for lec in facts["lectures"]) == 80
    assert any("v=kBIMPomCGGA&t=7m19s" in h for h in hrefs)
    for lecture in facts["lectures"]:
        for instant in lecture["instants"]:
            hours, rest = divmod(instant, 3600)
            t = f"{hours}h{rest // 60:02d}m{rest % 60:02d}s" if hours else f"{rest // 60}m{rest % 60:02d}s"
            assert f"https://www.youtube.com/watch?v={lecture['video']}&list={playlist}&t={t}" in course
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "index.png"))
    assert page.errors == [] and page.external == []


def test_topic_link_and_back_link(page, base_url: str) -> None:
    page.goto(base_url + "lectures/")
    page.click("article a[href*='topics/gradient_descent/']")
    page.wait_for_url(re.compile(r"/topics/gradient_descent/"))
    assert "Градиентный спуск" in page.inner_text("h1")
    page.wait_for_function(RENDERED_MATH, timeout=15_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "topic-gradient_descent.png"), full_page=True)
    page.click("#v-lektsiyakh ~ ul a[href*='lectures/']")
    page.wait_for_url(re.compile(r"/lectures/"))
    assert page.errors == [] and page.external == []


def test_math_is_typeset_offline(page, base_url: str) -> None:
    page.goto(base_url + "topics/gradient_descent/")
    # A typeset display formula with fractions and sums is several text lines tall.
    page.wait_for_function(RENDERED_MATH, timeout=15_000)
    assert "\\frac" not in page.inner_text("article")  # no raw TeX left visible
    # MathML from the build: no script typesets, and nothing is fetched for it
    assert page.evaluate("() => typeof window.MathJax") == "undefined"
    assert page.errors == [] and page.external == []


@pytest.mark.parametrize("topic", ["dropout", "layers"])  # \mathbb E, \mathcal N: letters of their own
def test_every_formula_is_typeset_without_missing_fonts(page, base_url: str, topic: str) -> None:
    page.goto(base_url + f"topics/{topic}/")
    page.wait_for_function(ALL_MATH_TYPESET, timeout=15_000)
    page.wait_for_timeout(300)
    assert page.errors == [] and page.external == []


# Records every message the page sends to Material's search worker: the queries it really ran.
RECORD_QUERIES = """(() => {
    window.__queries = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
        if (message && typeof message.data === "string") window.__queries.push(message.data);
        return post.call(this, message, ...rest);
    };
})();"""


def type_keys(page, text: str) -> None:
    """Type ``text`` with real key events, keyup included, through Chromium's input pipeline.

    Playwright's ``keyboard.type`` sends no keyup for characters missing from its US layout
    (every Cyrillic letter), and Material reads the box on keyup: such a test searches for
    nothing. ``Input.dispatchKeyEvent`` sends keydown (inserting the text) and keyup for each.
    """
    cdp = page.context.new_cdp_session(page)
    for char in text:
        code = {" ": "Space", "-": "Minus"}.get(char, "")
        cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": char, "text": char, "code": code})
        cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char, "code": code})
        page.wait_for_timeout(15)
    cdp.detach()


def worker_query(query: str) -> str:
    """The query as docs/javascripts/search.js passes it to the search worker."""
    query = query.replace("ё", "е").replace("Ё", "Е")
    return re.sub(r'(^|\s)([^\s\-+"]+(?:-[^\s\-+"]+)+)(?=\s|$)',
                  lambda m: m[1] + " ".join("+" + part for part in m[2].split("-")), query)


def search(page, base_url: str, query: str) -> list[str]:
    """Type ``query`` into the search box; the result links once the page ran that query."""
    page.add_init_script(RECORD_QUERIES)
    index: list[str] = []
    page.on("request", lambda req: req.url.endswith("search/search_index.json") and index.append(req.url))
    page.goto(base_url)
    page.wait_for_load_state("load")
    assert index == []  # the index waits until the reader turns to search (overrides/main.html)
    page.click("input.md-search__input")
    # The index is built in the browser (a web worker) on each page load, slow on a busy machine;
    # keys typed before it is ready are lost. Until then the result area says "Инициализация поиска".
    page.wait_for_function(SEARCH_READY, timeout=60_000)
    type_keys(page, query)
    expected = worker_query(query)
    page.wait_for_function(f"() => window.__queries.at(-1) === {expected!r}", timeout=30_000)
    assert page.input_value("input.md-search__input") == query  # the box keeps what the reader typed
    page.wait_for_function(SEARCH_READY, timeout=30_000)
    page.wait_for_timeout(300)  # results are rendered after the worker answers
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


SEARCHES = [
    ("обратное распространение", "topics/backprop/"),
    ("backprop", "topics/backprop/"),
    ("градиентный спуск", "topics/gradient_descent/"),
    ("свертка", "topics/convolution/"),        # «е» for «ё», as most people type
    ("свёртка", "topics/convolution/"),
    ("сверточная", "topics/convolution/"),
    ("batch", "topics/batchnorm/"),
    ("batch size", "topics/gradient_descent/"),
    ("mini-batch", "topics/gradient_descent/"),
    ("torch", "topics/"),
    ("numpy", "topics/"),
    ("seed", "/"),
    ("sample", "/"),
    ("LSTM", "topics/lstm/"),
    ("GAN", "topics/gan/"),
]


@pytest.mark.parametrize(("query", "where"), SEARCHES)
def test_search_finds_the_page(page, base_url: str, query: str, where: str) -> None:
    links = search(page, base_url, query)
    assert any(where in link for link in links), f"search {query!r}: nothing under {where} among {links}"
    assert page.errors == [] and page.external == []


def test_search_worker_survives_every_prefix(page, base_url: str) -> None:
    """Typing letter by letter queries every prefix («с», "b", "L"): none may break the worker."""
    links = search(page, base_url, "сверточная сеть")
    assert links and page.errors == []
    for prefix in ("с", "b", "L"):
        page.fill("input.md-search__input", "")
        type_keys(page, prefix)
        page.wait_for_function(f"() => window.__queries.at(-1) === {prefix!r}", timeout=30_000)
        # a broken worker answers nothing at all: every prefix must still list pages
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30_000)
    assert page.errors == []


def test_notebook_page_shows_its_plots_offline(page, base_url: str) -> None:
    """Notebook pages load nbconvert's scripts too: they must stay on 127.0.0.1 and error-free."""
    page.goto(base_url + "notebooks/gradient_descent/")
    page.wait_for_function("() => Array.from(document.images).some(i => i.src.startsWith('data:image/png') && i.naturalWidth > 100)")
    page.wait_for_timeout(500)  # let the module scripts run
    # its Markdown cells' formulas are MathML from the build, not raw $…$
    assert page.locator("article .jp-RenderedMarkdown math").count() >= 1
    assert "$\\eta" not in page.inner_text("article")
    assert page.errors == [] and page.external == []


def test_notebook_toc_links_land_on_their_headings(page, base_url: str) -> None:
    """Cyrillic notebook headings have ids: each table-of-contents link scrolls to its heading."""
    page.goto(base_url + "notebooks/gan/")
    links = page.eval_on_selector_all(
        "nav.md-nav--secondary a.md-nav__link", "els => els.map(e => decodeURIComponent(new URL(e.href).hash))"
    )
    assert len(links) >= 2 and all(link.startswith("#") and len(link) > 1 for link in links)
    for link in links:
        assert page.locator(f"article [id='{link[1:]}']").count() == 1, link
    page.locator("nav.md-nav--secondary a.md-nav__link").last.click()
    page.wait_for_function(f"() => decodeURIComponent(location.hash) === {links[-1]!r}")
    heading = page.locator(f"article [id='{links[-1][1:]}']")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 300  # scrolled to the top of the window
    assert page.errors == [] and page.external == []


@pytest.mark.parametrize("topic", ["dropout", "batchnorm"])
def test_pytorch_tab_shows_torch_code(page, base_url: str, topic: str) -> None:
    page.goto(base_url + f"topics/{topic}/")
    tabs = page.locator(".tabbed-set").filter(has=page.locator("label", has_text="PyTorch")).first
    tabs.locator("label", has_text="numpy").click()
    numpy_code = tabs.locator(".tabbed-block").nth(0).inner_text()
    assert "torch." not in numpy_code and "class " in numpy_code
    tabs.locator("label", has_text="PyTorch").click()
    torch_block = tabs.locator(".tabbed-block").nth(1)
    torch_block.wait_for(state="visible")
    assert "nn." in torch_block.inner_text() and torch_block.is_visible()
    assert not tabs.locator(".tabbed-block").nth(0).is_visible()


PAGES = {"home": "", "lecture-3": "lectures/dl-na-paltsah-2019/3/", "gan": "topics/gan/"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_full_page_screenshots(browser, base_url: str, name: str, width: int) -> None:
    """Full-page screenshots for a reader's look (test-artifacts/); nothing wider than the screen."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + PAGES[name])
    if page.locator("article .arithmatex").count():
        page.wait_for_function(ALL_MATH_TYPESET, timeout=15_000)
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert errors == []
    context.close()


@pytest.mark.parametrize("topic", ["lstm", "backprop", "rnn", "batchnorm", "convolution"])
def test_formulas_fit_a_phone_screen(browser, base_url: str, topic: str) -> None:
    """At 390 px no formula or code block widens the page: wide ones scroll in their own box."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base_url + f"topics/{topic}/")
    page.wait_for_function(ALL_MATH_TYPESET, timeout=15_000)
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # and no formula or code block reaches past the screen's edge (wide ones scroll inside; so do
    # tables, with what they hold)
    wider = page.evaluate("""() => Array.from(document.querySelectorAll('article .arithmatex, article pre'))
        .filter(e => !e.closest('.md-typeset__scrollwrap'))
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.textContent.slice(0, 40))""")
    assert wider == []
    context.close()


FRESH = {"gan.html": "topics/gan/", "lecture-3.html": "lectures/dl-na-paltsah-2019/3/",
         "search_index.json": "search/search_index.json"}


@pytest.fixture(scope="module")
def serve_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``mkdocs serve`` of a copy of docs/ (the rest linked), so a test may break and fix it."""
    root = tmp_path_factory.mktemp("serve")
    shutil.copytree(ROOT / "docs", root / "docs")
    for name in ("mkdocs.yml", "hooks", "overrides", "lectureref", "snippets", "scripts"):
        (root / name).symlink_to(ROOT / name)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = open(root / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT,
        # served at the root (mkdocs serve mounts the site at site_url's path)
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "LECTUREREF_SITE_URL": f"http://127.0.0.1:{port}/"},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):  # the first build: up to a few minutes on a busy machine
            try:
                with urllib.request.urlopen(url + "lectures/", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("mkdocs serve did not start:\n" + (root / "serve.log").read_text())
        # the first build is a full one, from empty caches: what a fresh build gives, kept for
        # test_serve_after_edits_equals_a_fresh_build
        fresh = root / "fresh"
        fresh.mkdir()
        for name, path in FRESH.items():
            with urllib.request.urlopen(url + path, timeout=30) as response:
                (fresh / name).write_bytes(response.read())
        yield url, root
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_shows_a_bad_edit_and_recovers(page, serve_project: tuple[str, Path]) -> None:
    """A typo in a timecode shows its file:line in the open page; the fixed save brings it back."""
    url, root = serve_project
    course = root / "docs" / "timecodes" / "dl-na-paltsah-2019.yml"
    good = course.read_text(encoding="utf-8")
    lines = good.splitlines()
    number = next(i for i, line in enumerate(lines) if '"21:12"' in line) + 1
    page.goto(url + "lectures/dl-na-paltsah-2019/3/")
    assert "Лекция 3" in page.inner_text("h1")

    course.write_text(good.replace('"21:12"', '"21:61"', 1), encoding="utf-8")
    # live reload replaces the open page with the error: no navigation by the test
    page.wait_for_selector("#build-error", timeout=60_000)
    error = page.inner_text("#build-error")
    assert f"dl-na-paltsah-2019.yml:{number}: " in error and "seconds must be below 60" in error
    with pytest.raises(urllib.error.HTTPError) as failed:  # answered at once, not hanging
        urllib.request.urlopen(url + "topics/gan/", timeout=10)
    assert failed.value.code == 500 and "seconds must be below 60" in failed.value.read().decode()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-error.png"))

    course.write_text(good.replace("Градиентный спуск", "Градиентный спуск, исправлено", 1), encoding="utf-8")
    page.wait_for_selector("article h1", timeout=60_000)
    assert "Лекция 3" in page.inner_text("h1")
    assert "Градиентный спуск, исправлено" in page.inner_text("article")


def _article(html: str) -> str:
    """A page's article, less the date of its last change (git's, which a copy of docs/ has not)."""
    article = html[html.index("<article"): html.index("</article>")]
    return re.sub(r'<aside class="md-source-file">.*?</aside>', "", article, flags=re.S)


def _entries(index: dict, prefix: str) -> list[dict]:
    return sorted((d for d in index["docs"] if d["location"].startswith(prefix)), key=lambda d: d["location"])


def test_serve_after_edits_equals_a_fresh_build(serve_project: tuple[str, Path]) -> None:
    """hooks/serve.py's caches: after edits and their undoing, a page and its search entries are
    what the first, full build (a fresh build) served."""
    import json

    url, root = serve_project
    course = root / "docs" / "timecodes" / "dl-na-paltsah-2019.yml"
    topic = root / "docs" / "topics" / "gan.md"
    original = topic.read_text(encoding="utf-8")

    def fetch(path: str) -> str:
        with urllib.request.urlopen(url + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def wait_for(path: str, present: str, absent: bool = False) -> str:
        for _ in range(240):
            try:
                text = fetch(path)
                if (present in text) != absent:
                    return text
            except OSError:
                pass
            time.sleep(0.5)
        pytest.fail(f"serve never showed {path} {'without' if absent else 'with'} {present!r}")

    fresh = root / "fresh"
    course.write_text(course.read_text(encoding="utf-8").replace("Градиентный спуск, исправлено", "Градиентный спуск"),
                      encoding="utf-8")  # undo test_serve_shows_a_bad_edit_and_recovers's edit
    wait_for("lectures/", "Градиентный спуск, исправлено", absent=True)
    marker = "Словоклад"  # a new paragraph after the title
    title, rest = original.split("\n", 1)
    topic.write_text(f"{title}\n\n{marker}\n{rest}", encoding="utf-8")
    wait_for("topics/gan/", marker)
    assert marker in fetch("search/search_index.json")
    topic.write_text(original, encoding="utf-8")
    wait_for("topics/gan/", marker, absent=True)

    fresh_index = json.loads((fresh / "search_index.json").read_text(encoding="utf-8"))
    served_index = json.loads(fetch("search/search_index.json"))
    for name, page in [("gan.html", "topics/gan/"), ("lecture-3.html", "lectures/dl-na-paltsah-2019/3/")]:
        assert _article(fetch(page)) == _article((fresh / name).read_text(encoding="utf-8")), page
        assert _entries(served_index, page) == _entries(fresh_index, page), page
