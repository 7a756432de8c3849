"""The docked player, the copy-link control and the lecture timelines, in Debian's Chromium.

Every request to a video host is answered by a local stub that records the ``postMessage``
commands it receives, so the tests see what the page asks of YouTube without the internet.
Screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from lectureref.timecodes import deep_link, load_courses
from lectureref.timecodes.metadata import load_cache
from lectureref.timecodes.schema import Course
from lectureref.timecodes.timeline import bar_span
from tests.conftest import DOCS
from tests.test_browser import ARTIFACTS, base_url, browser, pytestmark  # noqa: F401 - fixtures and marks

VIDEO_HOST = re.compile(r"^https://([\w-]+\.)?(youtube|youtube-nocookie)\.com/")
STUB = """<!doctype html><title>stub</title><body>stub player
<script>
window.received = [];
window.addEventListener("message", (e) => window.received.push(JSON.parse(e.data)));
</script>"""
TOPIC = "gradient_descent"


@pytest.fixture(scope="module")
def course() -> Course:
    return next(c for c in load_courses(DOCS / "timecodes") if c.playlist)


def watch_page(browser, base_url: str, width: int) -> Iterator[object]:  # noqa: F811 - pytest fixtures
    """A page of ``width`` px whose requests to a video host go to the stub and are recorded."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    page.video_requests = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))

    def stub(route) -> None:
        page.video_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=STUB)

    context.route(VIDEO_HOST, stub)
    yield page
    context.close()


@pytest.fixture
def wide(browser, base_url: str) -> Iterator[object]:  # noqa: F811
    yield from watch_page(browser, base_url, 1280)


@pytest.fixture
def narrow(browser, base_url: str) -> Iterator[object]:  # noqa: F811
    yield from watch_page(browser, base_url, 390)


def start(url: str) -> tuple[str, int]:
    """Video id and start second of an embed URL."""
    parts = urlsplit(url)
    return parts.path.rsplit("/", 1)[-1], int(parse_qs(parts.query)["start"][0])


def embed_src(page) -> str:
    return page.get_attribute(".lr-player iframe", "src")


def same_element(page, handle) -> bool:
    """Whether the player's iframe is still the element ``handle`` points to."""
    return page.evaluate("e => e === document.querySelector('.lr-player iframe')", handle)


def moment_of(href: str) -> tuple[str, int]:
    """Video id and second of a watch link (``t=1h04m36s``)."""
    query = parse_qs(urlsplit(href).query)
    h, m, s = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(\d+)s", query["t"][0]).groups()
    return query["v"][0], int(h or 0) * 3600 + int(m or 0) * 60 + int(s)


def test_player_opens_seeks_and_closes(wide, base_url: str, course: Course) -> None:  # noqa: F811
    page = wide
    page.goto(base_url + f"topics/{TOPIC}/")
    controls = page.locator("#v-lektsiyakh ~ ul .lr-moment__play")
    expected = [moment_of(h) for h in page.eval_on_selector_all("#v-lektsiyakh ~ ul .lr-moment__play",
                                                                "els => els.map(e => e.href)")]
    assert controls.count() >= 2 and len(expected) == controls.count()
    page.wait_for_timeout(300)
    assert page.video_requests == []  # a facade: nothing from any video host before a click
    assert page.locator("iframe").count() == 0

    with page.expect_event("framenavigated", predicate=lambda f: "youtube-nocookie.com/embed/" in f.url) as loaded:
        controls.nth(0).click()
    assert start(embed_src(page)) == start(loaded.value.url) == expected[0]
    assert "autoplay=1" in embed_src(page) and "enablejsapi=1" in embed_src(page)
    frame = loaded.value
    page.wait_for_selector(".lr-player:not(.lr-player--loading)")  # the embed is ready for commands
    iframe = page.query_selector(".lr-player iframe")

    # The first moment in the same video as the first one, at another second: a seek, not a reload.
    same = next(i for i, m in enumerate(expected) if m[0] == expected[0][0] and m[1] != expected[0][1])
    requests = len(page.video_requests)
    controls.nth(same).click()
    frame.wait_for_function("() => window.received.some(m => m.func === 'seekTo')")
    seeks = [m["args"][0] for m in frame.evaluate("window.received") if m["func"] == "seekTo"]
    assert seeks == [expected[same][1]]
    assert same_element(page, iframe) and page.locator("iframe").count() == 1
    assert len(page.video_requests) == requests  # no reload
    assert page.get_attribute(".lr-player__youtube", "href") == controls.nth(same).get_attribute("href")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "player-topic.png"))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # docked: still in view
    docked = page.locator(".lr-player").bounding_box()
    assert 0 <= docked["y"] and docked["y"] + docked["height"] <= 900 and docked["width"] > 250
    page.keyboard.press("Escape")
    assert page.locator(".lr-player").count() == 0
    assert page.errors == []


