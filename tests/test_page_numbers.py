"""Every result number a page states is asserted somewhere: no number on the site stands alone.

A page's prose (outside code, inline code, math, links and HTML tags) is scanned for *result
numbers*: decimals (``0.12``, ``0,12``), percentages (``97 %``) and «в N раз». Each one must be
covered by a marker, an HTML comment that follows it in the same block (paragraph, list item,
table); a marker covers the numbers between the previous marker (or the block's start) and itself:

``<!-- claim: gan/ring.py "modes covered" -->``
    the number is checked by these claims (`lectureref.claims.claim`, by name; an f-string name
    matches with its ``{…}`` parts as wildcards) of that file under ``snippets/``, which the test
    suite runs;
``<!-- fact: imagenet_errors -->``
    a number from the course material, kept in ``tests/data/page_facts.json``; every covered
    number must appear in that fact's text;
``<!-- measured: scripts/bench_gpu.py -->``
    a figure that script prints (the sentence names the machine and the date);
``<!-- given -->``
    inputs, settings and definitions (a threshold, a version), not results.

Markdown pages under ``docs/`` and the Markdown cells of the notebooks are scanned; the YAML
timecodes are the lecture's own words and are not.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
FACTS = ROOT / "tests" / "data" / "page_facts.json"

MARKER = re.compile(r"<!--\s*(claim|fact|measured|given)\b:?(.*?)-->", re.S)
NUMBER = re.compile(
    r"(?<![\w.,/#=-])(?:"
    r"в\s+\d+(?:[.,]\d+)?\s+раз"              # «в 3 раза»
    r"|\d+(?:[.,]\d+)?\s?%"                   # 97 %, 3.5%
    r"|\d+[.,]\d+(?![.,]?\d)"                 # 0.12, 0,12 (not a version 2.13.0)
    r")",
)
FENCE = re.compile(r"^\s*(```|~~~)")
# Pieces of a block that hold no prose: inline code, math, link targets, attribute lists, tags.
NOT_PROSE = [
    re.compile(r"(`+)(?:(?!\1).)+?\1", re.S),      # `code`, ``code``
    re.compile(r"\$\$.+?\$\$", re.S),              # display math on one block
    re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?\$"),   # $inline math$
    re.compile(r"\\\(.+?\\\)", re.S),              # \(inline math\)
    re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # ](link target "title")
    re.compile(r"https?://\S+"),                   # bare addresses
    re.compile(r"\{[:#.][^}\n]*\}|\{ *\.[^}\n]*\}"),  # {#id}, { .class }
    re.compile(r"<(?!!--)[^>\n]+>"),               # HTML tags (markers are comments and stay)
    re.compile(r"--8<--.*"),                       # snippet includes
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong on a page: where, and what."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def blocks(markdown: str) -> list[tuple[int, str]]:
    """The prose blocks of a page with the line each starts on: fenced code and display math
    left out, one block per run of non-blank lines (tab and admonition bodies included)."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fence: str | None = None
    in_math = False

    def flush() -> None:
        if current:
            out.append((start, "\n".join(current)))
            current.clear()

    for number, line in enumerate(markdown.split("\n"), 1):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if match := FENCE.match(line):
            flush()
            fence = match.group(1)
            continue
        if in_math:
            in_math = "$$" not in stripped
            continue
        if stripped.startswith("$$"):
            in_math = stripped.count("$$") == 1  # a formula over several lines
            continue
        if not stripped:
            flush()
            continue
        if not current:
            start = number
        current.append(line)
    flush()
    return out


def prose(block: str) -> str:
    """``block`` with everything that is not prose blanked out (markers kept)."""
    for pattern in NOT_PROSE:
        block = pattern.sub(lambda m: " " * len(m.group(0)), block)
    return block


