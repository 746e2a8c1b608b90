"""Who may call the intake (one token per calling system) and how often (token buckets).

Tokens live in files outside the database, one file per system: a leaked database copy grants
nothing, and revoking a system is deleting its file and restarting. Each presented token is
compared with every known one in constant time, so neither which system matched nor how many
leading characters were right shows in the response time.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

MIN_TOKEN_CHARS = 32


class TokenError(ValueError):
    """A token file that cannot be used; the message names it."""


def load_tokens(files: Iterable[str | Path]) -> dict[str, bytes]:
    """System name (the file's stem) → token bytes; refuses short, empty, duplicated tokens or names."""
    tokens: dict[str, bytes] = {}
    for raw in files:
        path = Path(raw).expanduser()
        try:
            token = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise TokenError(f"intake token file {path}: {exc.strerror}") from exc
        if len(token) < MIN_TOKEN_CHARS or any(ch.isspace() for ch in token):
            raise TokenError(f"intake token file {path}: the token must be one line of at least "
                             f"{MIN_TOKEN_CHARS} characters without spaces")  # fmt: skip
        name = path.stem
        if name in tokens:
            raise TokenError(f"intake token file {path}: a second file names the system {name!r}")
        if token.encode() in tokens.values():
            raise TokenError(f"intake token file {path}: the same token as another system; give each its own")
        tokens[name] = token.encode()
    return tokens


def who(tokens: dict[str, bytes], presented: str) -> str | None:
    """The calling system whose token this is, or None."""
    given = presented.encode("utf-8", "replace")
    found: str | None = None
    for name, token in tokens.items():  # no early exit: every token is compared
        if hmac.compare_digest(given, token):
            found = name
    return found


class RateLimiter:
    """A token bucket per key (a calling system, a client address): ``burst`` at once, then
    ``per_minute``. The table is bounded: the least recently seen keys are forgotten first, which
    at worst gives a forgotten key a fresh bucket."""

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000) -> None:  # fmt: skip
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            level, then = self._buckets.pop(key, (self.burst, now))
            level = min(self.burst, level + (now - then) * self.rate)
            allowed = level >= 1.0
            self._buckets[key] = (level - 1.0 if allowed else level, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after_s(self) -> int:
        return max(1, round(1.0 / self.rate)) if self.rate > 0 else 60
