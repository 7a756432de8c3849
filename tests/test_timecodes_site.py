"""The generated index, lecture and topic pages, in one strict build of a small site: the real
timecode YAML and hook, topic pages reduced to their headings (so the build takes seconds)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from html import unescape
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from lectureref.timecodes import deep_link, load_courses
from lectureref.timecodes.importer import url_seconds, video_id
from lectureref.timecodes.metadata import save_cache
from lectureref.timecodes.topics import scan_topics
from tests.conftest import DOCS, ROOT

HOOK = ROOT / "hooks" / "timecodes.py"
COURSE = "dl-na-paltsah-2019"
PLAYLIST = "PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb"
CONFIG = f"""\
site_name: timecodes
docs_dir: docs
theme: {{name: material, language: ru, font: false}}
plugins: []
exclude_docs: |
  /timecodes/
hooks: [{HOOK}]
markdown_extensions:
  - toc:
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
  - attr_list
  - admonition
validation: {{omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}}
"""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these Chromium calls home on its own, which would look like the page did.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def make_project(root: Path) -> Path:
    """A small mkdocs project: the real course files, each topic page as its headings only."""
    shutil.copytree(DOCS / "timecodes", root / "docs" / "timecodes")
    (root / "docs" / "topics").mkdir()
    for name, topic in scan_topics(DOCS).items():
        headings = "".join(f"## {a} {{#{a}}}\n\n" for a in sorted(topic.anchors))
        (root / "docs" / "topics" / f"{name}.md").write_text(f"# {topic.title}\n\n{headings}", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("timecodes-site")
    config = make_project(root)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(root / "site")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def instant(url: str) -> tuple[str, str | None, int | None]:
    playlist = re.search(r"[?&]list=([\w-]+)", url)
    return video_id(url), playlist[1] if playlist else None, url_seconds(url)


def test_index_has_every_course_moment_each_with_an_existing_topic(site: Path, facts: dict) -> None:
    """All 80 moments of the course facts, same video, playlist and second, in course order;
    each list item also links a topic page that was built."""
    expected = [(lec["video"], facts["playlist"], s) for lec in facts["lectures"] for s in lec["instants"]]
    assert len(expected) == 80
    html = article(site / "lectures" / "index.html")
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    ours = []
    for item in items:
        hrefs = links(item)
        deep = [h for h in hrefs if "&t=" in h and instant(h)[1] == PLAYLIST]
        if not deep:
            continue
        ours.append(instant(deep[0]))
        topics = [h for h in hrefs if "/topics/" in h]
        assert len(topics) == 1, item
        path, _, anchor = topics[0].partition("#")
        target = (site / "lectures" / path).resolve() / "index.html"
        assert target.is_file(), topics[0]
        assert not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8"), topics[0]
    assert ours == expected


def test_every_lecture_has_its_own_page_without_youtube_requests(site: Path) -> None:
    courses = load_courses(DOCS / "timecodes")
    pages = 0
    for course in courses:
        for lecture in course.lectures:
            key = lecture.number if lecture.number is not None else lecture.video
            page = site / "lectures" / course.slug / str(key) / "index.html"
            full = page.read_text(encoding="utf-8")
            html = article(page)
            pages += 1
            assert lecture.title.split(" (")[0] in unescape(html)
            timed = [h for h in links(re.sub(r"<svg.*?</svg>", "", html, flags=re.S)) if "&t=" in h]  # not the timeline
            assert [url_seconds(h) for h in timed] == [e.t for e in lecture.entries if e.t is not None]
            assert all(video_id(h) == lecture.video for h in timed)
            assert deep_link(lecture.video, None, course.playlist_of(lecture)) in links(html)  # the video button
            # nothing on the page makes the browser contact YouTube on load
            assert "<iframe" not in full
            for src in re.findall(r'\b(?:src|srcset|poster|data)="([^"]+)"', full):
                assert "youtube" not in src and "ytimg" not in src and not src.startswith("http"), src
            themes = {e.page for e in lecture.entries if e.page}
            assert {h.split("/topics/")[1].partition("#")[0].strip("/") for h in links(html) if "/topics/" in h} == themes
    assert pages == 20  # 10 lectures + 10 loose videos


def test_topics_page_and_topic_pages_list_their_moments(site: Path) -> None:
    courses = load_courses(DOCS / "timecodes")
    by_topic: dict[str, int] = {}
    for course in courses:
        for lecture in course.lectures:
            for entry in lecture.entries:
                if entry.page:
                    by_topic[entry.page] = by_topic.get(entry.page, 0) + 1
    overview = article(site / "lectures" / "topics" / "index.html")
    for topic, count in by_topic.items():
        section = overview[overview.index(f'id="{topic}"') :]
        section = section.split("<h2", 1)[0]
        assert section.count("<li>") == count, topic
        page = article(site / "topics" / topic / "index.html")
        block = page[page.index('id="v-lektsiyakh"') :]
        assert block.count("<li>") == count, topic
    assert set(by_topic) >= {"intro", "nlp", "knn", "softmax", "lstm", "gan"}


def test_generated_pages_are_in_the_navigation_in_course_order(site: Path) -> None:
    html = (site / "lectures" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    hrefs = [h for h in links(nav) if f"{COURSE}/" in h]
    numbers = [int(re.search(rf"{COURSE}/(\d+)/", h)[1]) for h in hrefs]
    assert list(dict.fromkeys(numbers)) == list(range(1, 11))  # 1, 2, …, 10 — not 1, 10, 2
    assert "Deep Learning на пальцах 2019" in unescape(nav)
    assert "topics/" in " ".join(links(nav))
    assert not (DOCS / "lectures").exists()  # generated pages stay virtual


def test_build_stops_on_a_timecode_past_the_video_end(tmp_path: Path) -> None:
    """The hook reads the metadata cache: a video shorter than a timecode stops the build."""
    config_file = make_project(tmp_path)
    course = tmp_path / "docs" / "timecodes" / f"{COURSE}.yml"
    save_cache(course.parent / "metadata.json", {"kWTC1NvL894": {"title": "Лекция 3", "duration": 4900}})
    line = next(i for i, text in enumerate(course.read_text(encoding="utf-8").splitlines(), 1) if '"1:23:00"' in text)
    config = load_config(str(config_file))
    hook = config.hooks[str(HOOK)] if str(HOOK) in config.hooks else next(iter(config.hooks.values()))
    with pytest.raises(PluginError, match=rf"{COURSE}\.yml:{line}: time 1:23:00 is past the end of video kWTC1NvL894"):
        hook.on_files(Files([]), config)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
def test_lecture_page_loads_nothing_from_youtube_in_a_browser(site: Path) -> None:
    """Headless Chromium opens a lecture page: every request stays on 127.0.0.1 (no player,
    no thumbnail); the button is a plain link to the video."""
    sync_api = pytest.importorskip("playwright.sync_api")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            page = browser.new_page()
            external: list[str] = []
            page.on("request", lambda req: req.url.startswith(base) or external.append(req.url))
            page.goto(base + f"lectures/{COURSE}/3/", wait_until="networkidle")
            button = page.get_attribute("article a.md-button", "href")
            assert button == deep_link("kWTC1NvL894", None, PLAYLIST)
            assert page.locator("article iframe, article img").count() == 0
            browser.close()
        assert external == []
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
