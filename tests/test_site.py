"""`mkdocs build --strict` of the real site, and what a reader finds on the built pages."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT, mkdocs_build

@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]


def test_index_links_lecture_3_to_the_right_seconds(site: Path) -> None:
    page = re.sub(r"<svg.*?</svg>", "", (site / "lectures" / "index.html").read_text(), flags=re.S)  # not the timeline
    links = [h for h in hrefs(page) if "v=kWTC1NvL894" in h and "&t=" in h]
    assert len(links) == 15
    assert "https://www.youtube.com/watch?v=kWTC1NvL894&list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=1h04m36s" in links
    assert "https://www.youtube.com/watch?v=kWTC1NvL894&list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=21m12s" in links


def test_topic_page_shows_snippet_api_and_backlinks(site: Path) -> None:
    html = (site / "topics" / "gradient_descent" / "index.html").read_text()
    assert "fit_linear" in html and "mse_grad" in html  # snippet code and the API section
    assert 'id="lectureref.gradient_descent.fit_linear_torch"' in html  # mkdocstrings rendered the API
    block = html[html.index('id="v-lektsiyakh"') :]
    assert "t=21m12s" in block and "t=53m52s" in block


def test_bad_timecode_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    """A contributor's typo stops the build and says where it is."""
    for name in ("mkdocs.yml", "hooks", "overrides", "lectureref", "snippets", "scripts"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    course = tmp_path / "docs" / "timecodes" / "dl-na-paltsah-2019.yml"
    lines = course.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if '"21:12"' in line)
    lines[number] = lines[number].replace('"21:12"', '"21:61"')
    course.write_text("\n".join(lines), encoding="utf-8")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert f"dl-na-paltsah-2019.yml:{number + 1}: " in result.stderr
    assert "seconds must be below 60" in result.stderr


def test_no_raw_markup_reaches_a_page(site: Path) -> None:
    """Docstrings are Markdown here: an RST role or an unexpanded include would show raw."""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert ":math:`" not in html, page
        # a Sphinx role in a rendered docstring: ":func:<code>fit</code>" (source listings keep backticks)
        assert not re.search(r":(func|meth|class|mod|attr|data|obj|math):<code>", html), page
        assert not re.search(r"--8(&lt;|<)-- (&quot;|\")", html), page


