"""Timecode parsing, deep links and YAML validation, on the course files (against the course
facts in tests/data) and on broken files."""

from __future__ import annotations

import ast
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from lectureref.timecodes import TimecodeError, deep_link, format_time, load_course, parse_time, t_param
from lectureref.timecodes.render import backlinks, index_page, lecture_page_text, md_text, moments, stretch, topics_page
from lectureref.timecodes.schema import Entry, Lecture
from lectureref.timecodes.topics import scan_topics
from tests.conftest import DOCS

COURSE = DOCS / "timecodes" / "dl-na-paltsah-2019.yml"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0:45", 45), ("8:00", 480), ("59:59", 3599), ("1:04:36", 3876), ("1:23:00", 4980)],
)
def test_parse_time(text: str, seconds: int) -> None:
    assert parse_time(text) == seconds
    assert format_time(seconds) == text


@pytest.mark.parametrize(("text", "seconds"), [("00:00", 0), ("08:00", 480), ("0:00:00", 0), ("00:08:00", 480), ("01:04:36", 3876)])
def test_parse_time_takes_zero_padded_forms(text: str, seconds: int) -> None:
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text", ["1:61", "61:00", "1:60:00", "8:0", "8", "1:2:3:4", "a:bc", "", "-1:00", "1:4:36", "1:²3", "1:０5"])
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="bad time"):
        parse_time(text)


@pytest.mark.parametrize(("seconds", "param"), [(480, "8m00s"), (45, "0m45s"), (3876, "1h04m36s"), (3600, "1h00m00s")])
def test_t_param(seconds: int, param: str) -> None:
    assert t_param(seconds) == param


def test_deep_link_has_the_course_notes_form() -> None:
    url = deep_link("kWTC1NvL894", 3876, "PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb")
    assert url == "https://www.youtube.com/watch?v=kWTC1NvL894&list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=1h04m36s"
    assert deep_link("kWTC1NvL894") == "https://www.youtube.com/watch?v=kWTC1NvL894"


def fact_links(facts: dict) -> dict[str, list[tuple[str, int]]]:
    """Every course timecode of the facts as (playlist, second), per video id, in course order."""
    return {lec["video"]: [(facts["playlist"], s) for s in lec["instants"]] for lec in facts["lectures"]}


def test_course_links_match_the_facts(facts: dict) -> None:
    """Each lecture in the YAML has exactly the course notes' moments, in their order."""
    course = load_course(COURSE, {n: t.anchors for n, t in scan_topics(DOCS).items()})
    expected = fact_links(facts)
    for lecture in course.lectures:
        ours = [(course.playlist_of(lecture), e.t) for e in lecture.entries if e.t is not None]
        assert ours == expected[lecture.video], f"lecture {lecture.number}"
    assert [lec.video for lec in course.lectures] == list(expected)  # all 10 lectures, in order
    assert [lec.number for lec in course.lectures] == [lec["number"] for lec in facts["lectures"]]
    assert sum(len(v) for v in expected.values()) == 80
    lecture3 = next(lec for lec in course.lectures if lec.video == "kWTC1NvL894")
    assert len([e for e in lecture3.entries if e.t is not None]) == 15
    assert len([e for e in lecture3.entries if e.t is None]) == 1
    # every timed moment leads to a topic; so does every untimed note
    untopical = [e.text for lec in course.lectures for e in lec.entries if e.page is None]
    assert not untopical
    # the lectures' untimed notes are there too (lecture 5: TensorBoard … ensembles)
    lecture5 = next(lec for lec in course.lectures if lec.number == 5)
    assert {e.page for e in lecture5.entries if e.t is None} >= {"dropout", "batchnorm", "regularization", "ensembles", "lr_schedules"}


def test_see_also_videos_match_the_facts(facts: dict) -> None:
    """The loose videos: ids the course notes link, and the ml-mipt seminar's three timecodes."""
    see_also = facts["see_also"]
    course = load_course(DOCS / "timecodes" / "see-also.yml", {n: t.anchors for n, t in scan_topics(DOCS).items()})
    assert course.playlist is None and all(lec.playlist is None for lec in course.lectures)
    for lecture in course.lectures:
        assert lecture.video in see_also["linked_videos"], lecture.video
    seminar = course.lectures[0]
    assert seminar.video == see_also["seminar"]["video"]
    assert [e.t for e in seminar.entries] == see_also["seminar"]["instants"]
    assert [e.clock for e in seminar.entries] == ["1:34", "7:19", "11:01"]
    assert all(e.page for lec in course.lectures for e in lec.entries)


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "course.yml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD = """\
title: T
playlist: PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb
lectures:
  - number: 1
    title: L
    video: kWTC1NvL894
    entries:
      - t: "8:00"
        text: first
        topic: gradient_descent
      - t: "1:04:36"
        text: second
