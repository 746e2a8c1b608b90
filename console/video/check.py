"""'Test connection': open a stream exactly as the wall does and report what happened, as one record."""

from __future__ import annotations

import threading
import time
from typing import Any

from console.services.redact import redact_url

from .decoders import Timing
from .health import Backoff, Health, State
from .stream import CameraStream

# A connect delivers a burst of frames the server buffered; fps is measured after it.
SETTLE_S = 0.5


def test_stream(
    url: str, seconds: float = 5.0, username: str | None = None, password: str | None = None
) -> dict[str, Any]:
    """Watch the stream for ``seconds`` after its first frame (or until it fails); never raises."""
    changed = threading.Event()
    stream = CameraStream(
        url,
        username,
        password,
        timing=Timing(open_timeout=max(4.0, min(seconds, 10.0))),
        backoff=Backoff(base=60.0, cap=60.0),  # one attempt: the result is reported, not retried
        on_health=lambda _h: changed.set(),
    )
    deadline = time.monotonic() + seconds + SETTLE_S + stream.timing.open_timeout + 2.0
    stream.start()
    first_frame: float | None = None
    live_since: float | None = None
    decoded_at_live = 0
    try:
        while time.monotonic() < deadline:
            changed.wait(0.1)
            changed.clear()
            health = stream.health
            if health.state in (State.ERROR, State.RECONNECTING):
                break
            if health.state == State.LIVE:
                if first_frame is None:
                    first_frame = time.monotonic()
                elif live_since is None and time.monotonic() - first_frame >= SETTLE_S:
                    live_since, decoded_at_live = time.monotonic(), stream.decoded
                elif live_since is not None and time.monotonic() - live_since >= seconds:
                    break
        health = stream.health
        fps = health.fps
        if live_since is not None and time.monotonic() - live_since > 0.5:
            # Over the whole watch, not the last instant: start-up bursts would inflate it.
            fps = (stream.decoded - decoded_at_live) / (time.monotonic() - live_since)
    finally:
        stream.stop()
    return report(stream.shown_url, stream, health, fps)


def report(shown_url: str, stream: CameraStream, health: Health, fps: float) -> dict[str, Any]:
    live = health.state == State.LIVE
    problem = health.problem.value if health.problem else ("timed out" if not live else None)
    return {
        "url": redact_url(shown_url),
        "state": "live" if live else "error",
        "path": stream.decoder,
        "fps": round(fps, 1) if live else None,
        "width": health.width or None,
        "height": health.height or None,
        "codec": stream.codec or None,
        "error": None if live else problem,
    }
