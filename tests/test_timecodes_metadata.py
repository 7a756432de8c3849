"""Video metadata through yt-dlp's real extraction path, on a page served on 127.0.0.1 only;
the offline path (one warning, the cache is used); timecodes past a video's end."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lectureref.timecodes import load_course
from lectureref.timecodes.__main__ import main
from lectureref.timecodes.metadata import check_durations, fetch, load_cache, refresh, save_cache

GOOD = """\
title: T
lectures:
  - title: L
    video: kWTC1NvL894
    entries:
      - t: "8:00"
        text: first
      - t: "1:04:36"
        text: second
"""


class _Page(http.server.BaseHTTPRequestHandler):
    """A video page as yt-dlp's generic extractor reads it: JSON-LD VideoObject metadata."""

    def do_GET(self) -> None:
        port = self.server.server_address[1]
        if self.path.endswith(".mp4"):
            body, kind = b"\0" * 16, "video/mp4"
        else:
            meta = {"@context": "https://schema.org", "@type": "VideoObject", "name": "Лекция 3. Нейронные сети",
                    "duration": "PT1H25M10S", "uploadDate": "2019-03-01",
                    "contentUrl": f"http://127.0.0.1:{port}/v.mp4"}
            body = f'<html><head><script type="application/ld+json">{json.dumps(meta)}</script></head></html>'.encode()
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def page() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)  # loopback only
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/watch"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_fetch_reads_title_and_duration_through_yt_dlp(page: str) -> None:
    assert fetch(page, timeout=5) == {"title": "Лекция 3. Нейронные сети", "duration": 5110}


def test_refresh_fills_the_cache_online(page: str, tmp_path: Path) -> None:
    cache = tmp_path / "metadata.json"
    save_cache(cache, {"old_video_1": {"title": "kept", "duration": 60}})
    warnings: list[str] = []
    refresh(cache, {"kWTC1NvL894": page}, warn=warnings.append)
    assert warnings == []
    assert load_cache(cache) == {
        "kWTC1NvL894": {"title": "Лекция 3. Нейронные сети", "duration": 5110},
        "old_video_1": {"title": "kept", "duration": 60},
    }
    assert [p.name for p in tmp_path.iterdir()] == ["metadata.json"]  # the temp file was renamed


@pytest.fixture()
def closed() -> str:
    """A loopback URL nobody listens on: yt-dlp fails as it does offline (DownloadError)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}"


def test_offline_warns_once_and_keeps_the_cache(tmp_path: Path, closed: str) -> None:
    cache = tmp_path / "metadata.json"
    save_cache(cache, {"kWTC1NvL894": {"title": "cached", "duration": 4000}})
    before = cache.read_bytes()
    warnings: list[str] = []
    urls = {"kWTC1NvL894": f"{closed}/watch", "tnrbx7V9RbA": f"{closed}/other"}
    result = refresh(cache, urls, warn=warnings.append)
    assert len(warnings) == 1 and "offline?" in warnings[0] and "1 of 2 videos known" in warnings[0]
    assert result == {"kWTC1NvL894": {"title": "cached", "duration": 4000}}
    assert cache.read_bytes() == before


def test_timecode_past_the_end_is_flagged_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "course.yml"
    path.write_text(GOOD, encoding="utf-8")
    course = load_course(path)
    problems = check_durations([course], {"kWTC1NvL894": {"title": "x", "duration": 3600}})
    assert [str(p) for p in problems] == [
        f"{path}:8: time 1:04:36 is past the end of video kWTC1NvL894 (1:00:00 long, per metadata.json)"
    ]
    assert check_durations([course], {"kWTC1NvL894": {"duration": 3877}}) == []
    assert check_durations([course], {}) == []  # unknown video: not checked


def test_metadata_command_offline(tmp_path: Path, closed: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The command on a docs folder: offline (URLs point at a closed loopback port) it warns
    once, keeps the cache and still reports the timecode past the cached end."""
    folder = tmp_path / "docs" / "timecodes"
    folder.mkdir(parents=True)
    (folder / "course.yml").write_text(GOOD, encoding="utf-8")
    save_cache(folder / "metadata.json", {"kWTC1NvL894": {"title": "x", "duration": 3600}})
    monkeypatch.setattr("lectureref.timecodes.metadata.deep_link", lambda video: f"{closed}/{video}")
    assert main(["metadata", "--docs", str(tmp_path / "docs")]) == 1
    err = capsys.readouterr().err
    assert err.count("warning:") == 1
    assert "course.yml:8: time 1:04:36 is past the end" in err


def test_metadata_command_fills_the_cache_from_info_json_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """What `yt-dlp --write-info-json` saved fills metadata.json without a network; the
    durations then check the timecodes (1:04:36 is past the end of a 1:00:00 video)."""
    from tests.conftest import DATA

    info = DATA / "info" / "kWTC1NvL894.info.json"
    saved = json.loads(info.read_text(encoding="utf-8"))
    folder = tmp_path / "docs" / "timecodes"
    folder.mkdir(parents=True)
    (folder / "course.yml").write_text(GOOD, encoding="utf-8")
    assert main(["metadata", "--docs", str(tmp_path / "docs"), "--info-json", str(info)]) == 0
    assert load_cache(folder / "metadata.json") == {saved["id"]: {"title": saved["title"], "duration": saved["duration"]}}
    assert "1 videos known" in capsys.readouterr().out
    short = tmp_path / "short.info.json"
    short.write_text(json.dumps({**saved, "duration": 3600.0}), encoding="utf-8")
    assert main(["metadata", "--docs", str(tmp_path / "docs"), "--info-json", str(short)]) == 1
    assert "course.yml:8: time 1:04:36 is past the end of video kWTC1NvL894 (1:00:00 long" in capsys.readouterr().err
