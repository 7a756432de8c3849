"""Markdown for the generated pages: the course index, one page per lecture, topic → moments,
and the "В лекциях" block of each topic page.

Every function returns text; the site hook `hooks/timecodes.py` decides where it goes.
Links are relative to the page the text is placed on (``prefix`` leads back to the docs root).
No generated page embeds a player or an image from YouTube: a reader's browser contacts
YouTube only when they follow a link or press play (``docs/javascripts/player.js`` then creates
the player).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lectureref.timecodes.schema import Course, Entry, Lecture
from lectureref.timecodes.timecode import deep_link

INDEX_PAGE = "lectures/index.md"
TOPICS_PAGE = "lectures/topics.md"
BACKLINKS_HEADING = "В лекциях"
# Characters that Markdown, attr_list or arithmatex would act on: written as entities so
# YAML text is always shown as text.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[](){}<>#+!|~$&"})


def md_text(text: str) -> str:
    """Escape ``text`` so that Markdown and HTML in it are shown, never interpreted."""
    return " ".join(text.split()).translate(_ENTITIES)


def lecture_label(lecture: Lecture) -> str:
    """``Лекция 3. Нейронные сети`` for numbered lectures, the bare title otherwise."""
    return f"Лекция {lecture.number}. {lecture.title}" if lecture.number is not None else lecture.title


def lecture_anchor(course: Course, lecture: Lecture) -> str:
    """A stable heading id for a lecture on the course index."""
    key = lecture.number if lecture.number is not None else lecture.video
    return f"{course.slug}-{key}".lower()


def lecture_path(course: Course, lecture: Lecture) -> str:
    """The generated page of one lecture: ``lectures/<course>/<number or video id>.md``."""
    key = lecture.number if lecture.number is not None else lecture.video
    return f"lectures/{course.slug}/{key}.md"


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
        return f"- ({stretch(lecture, entry)[0]}) {md_text(entry.text)}{tail}"
    return f"- [{entry.clock}]({entry_url(course, lecture, entry)}) — {md_text(entry.text)}{tail}"


def video_button(course: Course, lecture: Lecture) -> str:
    """A plain link styled as a button: nothing is requested from YouTube until it is clicked."""
    url = deep_link(lecture.video, None, course.playlist_of(lecture))
    return f"[▶ Смотреть на YouTube]({url}){{ .md-button .md-button--primary }}"


def course_section(course: Course, titles: Mapping[str, str], prefix: str) -> str:
    """A course: its title, then each lecture's heading and timecodes."""
    out = [f"## {md_text(course.title)} {{#{course.slug}}}", ""]
    if course.playlist:
        out += [f"Плейлист: <https://www.youtube.com/playlist?list={course.playlist}>", ""]
    if course.description:
        out += [md_text(course.description), ""]
    for lecture in course.lectures:
        video = deep_link(lecture.video, None, course.playlist_of(lecture))
        page = f"{prefix}{lecture_path(course, lecture)}"
        out += [f"### {md_text(lecture_label(lecture))} {{#{lecture_anchor(course, lecture)}}}", ""]
        out += [f"[Страница лекции]({page}) · [Смотреть на YouTube]({video})", ""]
        out += [entry_item(course, lecture, e, titles, prefix) for e in lecture.entries]
        out.append("")
    return "\n".join(out)


def index_page(courses: Iterable[Course], titles: Mapping[str, str], timeline: str = "") -> str:
    """The page listing every course, lecture and timecode; ``timeline`` (HTML) goes above them."""
    parts = [
        "# Указатель лекций",
        "",
        "Каждый таймкод открывает видео на нужной секунде; стрелка ведёт на страницу темы. "
        "Все темы и их моменты на одной странице: [темы → моменты](topics.md).",
        "",
    ]
    parts += ["## Шкала лекций {#timeline}", "", timeline, ""] if timeline else []
    parts += [course_section(course, titles, "../") for course in courses]
    return "\n".join(parts)


def lecture_topics(lecture: Lecture) -> list[str]:
    """The topic pages a lecture points to, in order of first mention."""
    return list(dict.fromkeys(e.page for e in lecture.entries if e.page is not None))


