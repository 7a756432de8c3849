"""MkDocs hook: the offline build (``LECTUREREF_OFFLINE=true``) fetches nothing from a CDN.

Material's offline plugin adds a polyfill for Web Workers on pages read from disk (search
runs in one) and names it by a CDN's URL. Here the shipped copy replaces it
(``docs/javascripts/vendor/iframe-worker-shim.js``, MIT), so the offline site works with no
network at all. The normal build loads no polyfill.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

SHIM = "javascripts/vendor/iframe-worker-shim.js"


@event_priority(-100)  # after the offline plugin added its URL
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [SHIM if "iframe-worker" in str(p) and str(p).startswith("http") else p
                                 for p in polyfills]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the shim only for the offline build."""
    if SHIM not in (config.extra.get("polyfills") or []):
        files.remove(files.get_file_from_path(SHIM))
    return files
