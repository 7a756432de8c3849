"""Importer (notes as people write and paste them → YAML) and exporters (markdown, YouTube and
WebVTT chapters): the course notes written for the tests (tests/data/notes) in both formats give
the course facts, every pasted style (tests/data/pasted) imports to what a reader sees in it, and
every bad line fails with file:line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lectureref.timecodes import load_course
from lectureref.timecodes.__main__ import main
from lectureref.timecodes.exporter import INTRO, chapters, markdown
from lectureref.timecodes.importer import (
    ImportProblem,
    dump_course,
    import_file,
    read_info_json,
    to_course,
    url_seconds,
    video_id,
)
from lectureref.timecodes.files import write_atomic
from lectureref.timecodes.schema import Entry, Lecture
from lectureref.timecodes.timecode import parse_time
from tests.conftest import DATA, ROOT

NOTES = DATA / "notes"
PLAIN = NOTES / "course.txt"
MARKDOWN = NOTES / "course.md"
PASTED = DATA / "pasted"
PLAYLIST = "PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb"
DEEP_URL = re.compile(r"https://www\.youtube\.com/watch\?v=[\w-]{11}&list=[\w-]+&t=[\dhms]+")


def instant(url: str) -> tuple[str, str | None, int | None]:
    """A deep link as what it opens: (video, playlist, second)."""
    playlist = re.search(r"[?&]list=([\w-]+)", url)
    return video_id(url), playlist[1] if playlist else None, url_seconds(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=kWTC1NvL894",
        "https://www.youtube.com/watch?v=kWTC1NvL894&list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=1h04m36s",
        "https://www.youtube.com/watch?list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&v=kWTC1NvL894&feature=youtu.be",
        "https://youtu.be/kWTC1NvL894",
        "https://youtu.be/kWTC1NvL894?list=PL5FkQ0AF9O_o2Eb5Qn8pwCDg7TniyV1Wb&t=480",
        "https://www.youtube.com/embed/kWTC1NvL894?start=30",
        "https://www.youtube.com/shorts/kWTC1NvL894",
        "https://m.youtube.com/watch?v=kWTC1NvL894",
        "kWTC1NvL894",  # a bare id is accepted as it is
    ],
)
def test_every_url_form_gives_the_video_id(url: str) -> None:
    assert video_id(url) == "kWTC1NvL894"


@pytest.mark.parametrize("url", ["https://youtu.be/XWAvufvk2M", "https://example.com/watch?v=kWTC1NvL894", "kWTC1NvL89"])
def test_non_video_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="not a YouTube video URL"):
        video_id(url)


@pytest.mark.parametrize(("url", "seconds"), [("x?t=8m0s", 480), ("x?t=8m00s", 480), ("x?t=1h04m36s", 3876), ("x?t=45", 45), ("x", None)])
def test_url_seconds(url: str, seconds: int | None) -> None:
    assert url_seconds(url) == seconds


def timecodes(course: dict) -> dict[int | None, list[int]]:
    return {lec.get("number"): [parse_time(e["t"]) for e in lec["entries"] if "t" in e] for lec in course["lectures"]}


def fact_timecodes(facts: dict) -> dict[int, list[int]]:
    return {lec["number"]: lec["instants"] for lec in facts["lectures"]}


def test_plain_and_markdown_notes_give_the_course_facts(facts: dict) -> None:
    plain = to_course(PLAIN.read_text(encoding="utf-8")).course
    marked = to_course(MARKDOWN.read_text(encoding="utf-8")).course
    assert timecodes(plain) == timecodes(marked) == fact_timecodes(facts)
    assert [lec["video"] for lec in marked["lectures"]] == [lec["video"] for lec in facts["lectures"]]
    assert marked["playlist"] == facts["playlist"]
    # the notes between timecodes come along as untimed entries, in both formats
    lecture5 = [e["text"] for e in marked["lectures"][4]["entries"] if "t" not in e]
    assert any(text.startswith("Dropout") for text in lecture5)
    plain5 = [e["text"] for e in plain["lectures"][4]["entries"] if "t" not in e]
    assert len(plain5) == len(lecture5) == 8
    assert plain5[1] == lecture5[1] and "lr_scheduler); помогает" in plain5[1]  # the broken line rejoined
    # plain notes carry no video ids: a placeholder the loader reports
    assert {lec["video"] for lec in plain["lectures"]} == {"TODO-video-id"}


def test_plain_import_takes_video_ids_from_an_option(facts: dict, tmp_path: Path) -> None:
    videos = {lec["number"]: lec["video"] for lec in facts["lectures"]}
    target = tmp_path / "course.yml"
    plain = import_file(PLAIN, target, videos=videos, playlist=PLAYLIST).course
    course = load_course(target)
    assert [lec.video for lec in course.lectures] == list(videos.values())
    assert timecodes(plain) == fact_timecodes(facts)


def test_missing_video_id_is_a_clear_error_at_its_line(tmp_path: Path) -> None:
    target = tmp_path / "course.yml"
    import_file(PLAIN, target)
    lines = target.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines, 1) if "TODO-video-id" in line)
    with pytest.raises(ValueError, match=rf"course\.yml:{first}: lecture 1, video: .*video id missing"):
        load_course(target)


def test_markdown_round_trip_reproduces_every_course_moment(facts: dict, tmp_path: Path) -> None:
    """Import the markdown notes, export markdown: the course's 80 moments (video, playlist, second), in order."""
    text = MARKDOWN.read_text(encoding="utf-8")
    target = tmp_path / "course.yml"
    import_file(MARKDOWN, target)
    exported = markdown(load_course(target))
    expected = [(lec["video"], facts["playlist"], s) for lec in facts["lectures"] for s in lec["instants"]]
    assert len(expected) == 80
    assert [instant(u) for u in DEEP_URL.findall(exported)] == [instant(u) for u in DEEP_URL.findall(text)] == expected
    assert "t=8m00s" in exported and "t=8m0s" not in exported  # one t= form throughout
    # and the exported markdown imports back to the same course
    assert to_course(exported).course["lectures"] == to_course(text).course["lectures"]