def test_keyboard_and_another_video_in_the_same_player(wide, base_url: str) -> None:
    page = wide
    page.goto(base_url + f"topics/{TOPIC}/")
    controls = page.locator("#v-lektsiyakh ~ ul .lr-moment__play")
    hrefs = page.eval_on_selector_all("#v-lektsiyakh ~ ul .lr-moment__play", "els => els.map(e => e.href)")
    controls.nth(0).focus()
    page.keyboard.press("Enter")  # keyboard only
    page.wait_for_function("() => document.querySelector('.lr-player iframe')?.src")
    assert start(embed_src(page)) == moment_of(hrefs[0])
    iframe = page.query_selector(".lr-player iframe")
    other = next(i for i, h in enumerate(hrefs) if moment_of(h)[0] != moment_of(hrefs[0])[0])
    controls.nth(other).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelector('.lr-player iframe').src.includes('/{moment_of(hrefs[other])[0]}?')")
    assert start(embed_src(page)) == moment_of(hrefs[other])
    assert same_element(page, iframe)  # the same docked player, now showing the other video
    page.focus(".lr-player__close")
    page.keyboard.press("Enter")
    assert page.locator(".lr-player").count() == 0
    assert page.evaluate("document.activeElement.href") == hrefs[other]  # focus back on its ▶
    assert page.errors == []


def test_copy_link_keeps_the_playlist(wide, base_url: str, course: Course) -> None:
    page = wide
    page.goto(base_url + f"topics/{TOPIC}/")
    first = page.locator("#v-lektsiyakh ~ ul .lr-moment__copy").first
    first.click()
    page.wait_for_selector(".lr-moment__copy--done")
    copied = page.evaluate("navigator.clipboard.readText()")
    link = page.eval_on_selector("#v-lektsiyakh ~ ul a[href*='t=']", "e => e.href")
    assert copied == link and f"&list={course.playlist}&" in copied
    assert page.video_requests == [] and page.errors == []


def test_narrow_screen_opens_youtube(narrow, base_url: str) -> None:
    page = narrow
    page.goto(base_url + f"topics/{TOPIC}/")
    control = page.locator("#v-lektsiyakh ~ ul .lr-moment__play").first
    href = control.get_attribute("href")
    with page.expect_navigation(url=lambda url: url == href):
        control.click()
    assert page.video_requests == [href]
    assert "stub player" in page.inner_text("body")


@pytest.mark.parametrize("where", ["lecture", "index"])
def test_timeline_ticks_are_placed_and_open_their_moments(wide, base_url: str, course: Course, where: str) -> None:
    page = wide
    lecture = course.lectures[2]
    page.goto(base_url + (f"lectures/{course.slug}/{lecture.number}/" if where == "lecture" else "lectures/"))
    svg = "svg.lr-timeline"
    bar = page.locator(f"{svg} .lr-timeline__bar[data-video='{lecture.video}']").first
    box = bar.bounding_box()
    span = bar_span(lecture, load_cache(DOCS / "timecodes" / "metadata.json"))
    assert int(bar.get_attribute("data-length")) == span.seconds
    timed = [e for e in lecture.entries if e.t is not None]
    ticks = page.locator(f"{svg} .lr-timeline__tick[href*='v={lecture.video}']")
    assert ticks.count() == len(timed)
    centres = []
    for i, entry in enumerate(timed):
        tick = ticks.nth(i)
        assert tick.get_attribute("href") == deep_link(lecture.video, entry.t, course.playlist_of(lecture))
        mark = tick.locator(".lr-timeline__mark").bounding_box()
        centre = mark["x"] + mark["width"] / 2
        assert (centre - box["x"]) / box["width"] == pytest.approx(entry.t / span.seconds, abs=0.003)
        centres.append(centre)
    if where == "lecture":
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(".lr-timeline-block").first.screenshot(path=str(ARTIFACTS / "timeline-lecture.png"))
    # Click the tick farthest from its neighbours: nearby ticks overlap under the pointer.
    alone = max(range(len(timed)), key=lambda i: min(abs(centres[i] - c) for j, c in enumerate(centres) if j != i))
    href = ticks.nth(alone).get_attribute("href")
    with page.expect_navigation(url=lambda url: url == href):
        ticks.nth(alone).click()
    assert page.video_requests == [href] and page.errors == []


def test_api_page_lists_its_topic_moments(wide, base_url: str, course: Course) -> None:
    page = wide
    page.goto(base_url + f"api/{TOPIC}/")
    moments = page.eval_on_selector_all("#v-lektsiyakh ~ ul a[href*='t=']:not(.lr-moment__play)", "els => els.map(e => e.href)")
    wanted = []
    for c in load_courses(DOCS / "timecodes"):
        for lec in c.lectures:
            timed = [e for e in lec.entries if e.t is not None]
            for i, e in enumerate(lec.entries):
                if e.page != TOPIC:
                    continue
                if e.t is not None:
                    wanted.append(deep_link(lec.video, e.t, c.playlist_of(lec)))
                elif timed:   # an untimed note links the nearest earlier timed moment, or the video's start
                    before = [x for x in lec.entries[:i] if x.t is not None]
                    wanted.append(deep_link(lec.video, before[-1].t if before else 0, c.playlist_of(lec)))
    assert moments == wanted
    assert page.locator("#v-lektsiyakh ~ ul .lr-moment__play").count() == len(wanted)
    assert page.video_requests == [] and page.errors == []
