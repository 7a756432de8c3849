/*
 * Keyboard and screen-reader details Material leaves open (checked by tests/test_a11y.py):
 * - a box that scrolls sideways (a wide formula, a notebook's code or output) takes the focus,
 *   so the arrow keys scroll it; boxes that fit stay out of the tab order;
 * - the search overlay, a dialog, has a name.
 */
(function () {
  "use strict";

  const SCROLLERS = "article div.arithmatex, article pre, article .highlight-ipynb, article .jp-OutputArea-output, article .md-typeset__scrollwrap";

  function focusableScrollers() {
    for (const box of document.querySelectorAll(SCROLLERS)) {
      const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (scrolls && !box.hasAttribute("tabindex") && !box.querySelector("[tabindex], a[href], button, input")) {
        box.setAttribute("tabindex", "0");
        box.classList.add("lr-scrolls");
      } else if (!scrolls && box.classList.contains("lr-scrolls")) {
        box.removeAttribute("tabindex");
        box.classList.remove("lr-scrolls");
      }
    }
  }

  function nameSearch() {
    const dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Поиск по сайту");
  }

  function setUp() {
    nameSearch();
    focusableScrollers();
  }

  let resizing = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(focusableScrollers, 200);
  });
  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
