"""MkDocs hook: formulas rendered at build time to MathML, so they show at once, offline.

Markdown pages (and docstrings on API pages) carry arithmatex's ``\\(…\\)`` and ``\\[…\\]``
(``pymdownx.arithmatex`` with ``generic: true`` keeps the TeX away from Markdown); notebook
pages carry nbconvert's ``$…$`` and ``$$…$$`` in their Markdown cells. Each formula becomes
MathML here (``latex2mathml``), which every current browser lays out itself (MathML Core):
no script, no web font, nothing to wait for. The TeX stays in an ``<annotation>`` for
copying and for the search index (``hooks/search.py``). nbconvert's MathJax script and its
configuration are taken off notebook pages.

Why not MathJax or KaTeX in the browser: MathJax 2.7 cost 2.3 MB and 7–19 s before a topic
page's formulas showed on a throttled phone (``scripts/bench_pages.py``); any script renderer
typesets after the page has loaded and ships its fonts. MathML from the build costs the
formulas' markup only (a few KB a page) and is read by screen readers as math.
"""

from __future__ import annotations

import functools
import html
import re

from latex2mathml.converter import convert
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FUNCTION_CALL = re.compile(r"<mo>([A-Za-z]{2,})</mo>(?=<mo(?: stretchy=\"false\")?>\()")
NAME_THEN_ARGUMENT = re.compile(r"(<mi>[A-Za-z]{2,}</mi>)(?=<(?:mi|mn|msub|msup|msubsup|mfrac|mover|msqrt)[ >])")
LONG_INLINE = 40  # characters of TeX past which an inline formula may be broken between terms
BREAK_AFTER = {"=", "+", "−", "≈", "≤", "≥"}
# Function names latex2mathml lacks, written as \\operatorname{…} before converting.
MISSING_NAMES = re.compile(r"\\(arg)(?![A-Za-z])")
UNKNOWN = re.compile(r">(\\[A-Za-z]+)<")
ENTITY = re.compile(r"&#x([0-9A-Fa-f]+);")
MARKUP = {ord(c) for c in "<>&\"'"} | set(range(0x20)) | {0xA0}
OPENING = {"(", "[", "{"}
CLOSING = {")", "]", "}"}
TAG = re.compile(r"<(/?)(\w+)[^>]*?(/?)>")
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
# nbconvert's MathJax: the script (named by mkdocs-jupyter's custom_mathjax_url) and its config.
NB_MATHJAX = re.compile(
    r'<script[^>]*src="[^"]*(?:mathjax|MathJax)[^"]*"[^>]*>\s*</script>\s*(?:<!--[^>]*-->\s*)?'
    r'|<script type="text/x-mathjax-config">.*?</script>',
    re.S,
)
# A notebook's rendered Markdown cell, and in its text: $$…$$, $…$, \[…\], \(…\).
NB_MARKDOWN = re.compile(r'(<div class="[^"]*jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(?=<div class="jp-Cell|\Z)', re.S)
NB_SKIP = re.compile(r"(<(pre|code|script|style)\b.*?</\2>|<[^>]+>)", re.S)
NB_MATH = re.compile(r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)|(?<![\\$\w])\$(?P<i2>[^$\n]+?)\$(?!\w)", re.S)


@functools.cache
def mathml(tex: str, display: bool) -> str:
    """MathML for one formula (TeX without its delimiters), with the TeX as its annotation."""
    source = MISSING_NAMES.sub(r"\\operatorname{\1}", tex.strip())
    try:
        rendered = convert(source, display="block" if display else "inline")
    except Exception as err:  # latex2mathml raises its own errors and IndexError alike
        raise PluginError(f"cannot render the formula {tex!r}: {type(err).__name__}: {err}") from err
    if unknown := UNKNOWN.findall(rendered):
        # latex2mathml writes a command it does not know as text: the reader would see "\\foo"
        raise PluginError(f"the formula {tex!r} uses {', '.join(sorted(set(unknown)))}, unknown to latex2mathml: "
                          "write it another way (\\operatorname{name} for a function's name)")
    # characters as themselves, not as &#x02202; (a third of the bytes); markup's own stay escaped
    rendered = ENTITY.sub(lambda m: m[0] if int(m[1], 16) in MARKUP else chr(int(m[1], 16)), rendered)
    # \\operatorname{mean}(x) comes as an operator with wide spaces around it: a function name.
    rendered = FUNCTION_CALL.sub(r"<mi>\1</mi>", rendered)
    # \\log x: TeX's thin space between a function's name and its argument.
    rendered = NAME_THEN_ARGUMENT.sub(r'\1<mspace width="0.1667em"></mspace>', rendered)
    head, _, rest = rendered.partition(">")
    body = rest.removesuffix("</math>")
    # the TeX, for copying; the search index has the formula's text already
    annotation = f'<annotation encoding="application/x-tex" data-search-exclude>{html.escape(tex.strip(), quote=False)}</annotation>'
    pieces = [] if display or len(tex) < LONG_INLINE else split_at_operators(body)
    if len(pieces) > 1:
        # A browser never breaks a line inside <math>: a long inline formula becomes several,
        # one per term, so that a phone's line can break between them.
        last = len(pieces) - 1
        return "".join(
            f"{head}><semantics><mrow>{piece}</mrow>{annotation}</semantics></math>" if i == last
            else f"{head}><mrow>{piece}</mrow></math>"
            for i, piece in enumerate(pieces)
        )
    return f"{head}><semantics>{body}{annotation}</semantics></math>"


