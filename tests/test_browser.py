"""The built site in a real browser: Debian's headless Chromium, driven by Playwright.

Skipped, with the reason, where /usr/bin/chromium is absent (``scripts/dev.py test`` installs it
with apt-get where it can). Screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
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

# MathJax replaced the TeX with typeset HTML, tall enough to hold a fraction.
RENDERED_MATH = """() => Array.from(document.querySelectorAll('.MathJax_Display'))
    .some(e => e.getBoundingClientRect().height > 30)"""

# arithmatex wraps each formula in .arithmatex; MathJax adds one rendered element per formula.
ALL_MATH_TYPESET = """() => {
    const formulas = document.querySelectorAll('article .arithmatex').length;
    return formulas > 0 && document.querySelectorAll('article .MathJax, article .MathJax_Display').length >= formulas;
}"""

SEARCH_READY = """() => {
    const meta = document.querySelector('.md-search-result__meta');
    return meta && meta.textContent.trim() !== '' && !meta.textContent.includes('Инициализация');
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}: apt-get install chromium"),
]


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
    assert page.errors == [] and page.external == []


@pytest.mark.parametrize("topic", ["dropout", "layers"])  # \mathbb E, \mathcal N: fonts of their own
def test_every_formula_is_typeset_without_missing_fonts(page, base_url: str, topic: str) -> None:
    page.goto(base_url + f"topics/{topic}/")
    page.wait_for_function(ALL_MATH_TYPESET, timeout=15_000)
    page.wait_for_timeout(500)  # fonts are fetched as the typeset math is laid out
    assert page.errors == [] and page.external == []


@pytest.mark.parametrize(
    ("query", "topic"),
    [("обратное распространение", "backprop"), ("backprop", "backprop"), ("градиентный спуск", "gradient_descent")],
)
def test_search_finds_the_topic(page, base_url: str, query: str, topic: str) -> None:
    page.goto(base_url)
    page.click("input.md-search__input")
    # The index is built in the browser (a web worker) on each page load, slow on a busy machine;
    # keys typed before it is ready are lost. Until then the result area says "Инициализация поиска".
    page.wait_for_function(SEARCH_READY, timeout=60_000)
    page.keyboard.type(query, delay=20)  # Material searches on key events; fill() sends none
    # Results for the first typed words show before the whole query's: wait for ours.
    found = f"() => Array.from(document.querySelectorAll('.md-search-result__item a')).some(a => a.href.includes('/topics/{topic}/'))"
    try:
        page.wait_for_function(found, timeout=60_000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: report what was found instead
        links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        pytest.fail(f"search {query!r}: no /topics/{topic}/ among the results {links}")


def test_notebook_page_shows_its_plots_offline(page, base_url: str) -> None:
    """Notebook pages load nbconvert's scripts too: they must stay on 127.0.0.1 and error-free."""
    page.goto(base_url + "notebooks/gradient_descent/")
    page.wait_for_function("() => Array.from(document.images).some(i => i.src.startsWith('data:image/png') && i.naturalWidth > 100)")
    page.wait_for_timeout(1000)  # let MathJax and the module scripts run
    assert page.errors == [] and page.external == []