def lecture_page_text(course: Course, lecture: Lecture, titles: Mapping[str, str], timeline: str = "") -> str:
    """One lecture: title, a link to the video (no embedded player), ``timeline`` (HTML), timecodes, topics."""
    prefix = "../../"
    out = [f"# {md_text(lecture_label(lecture))}", ""]
    out += [f"Курс: [{md_text(course.title)}]({prefix}{INDEX_PAGE}#{lecture_anchor(course, lecture)})", ""]
    out += [video_button(course, lecture), ""]
    out += [
        "!!! note \"Приватность\"",
        "    Видео не встроено в страницу заранее: YouTube не получает запросов, пока вы не откроете ссылку "
        "или не нажмёте ▶ рядом с таймкодом.",
        "",
    ]
    out += ["## Шкала лекции {#timeline}", "", timeline, ""] if timeline else []
    timed = [e for e in lecture.entries if e.t is not None]
    untimed = [e for e in lecture.entries if e.t is None]
    if timed:
        out += ["## Таймкоды {#timecodes}", ""]
        out += [entry_item(course, lecture, e, titles, prefix) for e in timed]
        out.append("")
    if untimed:
        out += ["## Заметки без времени {#notes}", ""]
        out += [entry_item(course, lecture, e, titles, prefix) for e in untimed]
        out.append("")
    pages = lecture_topics(lecture)
    if pages:
        out += ["## Темы лекции {#topics}", ""]
        out += [f"- [{md_text(titles.get(p, p))}]({prefix}topics/{p}.md)" for p in pages]
        out.append("")
    return "\n".join(out)


Moment = tuple[Course, Lecture, Entry]


def moments(courses: Iterable[Course]) -> dict[str, list[Moment]]:
    """Topic page → every entry pointing to it, in course and lecture order (one pass)."""
    found: dict[str, list[Moment]] = {}
    for course in courses:
        for lecture in course.lectures:
            for entry in lecture.entries:
                if entry.page is not None:
                    found.setdefault(entry.page, []).append((course, lecture, entry))
    return found


def timed_around(lecture: Lecture, entry: Entry) -> tuple[Entry | None, Entry | None]:
    """The timed entries of ``lecture`` just before and just after ``entry`` (an untimed note)."""
    before = after = None
    seen = False
    for other in lecture.entries:
        if other is entry:
            seen = True
        elif other.t is not None:
            if not seen:
                before = other
            elif after is None:
                after = other
    return before, after


def stretch(lecture: Lecture, entry: Entry) -> tuple[str, int | None]:
    """Where an untimed note sits in its lecture, said honestly, and the second to open there.

    The notes put an untimed remark between two timecodes; the honest place is that stretch:
    ``("между 27:55 и 1:17:27", 1675)`` opens the video at its start. Before the first timecode
    the stretch starts at the video's beginning, and says so (``"с начала до 29:30", 0``); after
    the last one it runs to the end (``"после 1:17:27, до конца лекции"``). A lecture without any
    timecode gives ``("время не отмечено", None)``: no deep link at all.
    """
    if entry.t is not None:
        return entry.clock or "", entry.t
    before, after = timed_around(lecture, entry)
    if before is not None and after is not None:
        return f"между {before.clock} и {after.clock}", before.t
    if before is not None:
        return f"после {before.clock}, до конца лекции", before.t
    if after is not None:
        return f"с начала до {after.clock}", 0
    return "время не отмечено", None


def moment_link(course: Course, lecture: Lecture, entry: Entry) -> tuple[str, str | None]:
    """``(when, url)`` of a moment: its clock or honest stretch (see `stretch`) and the video there.

    ``url`` is None where the lecture has no timecode at all; the exercise checker's links and
    `moment_item` both say a moment this way.
    """
    label, second = stretch(lecture, entry)
    return label, None if second is None else deep_link(lecture.video, second, course.playlist_of(lecture))


def moment_item(course: Course, lecture: Lecture, entry: Entry, prefix: str) -> str:
    """One moment as seen from a topic: which lecture, when, what.

    An untimed note gives its honest stretch (see `stretch`) and links the stretch's start:
    «между 27:55 и 1:17:27» opens the video at 27:55, never at 0:00 without saying so.
    """
    where = f"[{md_text(lecture_label(lecture))}]({prefix}{lecture_path(course, lecture)})"
    label, url = moment_link(course, lecture, entry)
    if url is None:
        return f"- {where}, {label} — {md_text(entry.text)}"
    return f"- {where}, [{label}]({url}) — {md_text(entry.text)}"


def backlinks(found: Iterable[Moment], prefix: str = "../") -> str:
    """The "В лекциях" block for a topic page from its moments (see `moments`)."""
    items = [moment_item(course, lecture, entry, prefix) for course, lecture, entry in found]
    if not items:
        return ""
    return "\n".join([f"## {BACKLINKS_HEADING} {{#v-lektsiyakh}}", "", *items]) + "\n"


def topics_page(courses: Iterable[Course], titles: Mapping[str, str]) -> str:
    """Topic → moments: every topic page the timecodes point to, in order of first mention."""
    by_topic = moments(courses)  # insertion order = order of first mention
    out = [
        "# Темы → моменты",
        "",
        "Для каждой темы — все места в видео, где о ней говорят. "
        "Порядок — по первому упоминанию в курсе.",
        "",
    ]
    for page, found in by_topic.items():
        out += [f"## [{md_text(titles.get(page, page))}](../topics/{page}.md) {{#{page}}}", ""]
        out += [moment_item(c, lec, e, "../") for c, lec, e in found]
        out.append("")
    return "\n".join(out)