PASTED_FACTS = json.loads((PASTED / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(k for k in PASTED_FACTS if k != "about"))
def test_every_pasted_style_imports_to_what_it_says(name: str) -> None:
    """Lists as people paste them: with or without lecture headings, times bare or in [] / (),
    zero-padded hours, separators - – — : | or none, prose, links and a "Таймкоды:" line around."""
    expected = PASTED_FACTS[name]
    imported = to_course((PASTED / name).read_text(encoding="utf-8"), source=name)
    got = [{"number": lec.get("number"), "video": None if lec["video"] == "TODO-video-id" else lec["video"],
            "instants": [parse_time(e["t"]) for e in lec["entries"] if "t" in e],
            "texts": [e["text"] for e in lec["entries"] if "t" in e],
            "notes": sum(1 for e in lec["entries"] if "t" not in e)} for lec in imported.course["lectures"]]
    assert got == expected["lectures"]
    assert sorted(int(r.split(":")[1]) for r in imported.remarks) == expected["unsure_lines"], imported.remarks
    assert all(r.startswith(f"{name}:") for r in imported.remarks)


def test_pasted_list_without_headings_takes_its_video_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "l3.yml"
    assert main(["import", str(PASTED / "description_no_dash.txt"), "-o", str(target),
                 "--video", "https://www.youtube.com/watch?v=kWTC1NvL894&t=10s", "--title", "Курс"]) == 0
    course = load_course(target)
    assert [lec.video for lec in course.lectures] == ["kWTC1NvL894"] and course.title == "Курс"
    assert [e.t for e in course.lectures[0].entries] == [0, 164, 581, 895]
    out = capsys.readouterr()
    assert "1 lectures, 4 timecodes, 0 notes" in out.out
    assert "description_no_dash.txt:10: skipped (after the last timecode): 'Подписывайтесь" in out.err
    assert "description_no_dash.txt:11: skipped a link" in out.err
    # --video N=ID names the lecture's number too
    assert main(["import", str(PASTED / "separators.txt"), "-o", str(target), "--video", "6=tOgBz8lFz8Q"]) == 0
    assert [(lec.number, lec.video) for lec in load_course(target).lectures] == [(6, "tOgBz8lFz8Q")]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("0:00 Intro\n1:61 - x\n", 2, "bad time '1:61': seconds must be below 60"),
        ("0:00 Intro\n8:0 - x\n", 2, "bad time '8:0': seconds need two digits"),
        ("Таймкоды:\n0:00 a\n1:2:3 - x\n", 3, "bad time '1:2:3'"),
        ("0:00 a\n[5:00 Intro\n", 2, "this line starts like a time but is not one: '\\[5:00 Intro'"),
        ("0:00 a\n(5:00 - x\n", 2, "this line starts like a time but is not one"),
        ("0:00 a\n12:30text\n", 2, "a time '12:30' glued to its text"),
        ("0:00 a\n1:2:3:4 x\n", 2, "this line starts like a time but is not one"),
        ("0:00 a\n- 1 : 30 x\n", 2, "this line starts like a time but is not one"),
        ("1. A\n0:00 a\n## Ссылки\n5:00 b\n", 4, "timecode 5:00 outside any lecture"),
        ("Just prose, no list at all.\n", None, "no timecode found"),
    ],
)
def test_a_time_like_line_is_never_demoted_silently(tmp_path: Path, text: str, line: int | None, message: str) -> None:
    notes = tmp_path / "pasted.txt"
    notes.write_text(text, encoding="utf-8")
    where = f"{re.escape(str(notes))}:{line}: " if line else f"{re.escape(str(notes))}: "
    with pytest.raises(ImportProblem, match=where + message):
        import_file(notes, tmp_path / "out.yml")
    assert not (tmp_path / "out.yml").exists()


