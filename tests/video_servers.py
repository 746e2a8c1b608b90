"""Local stream servers for the video tests: real GStreamer RTSP/UDP on free ports, stopped after use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from console.video.decoders import Timing
from console.video.health import Backoff
from console.video.rtsp_server import ServerSpec, StreamServer, missing_packages

FAST = Timing(open_timeout=5.0, stall_after=1.5, frozen_after=1.5)


def quick_backoff() -> Backoff:
    return Backoff(base=0.2, cap=1.0)


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
