"""Accessibility of the built site: axe-core's audit of every page type, and the keyboard.

axe-core's script comes with the ``axe-playwright-python`` package (nothing is downloaded);
it runs in Debian's Chromium through the fixtures of ``tests/test_browser.py``. Every page
type must have no serious or critical violation (axe-core's own rules: WCAG 2.x A and AA and
its best practices): links told apart from text without colour, contrast, named dialogs,
focusable boxes that scroll, no interactive control inside another.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_browser import base_url, browser, pytestmark  # noqa: F401 - fixtures and marks

# One page of each type a reader meets.
PAGES = {
    "home": "",
    "lecture index": "lectures/",
    "lecture page": "lectures/dl-na-paltsah-2019/3/",
    "topics → moments": "lectures/topics/",
    "topic page": "topics/gradient_descent/",
    "exercises": "exercises/",
    "notebook": "notebooks/gan/",
    "API": "api/lstm/",
}
AUDIT = """async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}, ${v.nodes.length}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    axe = pytest.importorskip("axe_playwright_python")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reader(browser) -> Iterator[object]:  # noqa: F811 - a fixture
    """One tab for the whole module: each test navigates it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # No video host is reached: a ▶ opens a stub.
    context.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="stub", content_type="text/html"))
    yield page
    context.close()


def audit(page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    return page.evaluate(AUDIT)


def test_every_page_type_has_no_serious_violation(reader, base_url: str, axe_source: str) -> None:  # noqa: F811
    found = {}
    for name, path in PAGES.items():
        reader.goto(base_url + path)
        if violations := audit(reader, axe_source):
            found[name] = violations
    # the dark palette: code, links, timeline and notebooks stay readable
    reader.emulate_media(color_scheme="dark")
    try:
        for name in ("topic page", "notebook"):
            reader.goto(base_url + PAGES[name])
            if violations := audit(reader, axe_source):
                found[f"{name}, dark"] = violations
    finally:
        reader.emulate_media(color_scheme="light")
    # a phone's width: wide formulas and tables scroll in their own boxes, which must take the focus
    reader.set_viewport_size({"width": 390, "height": 844})
    try:
        for topic in ("backprop",):
            reader.goto(base_url + f"topics/{topic}/")
            reader.wait_for_timeout(300)  # docs/javascripts/a11y.js marks the boxes that scroll
            if violations := audit(reader, axe_source):
                found[f"{topic} at 390 px"] = violations
    finally:
        reader.set_viewport_size({"width": 1280, "height": 900})
    assert found == {}, "\n".join(f"{name}: {v}" for name, vs in found.items() for v in vs)


def test_player_is_a_named_dialog_the_keyboard_opens_and_closes(reader, base_url: str, axe_source: str) -> None:  # noqa: F811
    reader.goto(base_url + "topics/gradient_descent/")
    play = reader.locator("#v-lektsiyakh ~ ul .lr-moment__play").first
    play.focus()
    reader.keyboard.press("Enter")
    dialog = reader.locator("[role=dialog].lr-player")
    dialog.wait_for()
    assert (dialog.get_attribute("aria-label") or "").startswith("Видео лекции")
    # the keyboard's focus went into it: its × is the focused control
    assert reader.evaluate("() => document.activeElement.closest('.lr-player') !== null")
    assert audit(reader, axe_source) == []
    reader.keyboard.press("Escape")
    assert dialog.count() == 0
    assert reader.evaluate("() => document.activeElement.classList.contains('lr-moment__play')")


def test_timeline_ticks_and_scrolling_boxes_take_the_focus(reader, base_url: str) -> None:  # noqa: F811
    reader.goto(base_url + "lectures/dl-na-paltsah-2019/3/")
    tick = reader.locator(".lr-timeline__tick").first
    assert reader.evaluate("t => t.tabIndex", tick.element_handle()) == 0  # in the tab order
    tick.focus()
    assert reader.evaluate("() => document.activeElement.classList.contains('lr-timeline__tick')")
    reader.set_viewport_size({"width": 390, "height": 844})
    try:
        reader.goto(base_url + "topics/backprop/")
        reader.wait_for_timeout(300)
        scrolling = reader.evaluate("""() => Array.from(document.querySelectorAll('article div.arithmatex'))
            .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.tabIndex)""")
        assert scrolling and all(index == 0 for index in scrolling)
    finally:
        reader.set_viewport_size({"width": 1280, "height": 900})