def test_times_further_along_a_line_are_reported() -> None:
    imported = to_course("1. A\n0:00 a\nсм. также 5:30 и 7:10\n0:40 b, и ещё 1:20 c\n")
    assert imported.course["lectures"][0]["entries"][1] == {"text": "см. также 5:30 и 7:10"}
    assert [r.split(": ", 1)[1] for r in imported.remarks] == [
        "kept as an untimed note, though it holds a time: 'см. также 5:30 и 7:10'",
        "another time further along the line; one timecode per line: '0:40 b, и ещё 1:20 c'",
    ]


def test_link_and_text_times_must_agree() -> None:
    text = "## [1. A](https://youtu.be/kWTC1NvL894)\n[8:00](https://youtu.be/kWTC1NvL894?t=9m00s) - x\n"
    with pytest.raises(ImportProblem, match="<notes>:2: the link says t=9:00 but the text says 8:00"):
        to_course(text)


def test_a_timecode_of_another_video_is_refused() -> None:
    text = "## [1. A](https://youtu.be/kWTC1NvL894)\n[8:00](https://youtu.be/tnrbx7V9RbA?t=480) - x\n"
    with pytest.raises(ImportProblem, match="<notes>:2: link to video tnrbx7V9RbA"):
        to_course(text)


def test_bad_time_in_notes_names_the_line() -> None:
    with pytest.raises(ImportProblem, match="<notes>:3: bad time '1:61'"):
        to_course("Курс\n1. A\n1:61 - x\n")


def test_yaml_keeps_times_as_strings() -> None:
    text = dump_course(to_course("Курс\n1. A\n8:00 - x\n1:04:36 - y\n", videos={1: "kWTC1NvL894"}).course)
    assert '"8:00"' in text and '"1:04:36"' in text
    assert yaml.safe_load(text)["lectures"][0]["entries"][0]["t"] == "8:00"  # not 480 (base 60)


def test_atomic_write_leaves_the_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "course.yml"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]  # no temp file left behind
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"