"""
TOPICS = {"gradient_descent": {"loss", "step"}}


def test_good_file_loads(tmp_path: Path) -> None:
    course = load_course(write(tmp_path, GOOD), TOPICS)
    assert [e.t for e in course.lectures[0].entries] == [480, 3876]
    assert course.slug == "course"


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('t: "8:00"', 't: "1:61"', 8, "seconds must be below 60"),
        ("topic: gradient_descent", "topic: gradient_descen", 10, "unknown topic 'gradient_descen'.*did you mean 'gradient_descent'"),
        ("topic: gradient_descent", "topic: gradient_descent#nope", 10, "unknown anchor #nope"),
        ("video: kWTC1NvL894", "video: kWTC1NvL89", 6, "malformed value 'kWTC1NvL89'"),
        ("playlist: PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb", "playlist: nope", 2, "malformed value 'nope'"),
        ("video: kWTC1NvL894", "video: kWTC1NvL8?4", 6, "malformed value 'kWTC1NvL8\\?4'"),
        ('t: "8:00"', 't: "8:0"', 8, "seconds need two digits"),
        ("topic: gradient_descent", "topic: Gradient-Descent", 10, "malformed value 'Gradient-Descent'"),
        ("    title: L\n", "    title: L\n    duration: 10\n", 6, "unknown key 'duration'"),
        ('t: "1:04:36"', 't: "7:00"', 11, "out of order"),
        ('t: "1:04:36"', 't: "8:00"', 11, "duplicate time 8:00"),
        ("        text: second", "        text: second\n        speaker: x", 13, "unknown key 'speaker'"),
        ("    title: L\n", "", 4, "lecture 1, title: Field required"),
        ('t: "1:04:36"', 't: "1:61:00"', 11, "lecture 1, entry 2, t: bad time '1:61:00'"),
        ("playlist: PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb", "playlist: [a]", 2, "playlist: Input should be a valid string"),
        ("text: first", "text: [first", 10, "YAML syntax"),
    ],
)
def test_bad_file_names_file_and_line(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(TimecodeError) as err:
        load_course(path, TOPICS)
    assert re.search(rf"^{re.escape(str(path))}:{line}: .*{message}", str(err.value), re.M), str(err.value)


def test_text_is_shown_never_interpreted(tmp_path: Path) -> None:
    body = GOOD.replace("text: first", "text: '<script>alert(1)</script> **bold** [x](y) $x$'")
    body = body.replace("title: L", "title: '<b>L</b> _x_'")
    course = load_course(write(tmp_path, body), TOPICS)
    titles = {"gradient_descent": "<i>GD</i>"}
    pages = [index_page([course], titles), lecture_page_text(course, course.lectures[0], titles),
             topics_page([course], titles), backlinks(moments([course])["gradient_descent"])]
    for page in pages:
        assert "<script>" not in page and "**bold**" not in page and "[x](y)" not in page, page
        assert "<b>" not in page and "<i>" not in page and "_x_" not in page, page
    assert md_text("a<b") == "a&#60;b"


def test_backlinks_list_every_moment_of_a_topic(tmp_path: Path) -> None:
    course = load_course(write(tmp_path, GOOD), TOPICS)
    block = backlinks(moments([course])["gradient_descent"])
    assert "t=8m00s" in block and "1h04m36s" not in block
    assert "](../lectures/course/1.md)" in block  # each moment names its lecture page
    assert "no_such_topic" not in moments([course]) and backlinks([]) == ""


def test_two_lectures_with_one_number_are_refused(tmp_path: Path) -> None:
    second = "  - number: 1\n    title: M\n    video: tnrbx7V9RbA\n"
    path = write(tmp_path, GOOD + second)
    with pytest.raises(TimecodeError, match=rf"{re.escape(str(path))}:13: a second lecture with number 1"):
        load_course(path, TOPICS)


def test_video_placeholder_left_by_the_importer_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("video: kWTC1NvL894", "video: TODO-video-id"))
    with pytest.raises(TimecodeError, match=rf"{re.escape(str(path))}:6: .*video id missing"):
        load_course(path, TOPICS)


def test_course_remembers_lines(tmp_path: Path) -> None:
    course = load_course(write(tmp_path, GOOD), TOPICS)
    assert course.line("lectures", 0, "entries", 1, "t") == 11
    assert course.line("lectures", 0, "entries", 1, "nope") == 11  # falls back to the parent
    assert course.path == tmp_path / "course.yml"


def test_messages_count_lectures_and_entries_from_one(tmp_path: Path) -> None:
    """The third lecture's seventeenth entry is "lecture 3, entry 17", not lectures.2.entries.16."""
    lectures = "".join(f"  - number: {n}\n    title: L{n}\n    video: {video}\n"
                       for n, video in ((1, "kWTC1NvL894"), (2, "tnrbx7V9RbA")))
    entries = "".join(f"      - t: \"{m}:00\"\n        text: e{m}\n" for m in range(1, 17))
    body = (f"title: T\nlectures:\n{lectures}  - number: 3\n    title: L3\n    video: _q46x0tq2FQ\n    entries:\n{entries}"
            "      - t: \"8:0\"\n        text: bad\n")
    path = write(tmp_path, body)
    line = body.splitlines().index('      - t: "8:0"') + 1
    with pytest.raises(TimecodeError) as err:
        load_course(path)
    assert str(err.value) == f"{path}:{line}: lecture 3, entry 17, t: bad time '8:0': seconds need two digits"


