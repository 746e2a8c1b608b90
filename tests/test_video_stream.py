"""Streams against a real local RTSP/UDP server: live, reconnect, loss, and each error with its message."""

from __future__ import annotations

import http.server
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from video_servers import FAST, quick_backoff, serving

from console.video.health import Problem, State
from console.video.rtsp_server import ServerSpec, StreamServer, free_port
from console.video.stream import CameraStream


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture(scope="module")
def server() -> Iterator[StreamServer]:
    spec = ServerSpec().test_mount("cam", width=320, height=240)
    spec.mounts["odd"] = {"kind": "xgst", "width": 160, "height": 120}
    with serving(spec) as running:
        yield running


@pytest.fixture(scope="module")
def locked_server() -> Iterator[StreamServer]:
    with serving(ServerSpec(auth=("operator", "S3cret!")).test_mount("cam", width=320, height=240)) as running:
        yield running


def open_stream(url: str, user: str | None = None, password: str | None = None) -> CameraStream:
    stream = CameraStream(url, user, password, timing=FAST, backoff=quick_backoff())
    stream.start()
    return stream


def test_rtsp_stream_goes_live_and_fills_its_ring(server: StreamServer) -> None:
    stream = open_stream(server.url("cam"))
    try:
        reader = stream.reader()
        assert wait_for(lambda: stream.health.state == State.LIVE, 8), stream.health
        assert wait_for(lambda: stream.ring.pushed >= 25, 4)
        time.sleep(3.0)  # fps is measured over the last 2 s, after the connect burst
        frame = reader.take()
        assert frame is not None and frame.image.shape == (240, 320, 4) and frame.layout == "BGRX"
        health = stream.health
        assert health.decoder in ("ffmpeg", "libvlc") and health.codec == "h264"
        assert 15 < health.fps < 35
        assert len(stream.ring.frames()) <= 3  # latest-N: frames never pile up
    finally:
        stream.stop()


def test_server_killed_then_restarted_reconnects() -> None:
    spec = ServerSpec().test_mount("cam", width=320, height=240)
    with serving(spec) as first:
        stream = open_stream(first.url("cam"))
        try:
            assert wait_for(lambda: stream.health.state == State.LIVE, 8), stream.health
            first.stop()
            assert wait_for(lambda: stream.health.state == State.RECONNECTING, 6), stream.health
            assert wait_for(lambda: stream.health.attempt >= 2, 6)  # backs off and retries
            assert stream.health.problem in (Problem.REFUSED, Problem.LOST)
            with serving(spec) as second:  # same port: the camera came back
                assert second.port == first.port
                assert wait_for(lambda: stream.health.state == State.LIVE, 10), stream.health
                before = stream.ring.pushed
                assert wait_for(lambda: stream.ring.pushed > before + 10, 4)
        finally:
            stream.stop()


def test_udp_sender_dying_is_detected_as_lost() -> None:
    port = free_port(kind=2)  # SOCK_DGRAM
    spec = ServerSpec(udp=[{"ports": [port], "width": 320, "height": 240}])
    with serving(spec) as sender:
        stream = open_stream(f"udp://@127.0.0.1:{port}")
        try:
            assert stream.decoder == "libvlc"
            assert wait_for(lambda: stream.health.state == State.LIVE, 10), stream.health
            sender.stop()
            # libVLC reports nothing here; only the frame-age/content watchdog notices.
            assert wait_for(lambda: stream.health.state == State.RECONNECTING, 6), stream.health
            assert stream.health.problem in (Problem.LOST, Problem.FROZEN, Problem.TIMEOUT)
        finally:
            stream.stop()


def assert_error(url: str, problem: Problem) -> None:
    """The stream, never live, ends in the error state with ``problem`` as its reason."""
    stream = open_stream(url)
    try:
        assert wait_for(lambda: stream.health.state == State.ERROR, 10), stream.health
        assert stream.health.problem == problem
        assert stream.ring.pushed == 0
    finally:
        stream.stop()


@pytest.mark.parametrize(
    ("mount", "problem"),
    [("nowhere", Problem.NOT_FOUND), ("odd", Problem.CODEC)],
)
def test_bad_mount_ends_in_error_with_reason(server: StreamServer, mount: str, problem: Problem) -> None:
    assert_error(server.url(mount), problem)


def test_closed_port_is_connection_refused() -> None:
    assert_error(f"rtsp://127.0.0.1:{free_port()}/cam", Problem.REFUSED)


def test_a_file_that_is_not_a_video_says_so(tmp_path: Path) -> None:
    """libVLC keeps reopening a file it cannot read and reports nothing: the reason must not be "timed out"."""
    path = tmp_path / "camera.mp4"
    path.write_bytes(random.Random(7).randbytes(50_000))
    assert_error(path.as_uri(), Problem.NOT_VIDEO)


class _WebPage(http.server.BaseHTTPRequestHandler):
    """A camera's own web interface: what an HTTP URL without the stream's path reaches."""

    def _page(self, body: bool) -> None:
        page = b"<html><body>IP Camera login</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if body:
            self.wfile.write(page)

    def do_GET(self) -> None:
        self._page(body=True)

    def do_HEAD(self) -> None:
        self._page(body=False)

    def log_message(self, *_args: object) -> None:
        pass


def test_an_http_address_answering_with_a_web_page_is_not_a_video() -> None:
    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _WebPage)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        assert_error(f"http://127.0.0.1:{web.server_address[1]}/", Problem.NOT_VIDEO)
    finally:
        web.shutdown()
        web.server_close()


def test_wrong_password_is_authentication_failed(locked_server: StreamServer) -> None:
    stream = open_stream(locked_server.url("cam"), "operator", "wrong")
    try:
        assert wait_for(lambda: stream.health.state == State.ERROR, 10), stream.health
        assert stream.health.problem == Problem.AUTH
        assert "wrong" not in stream.shown_url and "***" in stream.shown_url
    finally:
        stream.stop()


def test_right_password_from_separate_columns_plays(locked_server: StreamServer) -> None:
    stream = open_stream(locked_server.url("cam"), "operator", "S3cret!")
    try:
        assert wait_for(lambda: stream.health.state == State.LIVE, 8), stream.health
        assert "S3cret" not in stream.shown_url and stream.url == locked_server.url("cam")
    finally:
        stream.stop()


def test_exit_stops_and_joins_stream_threads_a_background_stop_left_running(server: StreamServer) -> None:
    """A decode thread still inside FFmpeg when the interpreter finalizes aborts the process; the exit hook
    stops and joins every stream thread, even one whose owner only released it (stop in the background)."""
    from console.video.stream import _running, _stop_streams_at_exit

    stream = open_stream(server.url("cam"))
    assert wait_for(lambda: stream.health.state == State.LIVE, 8), stream.health
    thread = _running[stream]
    assert thread.is_alive()
    _stop_streams_at_exit(wait=8.0)
    assert not thread.is_alive()
