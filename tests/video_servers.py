"""Local stream servers for the video tests: real GStreamer RTSP/UDP and an HTTP MJPEG camera on free ports."""

from __future__ import annotations

import http.server
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from console.video.decoders import Timing
from console.video.health import Backoff
from console.video.rtsp_server import (
    ServerError,
    ServerSpec,
    StreamServer,
    first_line,
    free_port,
    missing_packages,
    stop_child,
)

FAST = Timing(open_timeout=5.0, stall_after=1.5, frozen_after=1.5)


def quick_backoff(seed: int | None = None) -> Backoff:
    # A seed makes the jitter repeatable (fault scenarios replay a failing run); without one, as before.
    return Backoff(base=0.2, cap=1.0, rng=random.Random(seed) if seed is not None else None)


def require_gstreamer() -> None:
    missing = missing_packages()
    if missing:
        pytest.skip("the local stream server needs: " + " ".join(missing))


@contextmanager
def serving(spec: ServerSpec) -> Iterator[StreamServer]:
    require_gstreamer()
    server = StreamServer(spec).start()
    try:
        yield server
    finally:
        server.stop()


# ---- HTTP MJPEG camera ----------------------------------------------------------------------------
# Most IP cameras also serve MJPEG over HTTP (multipart/x-mixed-replace, "/video.mjpg"); GStreamer has
# no HTTP server element, so this one is the standard library's, in a process of its own so it can be
# killed like a camera losing power. It serves JPEG files made beforehand, looped at a steady rate.

MJPEG_BOUNDARY = "csgtframe"


class MjpegServer:
    """An HTTP MJPEG camera subprocess on a fixed port; ``start`` waits until it listens."""

    def __init__(self, frames: Path, port: int = 0, fps: int = 25) -> None:
        self.frames = frames
        self.port = port or free_port()
        self.fps = fps
        self._proc: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/video.mjpg"

    def start(self, timeout: float = 15.0) -> MjpegServer:
        tests = Path(__file__).resolve().parent
        paths = [str(tests), str(tests.parent)]  # this module imports the project's video package
        code = f"import sys; sys.path[:0] = {paths!r}; from video_servers import serve_mjpeg; serve_mjpeg(sys.argv[1])"
        spec = json.dumps({"port": self.port, "dir": str(self.frames), "fps": self.fps})
        self._proc = subprocess.Popen(
            [sys.executable, "-c", code, spec],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        line = first_line(self._proc, timeout)
        if not line.startswith("READY"):
            self.stop()
            raise ServerError(f"MJPEG server did not start: {line or 'no answer'}")
        return self

    def stop(self, timeout: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_child(proc, timeout)


def serve_mjpeg(spec_json: str) -> None:
    """The server process: ``GET /video.mjpg`` streams the frames for ever, ``HEAD`` answers as a camera does."""
    spec = json.loads(spec_json)
    pictures = [p.read_bytes() for p in sorted(Path(spec["dir"]).glob("*.jpg"))]
    interval = 1.0 / int(spec["fps"])
    parent = os.getppid()

    class Camera(http.server.BaseHTTPRequestHandler):
        def _head(self) -> bool:
            if self.path.split("?")[0] != "/video.mjpg":
                self.send_error(404)
                return False
            self.send_response(200)
            self.send_header("Content-Type", f"multipart/x-mixed-replace; boundary={MJPEG_BOUNDARY}")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            return True

        def do_HEAD(self) -> None:
            self._head()

        def do_GET(self) -> None:
            if not self._head():
                return
            # Paced by a clock, not by sleeping a frame interval after each send, so the rate holds.
            start = time.monotonic()
            n = 0
            try:
                while True:
                    picture = pictures[n % len(pictures)]
                    part = f"--{MJPEG_BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: {len(picture)}\r\n\r\n"
                    self.wfile.write(part.encode() + picture + b"\r\n")
                    n += 1
                    time.sleep(max(0.0, start + n * interval - time.monotonic()))
            except OSError:  # the client went away
                return

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(spec["port"])), Camera)
    server.daemon_threads = True

    def orphaned() -> None:
        # The test died without stopping us: do not serve on forever (as gst_server.py does).
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=orphaned, daemon=True).start()
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()
