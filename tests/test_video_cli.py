"""``camera test URL`` prints one JSON object and exits 0 only when the stream is live."""

from __future__ import annotations

import json
import subprocess
import sys

from video_servers import serving

from console.video.rtsp_server import ServerSpec, free_port


def camera_test(url: str) -> tuple[int, dict[str, object], str]:
    result = subprocess.run(
        [sys.executable, "main.py", "camera", "test", url, "--seconds", "1.5"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout + result.stderr
    return result.returncode, json.loads(lines[0]), result.stderr


def test_live_url_reports_stream_facts_and_hides_password() -> None:
    with serving(ServerSpec(auth=("viewer", "pa55word")).test_mount("cam", width=320, height=240)) as server:
        code, report, stderr = camera_test(server.url("cam", "viewer", "pa55word"))
    assert code == 0, report
    assert report["state"] == "live" and report["error"] is None
    assert report["url"] == f"rtsp://viewer:***@127.0.0.1:{server.port}/cam"
    assert (report["width"], report["height"], report["codec"]) == (320, 240, "h264")
    assert report["path"] in ("ffmpeg", "libvlc")
    assert isinstance(report["fps"], float) and 15 < report["fps"] < 35
    assert "pa55word" not in stderr


def test_dead_url_reports_error_and_fails() -> None:
    code, report, _ = camera_test(f"rtsp://127.0.0.1:{free_port()}/cam")
    assert code == 1
    assert report["state"] == "error" and report["error"] == "connection refused"
    assert report["fps"] is None and report["width"] is None


def test_bad_seconds_is_refused_with_a_message() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "camera", "test", "rtsp://127.0.0.1/x", "--seconds", "-1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "seconds" in result.stderr