class Tabs(HTMLParser):
    """Each tab of every ``=== "label"`` set: its label and the code inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: list[str] = []
        self.blocks: list[str] = []
        self.in_label = False
        self.block_depth = 0  # >0 while inside a tabbed-block (counts nested divs)
        self.in_code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "label" and dict(attrs).get("for", "").startswith("__tabbed_"):
            self.in_label = True
            self.labels.append("")
        elif tag == "div" and "tabbed-block" in classes:
            self.block_depth = 1
            self.blocks.append("")
        elif tag == "div" and self.block_depth:
            self.block_depth += 1
        elif tag == "code" and self.block_depth:
            self.in_code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label = False
        elif tag == "div" and self.block_depth:
            self.block_depth -= 1
        elif tag == "code" and self.in_code:
            self.in_code -= 1

    def handle_data(self, data: str) -> None:
        if self.in_label:
            self.labels[-1] += data
        elif self.in_code:
            self.blocks[-1] += data


def tabs(html: str) -> list[tuple[str, str]]:
    parser = Tabs()
    parser.feed(html)
    assert len(parser.labels) == len(parser.blocks)
    return list(zip((label.strip() for label in parser.labels), parser.blocks))


def without_text(code: str) -> str:
    """Python code minus its docstrings, strings and comments (which may name torch's twin)."""
    code = re.sub(r'("""|\'\'\')[\s\S]*?\1', "", code)
    code = re.sub(r'"[^"\n]*"|\'[^\'\n]*\'', "", code)
    return re.sub(r"#[^\n]*", "", code)


def test_pytorch_tabs_show_torch_code_and_numpy_tabs_none(site: Path) -> None:
    seen = {"PyTorch": 0, "numpy": 0}
    wrong = []
    for page in sorted((site / "topics").glob("*/index.html")):
        for label, code in tabs(page.read_text(encoding="utf-8")):
            name = page.parent.name
            if label == "PyTorch":
                seen[label] += 1
                if not re.search(r"torch|\bnn\.|\bF\.", code):
                    wrong.append(f"{name}: the PyTorch tab shows no torch code")
            elif label == "numpy":
                seen[label] += 1
                if not code.strip() or re.search(r"\btorch\.|\bnn\.|\bF\.", without_text(code)):
                    wrong.append(f"{name}: the numpy tab shows torch code")
    assert wrong == [], "\n".join(wrong)
    assert seen["PyTorch"] >= 10 and seen["numpy"] >= 10
    dropout = dict(tabs((site / "topics" / "dropout" / "index.html").read_text(encoding="utf-8")))
    assert "nn.Dropout" in dropout["PyTorch"] and "class Dropout" in dropout["numpy"]


def test_every_topic_with_moments_opens_with_them_and_links_a_second_of_a_video(site: Path) -> None:
    """«В лекциях» comes right under the title, before any text; every link opens a second of a
    video, and an untimed note says its honest stretch («между 27:55 и 1:17:27»), never 0:00."""
    for page in sorted((site / "topics").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if 'id="v-lektsiyakh"' not in html:
            continue
        article = html[html.index("<h1") :]
        assert article.index('id="v-lektsiyakh"') < article.find("<p>") or "<p>" not in article, page.parent.name
        block = html[html.index('id="v-lektsiyakh"') :]
        block = block[: block.index("</ul>")]
        assert re.search(r'href="https://www\.youtube\.com/watch\?v=[\w-]{11}[^"]*&amp;t=\d', block), page.parent.name
        for href, label in re.findall(r'href="(https://www\.youtube\.com/watch[^"]*)"[^>]*>([^<]*)</a>', block):
            assert "&amp;t=" in href or label.startswith("с начала"), (page.parent.name, label)
    dropout = (site / "topics" / "dropout" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'&amp;t=27m55s">между 27:55 и 1:17:27</a>', dropout)  # lecture 5: the timed moments around it
    assert 'id="v-lektsiyakh"' in (site / "topics" / "practical_training" / "index.html").read_text(encoding="utf-8")


# Words about how the project is made, which mean nothing to a reader of the course.
JARGON = re.compile(r"\b(issue|helper|seed notes|seeds?\s0\d\d|session|\.\./shared|сесси\w*|этой задаче)\b", re.I)


def test_no_development_jargon_on_any_page(site: Path) -> None:
    found = []
    for page in sorted(site.rglob("*.html")):
        # code (an onnxruntime session, onnx.helper) is not prose about how the project is made
        html = page.read_text(encoding="utf-8")
        text = re.sub(r"<style.*?</style>|<script.*?</script>|<pre.*?</pre>|<code.*?</code>", "", html, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        found += [f"{page.relative_to(site)}: {m[0]!r}" for m in JARGON.finditer(text)]
    assert found == []


def test_home_page_names_the_course_and_its_lectures(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Главная - Deep Learning на пальцах 2019" in html  # the site is named after the course
    article = html[html.index("<article") : html.index("</article>")]
    assert re.search(r"<h1[^>]*>Deep Learning на пальцах 2019", article)
    lectures = set(re.findall(r'href="lectures/dl-na-paltsah-2019/(\d+)/"', article))
    assert lectures == {str(n) for n in range(1, 11)}
    assert 'href="lectures/"' in article and 'href="topics/gradient_descent/"' in article


def test_api_pages_render_numpy_docstrings(built_site: Path) -> None:
    """Parameter tables keep types in the Type column, and no reST double backticks show verbatim."""
    import re

    for page in sorted((built_site / "api").rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        assert "``" not in re.sub(r"<(code|pre)[^>]*>.*?</\1>", "", html, flags=re.S), page
        for table in re.findall(r"<th>Type</th>.*?</table>", html, flags=re.S):
            for row in re.findall(r"<tr class=\"doc-section-item\">(.*?)</tr>", table, flags=re.S):
                cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
                type_text = re.sub(r"<[^>]+>", "", cells[1]).strip() if len(cells) > 2 else ""
                assert len(type_text.split()) <= 6, f"{page}: a description in the Type column: {type_text!r}"


def test_formulas_are_mathml_from_the_build(site: Path) -> None:
    """No page carries TeX for a script to typeset, nor loads MathJax; notebooks' formulas too."""
    raw, scripts = [], []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if re.search(r'class="arithmatex">\s*\\[(\[]', html):
            raw.append(str(page.relative_to(site)))
        if re.search(r"<script[^>]*(mathjax|MathJax)|text/x-mathjax-config", html):
            scripts.append(str(page.relative_to(site)))
    assert raw == [] and scripts == []
    assert not (site / "assets" / "mathjax").exists()
    lstm = (site / "topics" / "lstm" / "index.html").read_text(encoding="utf-8")
    assert lstm.count("<math ") >= 10 and 'encoding="application/x-tex"' in lstm
    notebook = (site / "notebooks" / "rnn" / "index.html").read_text(encoding="utf-8")
    assert "<math " in notebook and not re.search(r">[^<]*\$\\rho", notebook)


def test_a_topic_page_first_visit_stays_under_a_megabyte(site: Path) -> None:
    """A topic page, everything it loads on a first visit (the search index waits for search)."""
    heavy = []
    for page in sorted((site / "topics").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        total = len(html.encode())
        for ref in set(re.findall(r'<(?:script|img)[^>]*\bsrc="([^"]+)"|<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)):
            url = next(filter(None, ref)).split("?")[0].split("#")[0]
            if url.startswith(("data:", "http")):
                continue
            total += (page.parent / url).resolve().stat().st_size
        if total > 1_000_000:
            heavy.append(f"{page.parent.name}: {total} bytes")
    assert heavy == []


def test_search_index_holds_prose_not_listings(site: Path) -> None:
    import json

    path = site / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    listings = [d["location"] for d in docs if "import torch" in d["text"] or "%matplotlib" in d["text"]]
    assert listings == []
    # a topic page's API section is indexed once, on the module's API page
    assert not [d["location"] for d in docs if d["location"].startswith("topics/") and "#lectureref." in d["location"]]
    assert any(d["location"].startswith("api/gradient_descent/#lectureref.gradient_descent.") for d in docs)
    assert any("свертка" in d["text"].lower() for d in docs)  # «ё» spelled «е» (hooks/search.py)


SITE_URL = "https://lectureref.github.io/lectureref/"  # mkdocs.yml's default (CI sets its own)


def test_sitemap_lists_every_page_and_404_works_at_any_depth(site: Path) -> None:
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert all(u.startswith(SITE_URL) for u in listed)
    assert {u.removeprefix(SITE_URL).rstrip("/") or "." for u in listed} == pages
    # served for any missing path, the 404 page names its styles and scripts from the site's root
    page404 = (site / "404.html").read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]+)"', page404)
    assert assets and all(a.startswith("/lectureref/") for a in assets)


def test_edit_action_opens_the_source(site: Path) -> None:
    """A generated lecture page opens its lecture's line of the course YAML, an API page its module."""
    from lectureref.timecodes import load_courses

    def edit_url(path: str) -> str:
        return re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit"',
                         (site / path / "index.html").read_text(encoding="utf-8"))[1]

    course = next(c for c in load_courses(ROOT / "docs" / "timecodes") if c.playlist)
    url = edit_url(f"lectures/{course.slug}/3")
    blob, line = url.split("#L")
    assert blob.endswith(f"/blob/main/docs/timecodes/{course.slug}.yml")
    assert int(line) == course.line("lectures", 2)
    lines = (ROOT / "docs" / "timecodes" / f"{course.slug}.yml").read_text(encoding="utf-8").splitlines()
    assert re.match(r"\s*- number: 3\b", lines[int(line) - 1])
    assert edit_url("topics/gan").endswith("/edit/main/docs/topics/gan.md")
    assert edit_url("api/lstm").endswith("/edit/main/lectureref/lstm.py")
    assert edit_url("notebooks/gan").endswith("/edit/main/docs/notebooks/gan.ipynb")


def test_pages_show_the_date_of_their_last_change(site: Path) -> None:
    import datetime as dt
    import subprocess

    def committed(path: str) -> dt.date | None:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", path], cwd=ROOT,
                             capture_output=True, text=True).stdout.strip()
        return dt.datetime.fromtimestamp(int(out), tz=dt.UTC).date() if out else None

    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT,
                             capture_output=True, text=True).stdout.strip()
    if shallow != "false":
        pytest.skip("no git history here (or a shallow clone): pages carry no dates")
    months = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря")
    for page, source in [("topics/gan", "docs/topics/gan.md"), ("lectures/dl-na-paltsah-2019/3", "docs/timecodes/dl-na-paltsah-2019.yml"),
                         ("api/lstm", "lectureref/lstm.py")]:
        when = committed(source)
        html = (site / page / "index.html").read_text(encoding="utf-8")
        if when is None:
            continue  # a source not committed yet
        shown = re.search(r'Последнее изменение: <time datetime="([\d-]+)">([^<]+)</time>', html)
        assert shown, page
        assert shown[1] == when.isoformat() and shown[2] == f"{when.day} {months[when.month - 1]} {when.year}"


def test_palette_toggle_and_no_cdn(site: Path) -> None:
    html = (site / "topics" / "gan" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-scheme="slate"' in html and 'data-md-color-scheme="default"' in html
    assert "Тёмная тема" in html
    assert not (site / "javascripts" / "vendor").exists()  # the offline build's shim only
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        external = r'<script[^>]+src="https?://|<link[^>]+rel="(?:stylesheet|preload|modulepreload)"[^>]+href="https?://'
        assert not re.search(external, html), page