def claim_names(path: Path) -> list[re.Pattern[str]]:
    """The names of the claims ``path`` makes, as patterns (an f-string's ``{…}`` matches anything)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[re.Pattern[str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        if not ((isinstance(func, ast.Name) and func.id == "claim") or (isinstance(func, ast.Attribute) and func.attr == "claim")):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.append(re.compile(re.escape(first.value)))
        elif isinstance(first, ast.JoinedStr):
            parts = [re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in first.values]
            names.append(re.compile("".join(parts)))
    return names


def _normal(number: str) -> str:
    return re.sub(r"\s+", "", number).replace(",", ".")


def check_marker(kind: str, args: str, covered: list[str], where: str, facts: dict[str, dict[str, str]]) -> list[Problem]:
    """Whether one marker names something real and, for a fact, holds the numbers it covers."""
    args = args.strip()
    if kind == "given":
        return []
    if kind == "measured":
        if not args or not (ROOT / args.split()[0]).is_file():
            return [Problem(where, f"measured: no script {args!r} in the repository")]
        return []
    if kind == "fact":
        fact = facts.get(args)
        if fact is None:
            return [Problem(where, f"fact: no key {args!r} in tests/data/page_facts.json")]
        text = _normal(fact.get("text", ""))
        return [Problem(where, f"fact {args!r} does not contain {n!r}") for n in covered if _normal(n).rstrip("%") not in text]
    # claim: PATH "NAME" ["NAME" …]
    path_text, _, rest = args.partition(" ")
    names = re.findall(r'"([^"]+)"', rest)
    path = SNIPPETS / path_text
    if not path.is_file():
        return [Problem(where, f"claim: no snippet snippets/{path_text}")]
    if not names:
        return [Problem(where, f"claim: name the claims of snippets/{path_text} in quotes")]
    known = claim_names(path)
    return [
        Problem(where, f"claim: snippets/{path_text} makes no claim named {name!r}")
        for name in names
        if not any(p.fullmatch(name) for p in known)
    ]


def scan(markdown: str, source: str, facts: dict[str, dict[str, str]] | None = None) -> list[Problem]:
    """Every uncovered result number and every broken marker of one page."""
    facts = load_facts() if facts is None else facts
    problems: list[Problem] = []
    for start, block in blocks(markdown):
        text = prose(block)
        pending: list[tuple[int, str]] = []
        position = 0
        for marker in MARKER.finditer(text):
            segment = MARKER.sub(lambda m: " " * len(m.group(0)), text[position : marker.start()])
            covered = [m.group(0) for m in NUMBER.finditer(segment)]
            line = start + text[: marker.start()].count("\n")
            problems += check_marker(marker.group(1), marker.group(2), covered, f"{source}:{line}", facts)
            position = marker.end()
        tail = text[position:]
        for match in NUMBER.finditer(tail):
            offset = position + match.start()
            line = start + text[:offset].count("\n")
            context = " ".join(block.replace("\n", " ")[max(0, offset - 40) : offset + 40].split())
            pending.append((line, f"unasserted number {match.group(0)!r}: …{context}…"))
        problems += [Problem(f"{source}:{line}", what) for line, what in pending]
    return problems


def load_facts() -> dict[str, dict[str, str]]:
    """The course facts pages may cite (``<!-- fact: key -->``)."""
    return json.loads(FACTS.read_text(encoding="utf-8")) if FACTS.exists() else {}


def pages() -> list[Path]:
    """Every page a reader sees that a person wrote: Markdown and notebooks under docs/."""
    found = [p for p in DOCS.rglob("*.md") if "timecodes" not in p.relative_to(DOCS).parts]
    found += DOCS.rglob("*.ipynb")
    return sorted(found)


def page_markdown(path: Path) -> str:
    """A page's Markdown; a notebook's Markdown cells, one after another."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


PAGES = pages()


@pytest.mark.parametrize("path", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_every_result_number_on_a_page_is_asserted(path: Path) -> None:
    problems = scan(page_markdown(path), path.relative_to(ROOT).as_posix())
    assert not problems, "\n".join(map(str, problems))


def test_a_planted_unasserted_number_fails() -> None:
    page = "# T\n\nТочность на тесте 0.97, ошибка 3 %, и в 2 раза быстрее.\n"
    found = scan(page, "planted.md", {})
    assert [p.what.split(":")[0] for p in found] == ["unasserted number '0.97'", "unasserted number '3 %'", "unasserted number 'в 2 раз'"]
    assert all(p.where == "planted.md:3" for p in found)


def test_numbers_in_code_math_links_and_headings_ids_are_not_prose() -> None:
    page = (
        "# T {#t-0.5}\n\nСлой `Dropout(p=0.5)`, формула $y = 0.5x$, [ссылка](a.md#s-1.5), "
        "версия 2.13.0, таймкод 1:04:36, {: .x-0.3 }.\n\n```python\nacc = 0.97\n```\n\n$$\nx = 0.25\n$$\n"
    )
    assert scan(page, "p.md", {}) == []


def test_a_marker_covers_the_numbers_before_it_in_its_block_only() -> None:
    facts = {"imagenet": {"text": "ошибка top-5: 15.4 % (2012), 6.8 % (2014), 3.57 % (2015)"}}
    ok = "Ошибка упала с 15.4 % до 3.57 %. <!-- fact: imagenet -->\n"
    assert scan(ok, "p.md", facts) == []
    after = "Ошибка 15.4 %. <!-- fact: imagenet --> А потом 0.5.\n"
    assert [p.what.split(":")[0] for p in scan(after, "p.md", facts)] == ["unasserted number '0.5'"]
    other_block = "<!-- given -->\n\nТочность 0.97.\n"
    assert len(scan(other_block, "p.md", facts)) == 1
    wrong_fact = "Ошибка 16.4 %. <!-- fact: imagenet -->\n"
    assert "does not contain" in str(scan(wrong_fact, "p.md", facts)[0])
    assert "no key" in str(scan("Ошибка 15.4 %. <!-- fact: nope -->", "p.md", facts)[0])


def test_claim_markers_name_real_claims_of_real_snippets(tmp_path: Path) -> None:
    good = 'Нулей 50 % <!-- claim: dropout/train_eval.py "|share of zeros − 0.5|" -->'
    assert scan(good, "p.md", {}) == []
    no_claim = 'Нулей 50 % <!-- claim: dropout/train_eval.py "share of ones" -->'
    assert "makes no claim named 'share of ones'" in str(scan(no_claim, "p.md", {})[0])
    no_file = 'Нулей 50 % <!-- claim: dropout/nope.py "x" -->'
    assert "no snippet" in str(scan(no_file, "p.md", {})[0])
    snippet = tmp_path / "s.py"
    snippet.write_text('from lectureref.claims import claim\nfor name in "ab":\n    claim(f"{name}: accuracy", 1, ">", 0)\n')
    [pattern] = claim_names(snippet)
    assert pattern.fullmatch("digits: accuracy") and not pattern.fullmatch("accuracy")


def test_measured_markers_name_a_script_of_the_repository() -> None:
    assert scan("×25.7 <!-- measured: scripts/bench_gpu.py -->", "p.md", {}) == []
    assert "no script" in str(scan("×25.7 <!-- measured: scripts/nope.py -->", "p.md", {})[0])
