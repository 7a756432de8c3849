"""`mkdocs build --strict` of the real site, and what a reader finds on the built pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, mkdocs_build

@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]


def test_index_links_lecture_3_to_the_right_seconds(site: Path) -> None:
    links = [h for h in hrefs((site / "lectures" / "index.html").read_text()) if "v=kWTC1NvL894" in h and "&t=" in h]
    assert len(links) == 15
    assert "https://www.youtube.com/watch?v=kWTC1NvL894&list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=1h04m36s" in links
    assert "https://www.youtube.com/watch?v=kWTC1NvL894&list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=21m12s" in links


def test_topic_page_shows_snippet_api_and_backlinks(site: Path) -> None:
    html = (site / "topics" / "gradient_descent" / "index.html").read_text()
    assert "fit_numpy" in html and "mse_grad" in html  # snippet code and the API section
    assert 'id="lectureref.gradient_descent.fit_torch"' in html  # mkdocstrings rendered the API
    block = html[html.index('id="v-lektsiyakh"') :]
    assert "t=21m12s" in block and "t=53m52s" in block


def test_bad_timecode_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    """A contributor's typo stops the build and says where it is."""
    for name in ("mkdocs.yml", "hooks", "lectureref", "snippets", "scripts"):
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
