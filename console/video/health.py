"""Stream health as the wall shows it, error messages operators understand, and reconnect back-off."""

from __future__ import annotations

import errno
import random
import socket
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    CONNECTING = "connecting"
    LIVE = "live"
    RECONNECTING = "reconnecting"
    ERROR = "error"
    STOPPED = "stopped"


class Problem(StrEnum):
    """Why a stream is not live. The value is the short English message; the UI translates it."""

    AUTH = "authentication failed"
    UNREACHABLE = "host unreachable"
    REFUSED = "connection refused"
    NOT_FOUND = "stream not found"
    CODEC = "codec not supported"
    TIMEOUT = "timed out"
    UNKNOWN_HOST = "unknown host"
    LOST = "stream lost"
    FROZEN = "picture frozen"
    ENDED = "stream ended"
    BAD_URL = "address not valid"
    FAILED = "cannot open stream"
    NOT_VIDEO = "not a playable video"


# Problems that retrying cannot fix until someone changes the camera or its settings. The wall still
# retries them (a camera may be reconfigured on site), only slowly.
PERMANENT = frozenset(
    {Problem.AUTH, Problem.NOT_FOUND, Problem.CODEC, Problem.BAD_URL, Problem.UNKNOWN_HOST, Problem.NOT_VIDEO}
)


@dataclass(frozen=True)
class Health:
    state: State
    attempt: int = 0  # reconnect attempt number while RECONNECTING
    problem: Problem | None = None
    decoder: str = ""  # "libvlc" | "ffmpeg"
    fps: float = 0.0  # decoded frames per second over the last second or so
    width: int = 0
    height: int = 0
    codec: str = ""
    last_frame_at: float | None = None  # time.time() of the newest frame


class Backoff:
    """Exponential back-off with full jitter: spreads the reconnects of many cameras after an outage."""

    def __init__(self, base: float = 1.0, cap: float = 30.0, rng: random.Random | None = None) -> None:
        self.base = base
        self.cap = cap
        self.attempt = 0
        self._rng = rng or random.Random()

    def next_delay(self, permanent: bool = False) -> float:
        self.attempt += 1
        ceiling = min(self.cap, self.base * 2 ** (self.attempt - 1))
        if permanent:
            ceiling = self.cap
        return float(ceiling / 2 + self._rng.uniform(0, ceiling / 2))

    def reset(self) -> None:
        self.attempt = 0


def problem_from_oserror(exc: OSError) -> Problem:
    if isinstance(exc, socket.gaierror):
        return Problem.UNKNOWN_HOST
    if isinstance(exc, TimeoutError | socket.timeout):
        return Problem.TIMEOUT
    if isinstance(exc, ConnectionRefusedError) or exc.errno == errno.ECONNREFUSED:
        return Problem.REFUSED
    if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH, errno.EHOSTDOWN):
        return Problem.UNREACHABLE
    if exc.errno == errno.ETIMEDOUT:
        return Problem.TIMEOUT
    return Problem.FAILED


def problem_from_status(status: int) -> Problem | None:
    if status in (401, 403):
        return Problem.AUTH
    if status in (404, 454):  # 454: RTSP "Session Not Found"
        return Problem.NOT_FOUND
    if status == 415:
        return Problem.CODEC
    if status >= 400:
        return Problem.FAILED
    return None