def split_at_operators(body: str) -> list[str]:
    """The top-level children of ``<mrow>…</mrow>``, grouped into runs that end with =, + or −."""
    if not (body.startswith("<mrow>") and body.endswith("</mrow>")):
        return [body]
    inner = body[len("<mrow>"):-len("</mrow>")]
    pieces, start, depth, fences, previous = [], 0, 0, 0, ""
    for tag in TAG.finditer(inner):
        depth += -1 if tag[1] else (0 if tag[3] else 1)
        if depth or not tag[1]:
            continue
        # a top-level child ends here
        text = inner[inner.rfind(">", 0, tag.start()) + 1 : tag.start()] if tag[2] == "mo" else ""
        fences += (text in OPENING) - (text in CLOSING)
        # break after a binary operator outside brackets (not after a sign: "∑ −x")
        if tag[2] == "mo" and text in BREAK_AFTER and fences == 0 and previous not in ("mo", ""):
            pieces.append(inner[start : tag.end()])
            start = tag.end()
        previous = tag[2] if text not in CLOSING else "mi"
    rest = inner[start:]
    if rest:
        pieces.append(rest)
    return [p for p in pieces if p]


def strip_delimiters(tex: str) -> tuple[str, bool]:
    """``\\(x\\)`` → (``x``, inline); ``\\[x\\]`` → (``x``, display); an environment is display."""
    tex = tex.strip()
    if tex.startswith("\\(") and tex.endswith("\\)"):
        return tex[2:-2], False
    if tex.startswith("\\[") and tex.endswith("\\]"):
        return tex[2:-2], True
    return tex, True


def render_arithmatex(content: str) -> str:
    """Replace every arithmatex formula of ``content`` with MathML."""

    def replace(match: re.Match) -> str:
        tag = match[1]
        tex, display = strip_delimiters(html.unescape(match[2]))
        return f'<{tag} class="arithmatex">{mathml(tex, display)}</{tag}>'

    return ARITHMATEX.sub(replace, content)


def render_notebook(content: str) -> str:
    """Take nbconvert's MathJax off a notebook page and render its Markdown cells' formulas."""
    content = NB_MATHJAX.sub("", content)

    def text_math(text: str) -> str:
        def replace(match: re.Match) -> str:
            display = match["d1"] is not None or match["d2"] is not None
            tex = next(g for g in (match["d1"], match["d2"], match["i1"], match["i2"]) if g is not None)
            rendered = mathml(html.unescape(tex), display)
            return f'<div class="arithmatex">{rendered}</div>' if display else f'<span class="arithmatex">{rendered}</span>'

        return NB_MATH.sub(replace, text)

    def cell(match: re.Match) -> str:
        parts = NB_SKIP.split(match[2])
        # split keeps each tag (group 1) and the tag name (group 2): text sits at every third place
        out = []
        for i, part in enumerate(parts):
            if part is None:
                continue
            if i % 3 == 0:
                out.append(text_math(part))
            elif i % 3 == 1:
                out.append(part)
        return match[1] + "".join(out)

    return NB_MARKDOWN.sub(cell, content)


@event_priority(-50)  # after the notebook hook re-slugged headings, before search reads the page
def on_page_content(content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render the page's formulas to MathML."""
    content = render_arithmatex(content)
    if page.file.src_uri.endswith(".ipynb"):
        content = render_notebook(content)  # after: its formulas are wrapped as arithmatex's are
    return content