def lecture(*times: int | None) -> Lecture:
    return Lecture(title="L", video="kWTC1NvL894", entries=[Entry(t=t, text=f"at {t}") for t in times])


def test_chapters_start_at_zero() -> None:
    result = chapters(lecture(None, 164, 581, 895))
    assert result.text.splitlines() == [f"0:00 {INTRO}", "2:44 at 164", "9:41 at 581", "14:55 at 895"]
    assert result.warnings == ()
    assert chapters(lecture(0, 20, 40)).text.splitlines()[0] == "0:00 at 0"  # no intro added


def test_chapters_warn_on_youtube_rules() -> None:
    assert any("at least 3" in w for w in chapters(lecture(100)).warnings)
    short = chapters(lecture(100, 105, 200)).warnings
    assert len(short) == 1 and "2:00" not in short[0] and "1:40 'at 100' lasts 5 s" in short[0]
    assert any("lasts 5 s" in w for w in chapters(lecture(100, 200, 300), duration=305).warnings)
    assert chapters(lecture(100, 200, 300), duration=400).warnings == ()


def test_cli_import_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "dl.yml"
    done = subprocess.run([sys.executable, "-m", "lectureref.timecodes", "import", str(MARKDOWN), "-o", str(target)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert "10 lectures, 80 timecodes, 36 notes" in done.stdout
    assert "  lecture 5 (Нейросети на практике): 4 timecodes, 8 notes" in done.stdout
    assert done.stderr == ""
    assert main(["export", str(target)]) == 0
    out = capsys.readouterr()
    assert "0:00 Вступление\n8:00 " in out.out and "1:23:00 " in out.out
    # lecture 8 has two timecodes: with the inserted 0:00 that is the minimum of three
    assert out.err == ""
    # the scripts/ entry point is the same command
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "timecodes.py"), "export", str(target), "--format", "markdown"],
                          capture_output=True, text=True, cwd=tmp_path, check=True)
    assert len(DEEP_URL.findall(done.stdout)) == 80


def test_cli_import_of_plain_notes_warns_about_missing_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(PLAIN), "-o", str(tmp_path / "c.yml"), "--video", "3=https://youtu.be/kWTC1NvL894"]) == 0
    err = capsys.readouterr().err
    assert "no video id for lecture(s) 1, 2, 4, 5, 6, 7, 8, 9, 10" in err
    assert "video: kWTC1NvL894" in (tmp_path / "c.yml").read_text(encoding="utf-8")


# --- import from a video's own chapters (yt-dlp info JSON), offline --------------------------

INFO = DATA / "info" / "kWTC1NvL894.info.json"


def test_import_takes_a_videos_chapters_from_its_info_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = json.loads(INFO.read_text(encoding="utf-8"))
    target = tmp_path / "l3.yml"
    assert main(["import", "--info-json", str(INFO), "-o", str(target)]) == 0
    course = load_course(target)
    (lecture,) = course.lectures
    assert (lecture.video, lecture.title) == (saved["id"], saved["title"])
    assert [e.t for e in lecture.entries] == [int(c["start_time"]) for c in saved["chapters"]]
    assert lecture.entries[-1].text == "Обратное распространение ошибки"  # whitespace collapsed
    assert "1 lectures, 5 timecodes, 0 notes" in capsys.readouterr().out


def test_pasted_notes_take_video_and_title_from_the_info_json(tmp_path: Path) -> None:
    imported = import_file(PASTED / "description_no_dash.txt", tmp_path / "l3.yml", info_json=INFO)
    (lecture,) = imported.course["lectures"]
    assert (lecture["video"], lecture["title"]) == ("kWTC1NvL894", "Лекция 3. Нейронные сети")
    assert [parse_time(e["t"]) for e in lecture["entries"]] == [0, 164, 581, 895]  # the notes' times, not the chapters'