@pytest.mark.parametrize(("body", "kind"), [("- title: T\n- lectures: []\n", "list"), ("just a sentence\n", "single value")])
def test_a_file_that_is_not_a_mapping_says_so(tmp_path: Path, body: str, kind: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(TimecodeError) as err:
        load_course(path)
    assert str(err.value).startswith(f"{path}:1: the file is a {kind}: a course is a mapping with `title` and `lectures`")


def test_a_missing_file_is_one_line_with_its_path(tmp_path: Path) -> None:
    with pytest.raises(TimecodeError) as err:
        load_course(tmp_path / "nope.yml")
    assert str(err.value) == f"{tmp_path / 'nope.yml'}: cannot read: No such file or directory"


def test_two_lectures_with_one_video_are_refused(tmp_path: Path) -> None:
    """Chapters, pages and the metadata cache are keyed by video: a shared video is an error
    at the second lecture's line, naming the first."""
    second = "  - number: 2\n    title: M\n    video: kWTC1NvL894\n"
    path = write(tmp_path, GOOD + second)
    with pytest.raises(TimecodeError) as err:
        load_course(path, TOPICS)
    assert str(err.value) == (f"{path}:15: video kWTC1NvL894 is already lecture 1's (line 6): "
                              "two lectures cannot share one video")


# --- `check`: the build's validation without the build ---------------------------------------

def test_check_passes_on_the_course_files(capsys: pytest.CaptureFixture[str]) -> None:
    from lectureref.timecodes.__main__ import main
    from lectureref.timecodes.loader import load_courses

    courses = load_courses(DOCS / "timecodes")
    assert main(["check", "-f", str(DOCS.parent / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    timed = sum(1 for c in courses for lec in c.lectures for e in lec.entries if e.t is not None)
    assert f"{len(courses)} files, {sum(len(c.lectures) for c in courses)} lectures, {timed} timecodes: ok" in out


def test_check_reports_exactly_what_the_build_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A small site (the course files, topic pages reduced to headings, the site's toc slugify)
    with a wrong anchor, a video shared by two lectures and a timecode past its video's end:
    `check` exits 1 with the very lines the hook stops the build with."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files

    from lectureref.timecodes.__main__ import main
    from tests.test_timecodes_site import HOOK, make_project

    config_file = make_project(tmp_path)
    course = tmp_path / "docs" / "timecodes" / "dl-na-paltsah-2019.yml"
    text = course.read_text(encoding="utf-8").replace("topic: gradient_descent#normalization", "topic: gradient_descent#no-such-heading", 1)
    text = text.replace("video: tnrbx7V9RbA", "video: kWTC1NvL894")  # lecture 4 on lecture 3's video
    course.write_text(text, encoding="utf-8")
    with pytest.raises(PluginError) as build:
        config = load_config(str(config_file))
        hook = config.hooks.get(str(HOOK)) or next(iter(config.hooks.values()))
        hook.on_files(Files([]), config)
    expected = build.value.message.splitlines()[1:]
    assert main(["check", "-f", str(config_file)]) == 1
    got = [line.removeprefix("error: ") for line in capsys.readouterr().err.splitlines()]
    assert got == expected and len(got) == 2
    assert "video kWTC1NvL894 is already lecture 3's" in got[0] and "unknown anchor #no-such-heading" in got[1]
    # fixed, and a cached duration shorter than lecture 3: the duration check, still alike
    course.write_text(text.replace("video: kWTC1NvL894", "video: tnrbx7V9RbA", 2).replace(
        "video: tnrbx7V9RbA", "video: kWTC1NvL894", 1).replace("#no-such-heading", "#normalization"), encoding="utf-8")
    (course.parent / "metadata.json").write_text('{"kWTC1NvL894": {"title": "x", "duration": 4900}}', encoding="utf-8")
    with pytest.raises(PluginError) as build:
        hook.on_files(Files([]), config)
    assert main(["check", "-f", str(config_file)]) == 1
    got = [line.removeprefix("error: ") for line in capsys.readouterr().err.splitlines()]
    assert got == build.value.message.splitlines()[1:] and "time 1:23:00 is past the end of video kWTC1NvL894" in got[0]


def test_check_warns_about_youtube_chapter_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from lectureref.timecodes.__main__ import main

    folder = tmp_path / "docs" / "timecodes"
    folder.mkdir(parents=True)
    (tmp_path / "docs" / "topics").mkdir()
    write(folder, GOOD.replace('"1:04:36"', '"8:05"').replace("        topic: gradient_descent\n", ""))
    assert main(["check", "--docs", str(tmp_path / "docs"), "-f", str(tmp_path / "none.yml")]) == 0
    captured = capsys.readouterr()
    assert f"warning: {folder / 'course.yml'}:4: YouTube chapters: chapter 8:00 'first' lasts 5 s" in captured.err
    assert "ok, 1 warnings" in captured.out


def test_the_timecodes_package_imports_nothing_heavy() -> None:
    """The loader, the build hook and the command line leave yt-dlp (half a second), webvtt and
    the model code unimported until a URL is parsed, metadata fetched or VTT written."""
    import subprocess
    import sys

    code = ("import runpy, sys, lectureref.timecodes, lectureref.timecodes.loader, lectureref.timecodes.__main__; "
            "runpy.run_path('hooks/timecodes.py'); print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'yt_dlp', 'webvtt', 'torch', 'numpy'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=DOCS.parent, check=True)
    assert done.stdout.strip() == "[]"


def test_an_untimed_note_says_its_stretch_and_never_opens_0_00_silently() -> None:
    def lecture(*times: str | None) -> Lecture:
        entries = [Entry(t=t, text=f"note {i}") for i, t in enumerate(times)]
        return Lecture(number=5, title="L", video="2gIn9cVn9cA", entries=entries)

    middle = lecture("27:55", None, "1:17:27")
    assert stretch(middle, middle.entries[1]) == ("между 27:55 и 1:17:27", 27 * 60 + 55)
    last = lecture("27:55", None)
    assert stretch(last, last.entries[1]) == ("после 27:55, до конца лекции", 27 * 60 + 55)
    first = lecture(None, "29:30")
    assert stretch(first, first.entries[0]) == ("с начала до 29:30", 0)  # opens at 0:00 and says so
    alone = lecture(None)
    assert stretch(alone, alone.entries[0]) == ("время не отмечено", None)
    assert stretch(middle, middle.entries[0]) == ("27:55", 27 * 60 + 55)


def test_one_view_of_the_docs_read_once_and_again_after_a_change(tmp_path: Path) -> None:
    """The hooks and the check command share `load_docs`: the same object until a file changes."""
    from lectureref.timecodes.view import load_docs

    shutil.copytree(DOCS / "timecodes", tmp_path / "timecodes")
    shutil.copytree(DOCS / "topics", tmp_path / "topics")
    first = load_docs(tmp_path)
    assert load_docs(tmp_path) is first
    assert first.courses and first.moments and first.titles["knn"]
    course = tmp_path / "timecodes" / "dl-na-paltsah-2019.yml"
    course.write_text(course.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(course, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    assert load_docs(tmp_path) is not first


def test_the_loader_writes_no_private_attribute_of_the_frozen_course() -> None:
    """The course keeps its file and lines itself (the validation context), not by the loader's hand."""
    tree = ast.parse((Path(__file__).resolve().parent.parent / "lectureref" / "timecodes" / "loader.py").read_text("utf-8"))
    written = [ast.unparse(t) for node in ast.walk(tree) if isinstance(node, ast.Assign) for t in node.targets
               if isinstance(t, ast.Attribute) and t.attr.startswith("_")]
    assert written == []
