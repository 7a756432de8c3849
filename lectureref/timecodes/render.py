"""Markdown for the generated index pages and the "В лекциях" blocks of topic pages.

Every function returns text; :mod:`lectureref.timecodes.mkdocs_hook` decides where it goes.
Links are relative to the page the text is placed on (``prefix`` leads back to the docs root).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from lectureref.timecodes.schema import Course, Entry, Lecture
from lectureref.timecodes.timecode import deep_link

INDEX_PAGE = "lectures/index.md"
BACKLINKS_HEADING = "В лекциях"
# Characters that Markdown, attr_list or arithmatex would act on: written as entities so
# YAML text is always shown as text.
_ACTIVE = set("\\`*_[](){}<>#+!|~$&")


def md_text(text: str) -> str:
    """Escape ``text`` so that Markdown and HTML in it are shown, never interpreted."""
    return "".join(f"&#{ord(c)};" if c in _ACTIVE else c for c in text)


def lecture_label(lecture: Lecture) -> str:
    """``Лекция 3. Нейронные сети`` for numbered lectures, the bare title otherwise."""
    return f"Лекция {lecture.number}. {lecture.title}" if lecture.number is not None else lecture.title


def lecture_anchor(course: Course, lecture: Lecture) -> str:
    """A stable heading id for a lecture on the course index."""
    key = lecture.number if lecture.number is not None else lecture.video
    return f"{course.slug}-{key}".lower()


def entry_url(course: Course, lecture: Lecture, entry: Entry) -> str:
    """The entry's deep link (the video's start for untimed notes)."""
    return deep_link(lecture.video, entry.t, course.playlist_of(lecture))


def topic_link(entry: Entry, titles: Mapping[str, str], prefix: str) -> str:
    """A Markdown link to the entry's topic page, or "" if it has none."""
    if entry.page is None:
        return ""
    target = f"{prefix}topics/{entry.page}.md" + (f"#{entry.anchor}" if entry.anchor else "")
    return f"[{md_text(titles.get(entry.page, entry.page))}]({target})"


def entry_item(course: Course, lecture: Lecture, entry: Entry, titles: Mapping[str, str], prefix: str) -> str:
    """One list item: the deep link, the text and the topic link."""
    link = topic_link(entry, titles, prefix)
    tail = f" → {link}" if link else ""
    if entry.t is None:
        return f"- {md_text(entry.text)}{tail}"
    return f"- [{entry.clock}]({entry_url(course, lecture, entry)}) — {md_text(entry.text)}{tail}"


def course_section(course: Course, titles: Mapping[str, str], prefix: str) -> str:
    """A course: its title, then each lecture's heading and timecodes."""
    out = [f"## {md_text(course.title)} {{#{course.slug}}}", ""]
    if course.playlist:
        out += [f"Плейлист: <https://www.youtube.com/playlist?list={course.playlist}>", ""]
    if course.description:
        out += [md_text(course.description), ""]
    for lecture in course.lectures:
        video = deep_link(lecture.video, None, course.playlist_of(lecture))
        out += [f"### {md_text(lecture_label(lecture))} {{#{lecture_anchor(course, lecture)}}}", ""]
        out += [f"[Смотреть на YouTube]({video})", ""]
        out += [entry_item(course, lecture, e, titles, prefix) for e in lecture.entries]
        out.append("")
    return "\n".join(out)


def index_page(courses: Iterable[Course], titles: Mapping[str, str]) -> str:
    """The page listing every course, lecture and timecode."""
    parts = [
        "# Указатель лекций",
        "",
        "Каждый таймкод открывает видео на нужной секунде; стрелка ведёт на страницу темы.",
        "",
    ]
    parts += [course_section(course, titles, "../") for course in courses]
    return "\n".join(parts)


def moments(courses: Iterable[Course], page: str) -> list[tuple[Course, Lecture, Entry]]:
    """Every entry, in course and lecture order, whose topic is ``page``."""
    return [
        (course, lecture, entry)
        for course in courses
        for lecture in course.lectures
        for entry in lecture.entries
        if entry.page == page
    ]


def backlinks(courses: Iterable[Course], page: str, prefix: str = "../") -> str:
    """The "В лекциях" block for a topic page: each video moment that points to it."""
    found = moments(courses, page)
    if not found:
        return ""
    out = [f"## {BACKLINKS_HEADING} {{#v-lektsiyakh}}", ""]
    for course, lecture, entry in found:
        where = f"[{md_text(lecture_label(lecture))}]({prefix}{INDEX_PAGE}#{lecture_anchor(course, lecture)})"
        if entry.t is None:
            out.append(f"- {where}: {md_text(entry.text)}")
        else:
            url = entry_url(course, lecture, entry)
            out.append(f"- {where}, [{entry.clock}]({url}) — {md_text(entry.text)}")
    return "\n".join(out) + "\n"
