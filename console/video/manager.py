"""Open streams shared by everything that watches a camera: one decode per camera, many readers.

A camera on two tiles, or on a tile and the inference tap, is decoded once; each consumer gets its
own ring reader (own pace, own drop count). The last release stops the stream's thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from .decoders import Timing
from .health import Health
from .ring import Frame, RingReader
from .stream import CameraStream


@dataclass(frozen=True)
class StreamKey:
    camera_id: int
    url: str  # without credentials


@dataclass
class Feed:
    """One consumer's handle on a shared stream."""

    key: StreamKey
    stream: CameraStream
    reader: RingReader = field(init=False)

    def __post_init__(self) -> None:
        self.reader = self.stream.reader()

    def take(self) -> Frame | None:
        return self.reader.take()

    @property
    def dropped(self) -> int:
        return self.reader.dropped

    @property
    def health(self) -> Health:
        return self.stream.health


class StreamManager:
    def __init__(self, timing: Timing | None = None) -> None:
        self.timing = timing
        self._streams: dict[StreamKey, CameraStream] = {}
        self._users: dict[StreamKey, int] = {}
        self._lock = threading.Lock()

    def acquire(self, camera_id: int, url: str, username: str | None = None, password: str | None = None) -> Feed:
        key = StreamKey(camera_id, url)
        with self._lock:
            stream = self._streams.get(key)
            if stream is None:
                stream = self._streams[key] = CameraStream(url, username, password, timing=self.timing)
                stream.start()
            self._users[key] = self._users.get(key, 0) + 1
        return Feed(key, stream)

    def release(self, feed: Feed) -> None:
        with self._lock:
            users = self._users.get(feed.key, 0) - 1
            if users > 0:
                self._users[feed.key] = users
                return
            self._users.pop(feed.key, None)
            stream = self._streams.pop(feed.key, None)
        if stream is not None:
            # Stopping joins the stream thread (up to a read timeout): off the caller's thread.
            threading.Thread(target=stream.stop, name="stream stop", daemon=True).start()

    def open_count(self) -> int:
        with self._lock:
            return len(self._streams)

    def stop_all(self) -> None:
        with self._lock:
            streams = list(self._streams.values())
            self._streams.clear()
            self._users.clear()
        for stream in streams:
            stream._stop.set()  # signal all first so they wind down in parallel
        for stream in streams:
            stream.stop()
