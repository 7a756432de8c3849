"""Command line: ``python -m lectureref.timecodes {import,check,export,metadata} …``.

* ``import [NOTES] [-o FILE] [--video N=ID | --video URL] [--info-json FILE] [--playlist ID] [--title T]``
  — notes as people paste them (or a video's own chapters from a yt-dlp info JSON) → course YAML;
* ``check [--docs DIR]`` — every check the site build makes on the course files, in well under
  a second; exit status 1 on an error;
* ``export FILE [--format chapters|markdown|vtt] [-o DIR]`` — course YAML → YouTube chapters,
  markdown, or WebVTT chapter files;
* ``metadata [--docs DIR] [--info-json FILE …]`` — titles and durations with yt-dlp (or from
  info JSON files, offline) into the cache, then flag timecodes past their video's end.

Every error is one line on stderr with the file (and line), and exit status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from lectureref.timecodes import exporter, importer, metadata
from lectureref.timecodes.errors import TimecodeError
from lectureref.timecodes.files import TIMECODES_DIR
from lectureref.timecodes.loader import load_course, load_courses
from lectureref.timecodes.topics import mkdocs_settings
from lectureref.timecodes.view import load_docs


class _Usage(ValueError):
    """A command-line value that makes no sense; reported like any other error."""


def _videos(pairs: list[str]) -> tuple[dict[int, str], str | None]:
    """``--video`` values: ``N=ID_OR_URL`` per lecture, or one bare id/URL for notes without headings."""
    numbered, single = {}, None
    for pair in pairs:
        number, sep, value = pair.partition("=")
        if sep and number.isdigit():
            numbered[int(number)] = _id(value)
        elif not sep or pair.startswith(("http://", "https://")):
            if single is not None:
                raise _Usage("--video: only one video may go without a lecture number (N=ID)")
            single = _id(pair)
        else:
            raise _Usage(f"--video expects N=ID, N=URL, or one ID/URL, got {pair!r}")
    return numbered, single


def _id(value: str) -> str:
    try:
        return importer.video_id(value)
    except ValueError as err:
        raise _Usage(f"--video: {err}") from None


def _import(args: argparse.Namespace) -> int:
    if args.notes is None and args.info_json is None:
        raise _Usage("import needs NOTES, --info-json FILE, or both")
    output = args.output or (args.notes or args.info_json).with_suffix(".yml")
    numbered, single = _videos(args.video)
    imported = importer.import_file(args.notes, output, info_json=args.info_json, videos=numbered, video=single,
                                    title=args.title, playlist=args.playlist)
    course = imported.course
    timed = sum(1 for lec in course["lectures"] for e in lec["entries"] if "t" in e)
    notes = sum(len(lec["entries"]) for lec in course["lectures"]) - timed
    print(f"{output}: {len(course['lectures'])} lectures, {timed} timecodes, {notes} notes")
    for line in imported.summary():
        print(f"  {line}")
    for remark in imported.remarks:
        print(f"unsure: {remark}", file=sys.stderr)
    try:  # what the build would say about the file as written (times out of order, …)
        load_course(output)
    except TimecodeError as err:
        for problem in err.problems:
            if "video id missing" not in problem.message:  # said once below, with the fix
                print(f"warning: {problem}", file=sys.stderr)
    missing = [str(lec.get("number", "")) or lec["title"] for lec in course["lectures"]
               if lec["video"] == importer.VIDEO_PLACEHOLDER]
    if missing:
        print(f"warning: no video id for lecture(s) {', '.join(missing)}: "
              f"pass --video N=ID (or --video URL for notes without headings) "
              f"or replace {importer.VIDEO_PLACEHOLDER!r} in {output}", file=sys.stderr)
    return 0


def _check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    docs, slugify = Path("docs"), None
    if args.config_file.exists():  # the build's docs folder and heading ids, so anchors are checked alike
        try:
            docs, slugify = mkdocs_settings(args.config_file)
        except ValueError as err:
            raise _Usage(str(err)) from None
    docs = args.docs or docs
    if not (docs / TIMECODES_DIR).is_dir():
        raise _Usage(f"{docs / TIMECODES_DIR}: no such folder (pass the docs folder with --docs)")
    view = load_docs(docs, slugify)  # the build's own view; raises TimecodeError: every problem with file:line
    courses, cache = view.courses, view.cache
    warnings = 0
    for course in courses:
        for li, (lecture, result) in enumerate(exporter.course_chapters(course, metadata.durations(cache))):
            if all(e.t is None for e in lecture.entries):
                continue  # a video cited whole: no chapters meant
            for warning in result.warnings:
                warnings += 1
                print(f"warning: {course.path}:{course.line('lectures', li)}: YouTube chapters: {warning}", file=sys.stderr)
    timed = sum(1 for c in courses for lec in c.lectures for e in lec.entries if e.t is not None)
    print(f"{docs / TIMECODES_DIR}: {len(courses)} files, {sum(len(c.lectures) for c in courses)} lectures, "
          f"{timed} timecodes: ok, {warnings} warnings ({time.perf_counter() - start:.2f} s)")
    return 0


def _export(args: argparse.Namespace) -> int:
    course = load_course(args.course)
    if args.format == "markdown":
        sys.stdout.write(exporter.markdown(course))
        return 0
    durations = metadata.durations(metadata.load_cache(args.cache or args.course.parent / metadata.CACHE_NAME))
    for lecture in course.lectures:
        name = f"{lecture.number}" if lecture.number is not None else lecture.video
        if args.format == "vtt":
            try:
                result = exporter.webvtt_chapters(lecture, durations.get(lecture.video))
            except ImportError:
                raise _Usage("--format vtt needs webvtt-py: pip install 'lectureref[vtt]'") from None
            target = (args.output or Path(".")) / f"{course.slug}-{name}.vtt"
            from lectureref.timecodes.files import write_atomic

            write_atomic(target, result.text)
            print(target)
        else:
            result = exporter.chapters(lecture, durations.get(lecture.video))
            print(f"== {lecture.title} ({lecture.video})")
            sys.stdout.write(result.text)
        for warning in result.warnings:
            print(f"warning: lecture {name} ({lecture.video}): {warning}", file=sys.stderr)
    return 0


def _metadata(args: argparse.Namespace) -> int:
    folder = args.docs / TIMECODES_DIR
    courses = load_courses(folder)
    cache_path = folder / metadata.CACHE_NAME
    if args.info_json:
        cache = metadata.load_cache(cache_path)
        for path in args.info_json:
            info = importer.read_info_json(path)
            cache[info["id"]] = {"title": info["title"], "duration": info["duration"]}
        metadata.save_cache(cache_path, cache)
    else:
        cache = metadata.refresh(cache_path, metadata.course_urls(courses))
    problems = metadata.check_durations(courses, cache)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{cache_path}: {sum(1 for v in metadata.course_urls(courses) if v in cache)} videos known")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (errors: one line each on stderr, status 1)."""
    parser = argparse.ArgumentParser(prog="python -m lectureref.timecodes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="timecode notes as pasted (or a video's chapters) → course YAML")
    imp.add_argument("notes", type=Path, nargs="?", help="the notes: plain, markdown, or a pasted description")
    imp.add_argument("-o", "--output", type=Path, help="YAML file to write (default: NOTES with .yml)")
    imp.add_argument("--video", action="append", default=[], metavar="N=ID",
                     help="video id or URL of lecture N (plain notes carry none); repeatable. "
                          "For notes without lecture headings: --video URL")
    imp.add_argument("--info-json", type=Path, metavar="FILE",
                     help="what `yt-dlp --write-info-json --skip-download URL` saved: the video's id, "
                          "title and chapters (the timecodes, when there are no NOTES)")
    imp.add_argument("--playlist", help="playlist id of the course")
    imp.add_argument("--title", help="course title (default: from the notes)")
    chk = sub.add_parser("check", help="validate every course file as the site build does, without building")
    chk.add_argument("--docs", type=Path, help="the docs folder (default: docs_dir of the mkdocs configuration)")
    chk.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                     help="the mkdocs configuration: its docs_dir and toc slugify (default: mkdocs.yml)")
    exp = sub.add_parser("export", help="course YAML → YouTube chapters, markdown or WebVTT chapters")
    exp.add_argument("course", type=Path)
    exp.add_argument("--format", choices=["chapters", "markdown", "vtt"], default="chapters")
    exp.add_argument("-o", "--output", type=Path, help="folder for the .vtt files (default: the current one)")
    exp.add_argument("--cache", type=Path, help="metadata cache for video durations "
                     "(default: metadata.json beside the course)")
    meta = sub.add_parser("metadata", help="fetch video titles and durations with yt-dlp (cached)")
    meta.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default: docs)")
    meta.add_argument("--info-json", type=Path, nargs="+", metavar="FILE",
                      help="fill the cache from yt-dlp info JSON files instead of going online")
    args = parser.parse_args(argv)
    commands = {"import": _import, "check": _check, "export": _export, "metadata": _metadata}
    try:
        return commands[args.command](args)
    except TimecodeError as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except (importer.ImportProblem, _Usage) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # an output folder that does not exist, a read-only file …
        print(f"error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