def test_read_info_json_checks_what_it_reads(tmp_path: Path) -> None:
    info = read_info_json(INFO)
    assert (info["id"], info["duration"], len(info["chapters"])) == ("kWTC1NvL894", 5110, 5)
    bad = tmp_path / "x.info.json"
    bad.write_text('{"title": "no id"}', encoding="utf-8")
    with pytest.raises(ImportProblem, match=rf"^{re.escape(str(bad))}: not a yt-dlp info JSON \(no video 'id'\)"):
        read_info_json(bad)
    bad.write_text('{"id": "kWTC1NvL894",\n "chapters": [1, 2]}', encoding="utf-8")
    with pytest.raises(ImportProblem, match=rf"^{re.escape(str(bad))}: 'chapters' should be a list of objects"):
        read_info_json(bad)
    bad.write_text('{"id": "kWTC1NvL894",\n oops}', encoding="utf-8")
    with pytest.raises(ImportProblem, match=rf"^{re.escape(str(bad))}:2: not a yt-dlp info JSON"):
        read_info_json(bad)


# --- export: WebVTT chapters, and one lecture's chapters under its own title ------------------

def test_vtt_export_writes_one_chapters_track_per_lecture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    webvtt = pytest.importorskip("webvtt", reason="webvtt-py is the vtt extra (pip install 'lectureref[vtt]')")
    course = tmp_path / "c.yml"
    course.write_text(TWO_LECTURES, encoding="utf-8")
    (tmp_path / "metadata.json").write_text('{"kWTC1NvL894": {"title": "x", "duration": 5110}}', encoding="utf-8")
    out = tmp_path / "vtt"
    out.mkdir()
    assert main(["export", str(course), "--format", "vtt", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["c-1.vtt", "c-2.vtt"]
    first = webvtt.from_string((out / "c-1.vtt").read_text(encoding="utf-8"))
    assert [(c.start_in_seconds, c.end_in_seconds, c.text) for c in first] == [
        (0, 480, "Вступление"), (480, 3876, "first"), (3876, 5110, "second")]  # the last ends with the video
    second = webvtt.from_string((out / "c-2.vtt").read_text(encoding="utf-8"))
    assert [c.text for c in second] == ["start", "middle", "end"] and second.captions[-1].end_in_seconds == 120 + 600
    err = capsys.readouterr().err
    assert "lecture 2 (tnrbx7V9RbA): video duration unknown" in err and "lecture 1" not in err


TWO_LECTURES = """\
title: T
lectures:
  - number: 1
    title: First
    video: kWTC1NvL894
    entries:
      - t: "8:00"
        text: first
      - t: "1:04:36"
        text: second
  - number: 2
    title: Second
    video: tnrbx7V9RbA
    entries:
      - t: "0:00"
        text: start
      - t: "1:00"
        text: middle
      - t: "2:00"
        text: end
"""


def test_chapters_export_prints_each_lecture_under_its_own_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = tmp_path / "c.yml"
    course.write_text(TWO_LECTURES, encoding="utf-8")
    assert main(["export", str(course)]) == 0
    out = capsys.readouterr().out
    assert out.index("== First (kWTC1NvL894)") < out.index("8:00 first") < out.index("== Second (tnrbx7V9RbA)") < out.index("1:00 middle")


def test_two_lectures_sharing_a_video_cannot_be_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The old exporter keyed chapters by video and printed one lecture's under another's title."""
    course = tmp_path / "c.yml"
    course.write_text(TWO_LECTURES.replace("tnrbx7V9RbA", "kWTC1NvL894"), encoding="utf-8")
    assert main(["export", str(course)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"error: {course}:13: video kWTC1NvL894 is already lecture 1's (line 5): two lectures cannot share one video\n"


# --- every command-line error: one line with the file (and line), status 1, no traceback -----

def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lectureref.timecodes", *args], capture_output=True, text=True, cwd=cwd)


def test_a_missing_input_file_is_one_line_without_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "notes.txt"
    done = run_cli("import", str(missing), "-o", str(tmp_path / "c.yml"))
    assert (done.returncode, done.stderr) == (1, f"error: {missing}: cannot read: No such file or directory\n")
    done = run_cli("export", str(tmp_path / "c.yml"))
    assert (done.returncode, done.stderr) == (1, f"error: {tmp_path / 'c.yml'}: cannot read: No such file or directory\n")
    done = run_cli("import", "--info-json", str(tmp_path / "v.info.json"))
    assert (done.returncode, done.stderr) == (1, f"error: {tmp_path / 'v.info.json'}: cannot read: No such file or directory\n")


@pytest.mark.parametrize(
    ("cache", "line", "message"),
    [
        ("", 1, "not valid JSON: Expecting value (column 1)"),
        ('{\n  "kWTC1NvL894": {"duration": 5110,}\n}', 2, "not valid JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", 1, "expected a JSON object of video id → metadata, got list"),
        ('{\n  "kWTC1NvL894": {"title": "x", "duration": 5110},\n  "tnrbx7V9RbA": 42\n}', 3,
         "video tnrbx7V9RbA: expected an object with title and duration, got 42"),
        ('{\n  "kWTC1NvL894": {"title": "x", "duration": "long"}\n}', 2,
         'video kWTC1NvL894: duration must be a number of seconds, got "long"'),
    ],
)
def test_a_broken_metadata_cache_names_its_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         cache: str, line: int, message: str) -> None:
    course = tmp_path / "c.yml"
    course.write_text(TWO_LECTURES, encoding="utf-8")
    (tmp_path / "metadata.json").write_text(cache, encoding="utf-8")
    assert main(["export", str(course)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'metadata.json'}:{line}: {message}") and err.count("\n") == 1, err


@pytest.mark.parametrize(("body", "kind"), [("- 1\n- 2\n", "list"), ("42\n", "single value")])
def test_a_course_file_of_the_wrong_type_is_one_line(tmp_path: Path, body: str, kind: str) -> None:
    course = tmp_path / "c.yml"
    course.write_text(body, encoding="utf-8")
    done = run_cli("export", str(course))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {course}:1: the file is a {kind}: a course is a mapping") and done.stderr.count("\n") == 1


def test_usage_mistakes_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import"]) == 1
    assert capsys.readouterr().err == "error: import needs NOTES, --info-json FILE, or both\n"
    assert main(["import", str(PLAIN), "--video", "nope"]) == 1
    assert capsys.readouterr().err == "error: --video: not a YouTube video URL: 'nope'\n"
    assert main(["import", str(PLAIN), "--video", "kWTC1NvL894", "-o", str(tmp_path / "c.yml")]) == 1
    assert capsys.readouterr().err == f"error: {PLAIN}: the notes have 10 lectures: name each video with --video N=ID\n"


def test_one_video_names_the_only_lecture_of_headed_notes() -> None:
    course = to_course("3. Нейронные сети\n0:00 x\n1:00 y\n", video="kWTC1NvL894").course
    assert [(lec["number"], lec["video"]) for lec in course["lectures"]] == [(3, "kWTC1NvL894")]


def test_a_missing_output_or_docs_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(PASTED / "separators.txt"), "-o", str(tmp_path / "no" / "c.yml")]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'no'}: no such folder to write into\n"
    assert main(["check", "--docs", str(tmp_path / "docs")]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'docs' / 'timecodes'}: no such folder (pass the docs folder with --docs)\n"


def test_import_warns_about_what_the_build_would_refuse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "pasted.txt"
    notes.write_text("0:00 a\n5:00 b\n3:00 c\n", encoding="utf-8")
    assert main(["import", str(notes), "-o", str(tmp_path / "c.yml"), "--video", "kWTC1NvL894"]) == 0
    err = capsys.readouterr().err
    assert err == f"warning: {tmp_path / 'c.yml'}:11: time 3:00 is out of order in lecture 'Видео'\n"


def test_a_dot_or_comma_after_the_time_is_a_separator_too() -> None:
    entries = to_course("0:00. Вступление\n1:00, постановка задачи\n").course["lectures"][0]["entries"]
    assert entries == [{"t": "0:00", "text": "Вступление"}, {"t": "1:00", "text": "постановка задачи"}]
