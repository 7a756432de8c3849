"""Benchmark (not a test): what a reader's first visit of a page costs, on a desktop and a phone.

    .venv/bin/python scripts/bench_pages.py [PAGE ...] [--site site] [--profiles desktop phone]

``--site`` may be given twice (say a build from before a change, then one from after): each page
is measured on each site in turn, in one run, so that both see the machine alike.

Serves a built site (``python3 scripts/dev.py build`` writes ``site/``) on 127.0.0.1 (HTTP/1.1,
keep-alive) and opens
each page in Debian's headless Chromium (Playwright) with an empty cache, once per profile:

* ``desktop``: 1280×900, the machine's network and CPU as they are;
* ``phone``: 390×844, 9 Mbit/s down, 150 ms round trip, the CPU slowed 4× (Chrome DevTools
  Protocol: ``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``).

For each it prints the bytes loaded (uncompressed: the local server compresses nothing), the
number of requests, the milliseconds from navigation start until every formula of the page is
typeset (``math``: the first check, every 50 ms, at which the parser is past the article, no
raw TeX is visible, a MathJax 2 queue — where the page has one — is idle and the fonts have
loaded; for MathML in the HTML itself, when the parser added the last formula; never before
the first contentful paint) and the largest contentful
paint (``lcp``). Every request counted is made until the network is quiet for half a second,
the search index included when the page fetches it. ``--json FILE`` writes the figures too.
Times depend on the machine: compare runs made on one machine, one after the other.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [
    "topics/convolution/", "topics/lstm/", "topics/batchnorm/", "topics/autoencoders/", "topics/backprop/",
    "notebooks/gradient_descent/", "lectures/dl-na-paltsah-2019/3/", "",
]
PROFILES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "network": None, "cpu": 1},
    "phone": {"viewport": {"width": 390, "height": 844}, "mobile": True,
              "network": {"latency": 150, "down_mbit": 9, "up_mbit": 9}, "cpu": 4},
}

# Runs in every page before its own scripts: records when the math is done and the LCP.
PROBE = r"""(() => {
  const RAW = /\\[A-Za-z]{2,}|\\\(|\\\[|\$\$/;
  function visibleRaw(root) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => n.parentElement.closest('pre, code, script, style, annotation, .MathJax_Preview')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (RAW.test(n.data)) return true;
    return false;
  }
  function done() {
    // the parser is past the article (the footer follows it); scripts may still be loading
    if (!document.querySelector('.md-footer') && document.readyState === 'loading') return false;
    const root = document.querySelector('article') || document.body;
    const mj = window.MathJax;
    if (!mj && document.querySelector('script[src*="MathJax"]')) return false;
    if (mj && mj.Hub === undefined && mj.startup === undefined && document.querySelector('script[src*="MathJax"]')) return false;
    if (mj && mj.Hub) {  // MathJax 2: started and its queue idle
      if (!mj.isReady || mj.Hub.queue.pending || mj.Hub.queue.running) return false;
      if (root.querySelector('.MathJax_Processing')) return false;
    }
    if (mj && mj.startup && mj.startup.promise && !window.__mj3done) {
      mj.startup.promise.then(() => { window.__mj3done = true; });
      return false;
    }
    if (document.fonts && document.fonts.status !== 'loaded') return false;
    return !visibleRaw(root);
  }
  window.__bench = { math: null, lcp: null, fcp: null, lastMath: 0 };
  // MathML in the HTML itself: when the parser added the page's last formula
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType === 1 && (n.localName === 'math' || n.querySelector && n.querySelector('math'))) {
        window.__bench.lastMath = performance.now();
      }
    }
  }).observe(document, { childList: true, subtree: true });
  const timer = setInterval(() => {
    if (window.__bench.math === null && done()) {
      const typesetByScript = window.MathJax || window.katex;
      window.__bench.math = typesetByScript ? performance.now() : window.__bench.lastMath;
      clearInterval(timer);
    }
  }, 50);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})();"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as any static host does (GitHub Pages: HTTP/2): with HTTP/1.0 every request
    # would pay a new connection's round trip, 150 ms on the phone profile.
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(browser, url: str, profile: dict, timeout_s: float = 30) -> dict:
    """One first visit of ``url`` under ``profile``: bytes, requests, math and LCP times."""
    context = browser.new_context(
        viewport=profile["viewport"], is_mobile=profile.get("mobile", False), has_touch=profile.get("mobile", False),
        device_scale_factor=3 if profile.get("mobile") else 1,
    )
    page = context.new_page()
    page.add_init_script(PROBE)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if profile["network"]:
        net = profile["network"]
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": net["latency"],
            "downloadThroughput": net["down_mbit"] * 1e6 / 8, "uploadThroughput": net["up_mbit"] * 1e6 / 8,
        })
    if profile["cpu"] != 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})
    seen = {"bytes": 0, "requests": 0, "urls": {}}

    def on_request(event: dict) -> None:
        if event["request"]["url"].startswith("http"):
            seen["requests"] += 1

    def on_data(event: dict) -> None:
        seen["bytes"] += event["dataLength"]
        seen["urls"][event["requestId"]] = seen["urls"].get(event["requestId"], 0) + event["dataLength"]

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.dataReceived", on_data)
    page.goto(url, wait_until="load", timeout=timeout_s * 1000)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("() => window.__bench && window.__bench.math !== null", timeout=timeout_s * 1000)
    except PlaywrightTimeout:  # raw TeX stays visible: the page's math never renders
        pass
    page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
    page.wait_for_timeout(300)
    page.wait_for_function("() => window.__bench.fcp !== null", timeout=timeout_s * 1000)
    figures = page.evaluate("() => window.__bench")
    formulas = page.evaluate(
        "() => document.querySelectorAll('article math, article .arithmatex, article script[type^=\"math/tex\"]').length")
    context.close()
    # formulas in the HTML itself are shown with the first paint, not before it
    math = None if figures["math"] is None else round(max(figures["math"], figures["fcp"]))
    return {"bytes": seen["bytes"], "requests": seen["requests"], "math_ms": math,
            "lcp_ms": round(figures["lcp"]) if figures["lcp"] is not None else None, "formulas": formulas}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=PAGES, help="paths under the site, e.g. topics/lstm/")
    parser.add_argument("--site", type=Path, action="append", help="a built site (default: site/); may repeat")
    parser.add_argument("--profiles", nargs="+", default=list(PROFILES), choices=list(PROFILES))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    sites = args.site or [ROOT / "site"]
    for site in sites:
        if not (site / "index.html").exists():
            sys.exit(f"no built site at {site}: run `python3 scripts/dev.py build` first")
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    servers = [serve(site) for site in sites]
    rows = []
    print(f"{'page':38} {'profile':8} {'site':>4} {'KB':>7} {'req':>4} {'math ms':>8} {'LCP ms':>7}")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            for path in args.pages:
                for name in args.profiles:
                    for number, (_, base) in enumerate(servers, 1):
                        started = time.perf_counter()
                        row = {"page": path or "/", "profile": name, "site": str(sites[number - 1]),
                               **measure(browser, base + path, PROFILES[name])}
                        rows.append(row)
                        lcp = row["lcp_ms"] if row["lcp_ms"] is not None else "-"
                        math = row["math_ms"] if row["math_ms"] is not None else "never"
                        print(f"{row['page']:38} {name:8} {number:4d} {row['bytes'] / 1024:7.0f} {row['requests']:4d} "
                              f"{math:>8} {lcp:>7}   ({time.perf_counter() - started:.1f} s)", flush=True)
            browser.close()
    finally:
        for server, _ in servers:
            server.shutdown()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
