"""One camera stream: its own thread probes, decodes, watches and reconnects; readers poll its ring.

The GUI never waits on a stream: it reads ``health`` (an immutable snapshot) and takes frames from a
ring reader on its own timer. Passwords go into the URL only inside ``_open`` and are never logged.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import replace

from console.services.redact import redact_url

from .decoders import RUNNERS, Timing, decoder_for
from .health import PERMANENT, Backoff, Health, Problem, State
from .probe import probe, with_credentials
from .ring import FrameRing, Pixels, RingReader

log = logging.getLogger(__name__)


class CameraStream:
    def __init__(
        self,
        url: str,
        username: str | None = None,
        password: str | None = None,
        *,
        timing: Timing | None = None,
        backoff: Backoff | None = None,
        ring_size: int = 3,
        on_health: Callable[[Health], None] | None = None,
    ) -> None:
        self.url = url  # without credentials: safe to show
        self._open_url = with_credentials(url, username, password)
        self.shown_url = redact_url(self._open_url)
        self.timing = timing or Timing()
        self.backoff = backoff or Backoff()
        self.ring = FrameRing(ring_size)
        self.decoder = decoder_for(url)
        self._on_health = on_health
        self._health = Health(State.STOPPED, decoder=self.decoder)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._arrivals: deque[float] = deque(maxlen=128)
        self.codec = ""
        self.decoded = 0

    @property
    def health(self) -> Health:
        return self._health

    def reader(self) -> RingReader:
        return self.ring.reader()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"stream {self.shown_url}", daemon=True)
        self._thread.start()
        _running[self] = self._thread

    def stop(self, wait: float = 8.0) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(wait)
        self._set(State.STOPPED)

    def _set(self, state: State, attempt: int = 0, problem: Problem | None = None) -> None:
        health = replace(self._health, state=state, attempt=attempt, problem=problem, codec=self.codec)
        if state != State.LIVE:
            health = replace(health, fps=0.0)
        self._health = health
        if self._on_health is not None:
            self._on_health(health)

    def _sink(self, image: Pixels, layout: str) -> None:
        now = time.time()
        self.ring.push(image, now, layout)
        self.decoded += 1
        self._arrivals.append(time.monotonic())
        fps = _rate(self._arrivals)
        h = self._health
        if h.state != State.LIVE:
            self.backoff.reset()
            log.info("stream %s live (%s, %dx%d)", self.shown_url, self.decoder, image.shape[1], image.shape[0])
            self._health = replace(h, state=State.LIVE, attempt=0, problem=None, fps=fps, codec=self.codec,
                                   width=image.shape[1], height=image.shape[0], last_frame_at=now)  # fmt: skip
            if self._on_health is not None:
                self._on_health(self._health)
        else:
            self._health = replace(h, fps=fps, last_frame_at=now, width=image.shape[1], height=image.shape[0])

    def _run(self) -> None:
        self._set(State.CONNECTING)
        while not self._stop.is_set():
            problem = self._attempt()
            if self._stop.is_set():
                break
            problem = problem or Problem.ENDED
            delay = self.backoff.next_delay(permanent=problem in PERMANENT)
            log.warning("stream %s: %s; retry %d in %.1f s", self.shown_url, problem.value, self.backoff.attempt, delay)
            # Never live yet: the camera or its settings are wrong, show why. Was live: it dropped out.
            state = State.RECONNECTING if self.decoded else State.ERROR
            self._set(state, self.backoff.attempt, problem)
            if self._stop.wait(delay):
                break

    def _attempt(self) -> Problem | None:
        self._arrivals.clear()
        try:
            problem = RUNNERS[self.decoder](self._open_url, self._sink, self._stop, self.timing, self._set_codec)
        except Exception:  # a decoder bug must not kill the stream thread for good
            log.exception("stream %s: decoder %s failed", self.shown_url, self.decoder)
            problem = Problem.FAILED
        if problem in (Problem.FAILED, Problem.TIMEOUT, Problem.ENDED) and not self._stop.is_set():
            # Decoders only say "could not open": ask the server why, and only now, so the
            # happy path pays no extra round trip before the first frame.
            try:
                found = probe(self._open_url, timeout=self.timing.open_timeout)
            except Exception:  # as for the decoder: the stream thread must outlive a probe bug
                log.exception("stream %s: probe failed", self.shown_url)
                return problem
            if found.codec and not self.codec:
                self.codec = found.codec
            problem = found.problem or problem
        return problem

    def _set_codec(self, codec: str) -> None:
        if codec:
            self.codec = codec


def _rate(arrivals: deque[float], window: float = 2.0) -> float:
    # Frames over a fixed window rather than between first and last: network bursts at start-up
    # would otherwise read as 30+ fps from a 25 fps camera.
    now = arrivals[-1]
    recent = sum(1 for t in arrivals if now - t <= window)
    # The first half second is too short to judge (a connect delivers a burst of buffered frames).
    span = max(min(window, now - arrivals[0]), 0.5)
    return (recent - 1) / span if recent > 1 else 0.0


# Every started stream and its decode thread, until both are gone.
_running: weakref.WeakKeyDictionary[CameraStream, threading.Thread] = weakref.WeakKeyDictionary()


@atexit.register
def _stop_streams_at_exit(wait: float = 10.0) -> None:
    """A decode thread still inside FFmpeg (cv2) when the interpreter finalizes is ended by pthread_exit
    unwinding through C++ frames, and the process aborts ("terminate called without an active exception")
    instead of exiting: stop and join every stream thread first, including those a background stop left."""
    pending = [(stream, thread) for stream, thread in list(_running.items()) if thread.is_alive()]
    for stream, _ in pending:
        stream._stop.set()
    deadline = time.monotonic() + wait
    for _, thread in pending:
        thread.join(max(0.0, deadline - time.monotonic()))
