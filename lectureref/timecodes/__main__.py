"""Command line: ``python -m lectureref.timecodes {import,export,metadata} …``.

* ``import NOTES [-o FILE] [--video N=ID …] [--playlist ID] [--title T]`` — notes → course YAML;
* ``export FILE [--format chapters|markdown]`` — course YAML → YouTube chapters or markdown;
* ``metadata [--docs DIR]`` — fetch titles and durations with yt-dlp into the cache, then
  flag timecodes past their video's end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lectureref.timecodes import exporter, importer, metadata
from lectureref.timecodes.loader import TimecodeError, load_course, load_courses


def _videos(pairs: list[str]) -> dict[int, str]:
    out = {}
    for pair in pairs:
        number, sep, video = pair.partition("=")
        if not sep or not number.isdigit():
            raise SystemExit(f"--video expects N=ID or N=URL, got {pair!r}")
        out[int(number)] = video if len(video) == 11 and "/" not in video else importer.video_id(video)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lectureref.timecodes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="plain or markdown timecode notes → course YAML")
    imp.add_argument("notes", type=Path)
    imp.add_argument("-o", "--output", type=Path, help="YAML file to write (default: NOTES with .yml)")
    imp.add_argument("--video", action="append", default=[], metavar="N=ID",
                     help="video id or URL of lecture N (plain notes carry none); repeatable")
    imp.add_argument("--playlist", help="playlist id of the course")
    imp.add_argument("--title", help="course title (default: from the notes)")
    exp = sub.add_parser("export", help="course YAML → YouTube chapters or markdown")
    exp.add_argument("course", type=Path)
    exp.add_argument("--format", choices=["chapters", "markdown"], default="chapters")
    exp.add_argument("--cache", type=Path, help="metadata cache for video durations "
                     "(default: metadata.json beside the course)")
    meta = sub.add_parser("metadata", help="fetch video titles and durations with yt-dlp (cached)")
    meta.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default: docs)")
    args = parser.parse_args(argv)

    try:
        if args.command == "import":
            output = args.output or args.notes.with_suffix(".yml")
            course = importer.import_file(args.notes, output, videos=_videos(args.video),
                                          title=args.title, playlist=args.playlist)
            missing = [lec["number"] for lec in course["lectures"] if lec["video"] == importer.VIDEO_PLACEHOLDER]
            timed = sum(1 for lec in course["lectures"] for e in lec["entries"] if "t" in e)
            print(f"{output}: {len(course['lectures'])} lectures, {timed} timecodes")
            if missing:
                print(f"warning: no video id for lecture(s) {', '.join(map(str, missing))}: "
                      f"pass --video N=ID or replace {importer.VIDEO_PLACEHOLDER!r} in {output}", file=sys.stderr)
            return 0
        if args.command == "export":
            course = load_course(args.course)
            if args.format == "markdown":
                sys.stdout.write(exporter.markdown(course))
                return 0
            cache = metadata.load_cache(args.cache or args.course.parent / metadata.CACHE_NAME)
            durations = {v: int(i["duration"]) for v, i in cache.items() if i.get("duration") is not None}
            for lecture, (video, result) in zip(course.lectures, exporter.course_chapters(course, durations).items()):
                print(f"== {lecture.title} ({video})")
                sys.stdout.write(result.text)
                for warning in result.warnings:
                    print(f"warning: {video}: {warning}", file=sys.stderr)
            return 0
        folder = args.docs / "timecodes"
        courses = load_courses(folder)
        cache_path = folder / metadata.CACHE_NAME
        cache = metadata.refresh(cache_path, metadata.course_urls(courses))
        problems = metadata.check_durations(courses, cache)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{cache_path}: {sum(1 for v in metadata.course_urls(courses) if v in cache)} videos known")
        return 1 if problems else 0
    except (TimecodeError, importer.ImportProblem, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
