"""A detection worker per camera: frames from the video wall's ring → engine → storage → overlay callback.

A thread, not a process: OpenVINO releases the GIL while it infers, so two camera threads kept both cores
busy (docs/inference.md: 27 fps total for two threads against 31 fps for one batched loop), and pixels
never have to cross a process boundary. The worker takes the newest frame each time it is free, so a slow
engine drops frames (counted by the ring reader) instead of falling behind. Results leave through plain
callbacks; the UI turns them into Qt signals in its one bridge.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import cv2
import numpy as np

from inference.detector import Detection
from inference.pipeline import Pipeline

from .context import Actor
from .detections import DetectionError, DetectionService

log = logging.getLogger(__name__)


class FrameLike(Protocol):
    @property
    def index(self) -> int: ...
    @property
    def timestamp(self) -> float: ...
    @property
    def image(self) -> np.ndarray: ...
    @property
    def layout(self) -> str: ...


class FrameSource(Protocol):
    """console.video's ring reader / feed: ``take`` gives the newest frame not yet taken, or None."""

    def take(self) -> FrameLike | None: ...


class PacedFeed:
    """A Feed taken at most ``max_fps`` times a second; remembers each given frame's time and size."""

    def __init__(self, feed: FrameSource, max_fps: float) -> None:
        self.feed = feed
        self.interval = 1.0 / max_fps if max_fps > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()
        self._frames: OrderedDict[int, tuple[float, int, int]] = OrderedDict()

    def take(self) -> FrameLike | None:
        now = time.monotonic()
        if now < self._next:
            return None
        frame = self.feed.take()
        if frame is None:
            return None
        self._next = now + self.interval
        h, w = frame.image.shape[:2]
        with self._lock:
            self._frames[frame.index] = (frame.timestamp, w, h)
            while len(self._frames) > 8:
                self._frames.popitem(last=False)
        return frame

    def frame_info(self, index: int) -> tuple[float, int, int] | None:
        with self._lock:
            return self._frames.get(index)


@dataclass(frozen=True)
class TrackBox:
    track_id: int
    vehicle_class: str
    plate: str | None
    box: tuple[float, float, float, float]  # normalised 0..1, so a tile of any size can draw it
    # Frame widths/heights per second, from the tracker's motion: the tile moves the box along it to the
    # frame it shows, which is up to a second newer than the frame the box was found on.
    velocity: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Overlay:
    camera_id: int
    frame_index: int  # the ring index the boxes belong to
    boxes: list[TrackBox]
    timestamp: float = 0.0  # that frame's own Frame.timestamp


class DetectionWorker:
    def __init__(
        self,
        camera_id: int,
        source: FrameSource,
        pipeline: Pipeline,
        store: DetectionService | None,
        actor: Actor,
        on_overlay: Callable[[Overlay], None] | None = None,
        on_events: Callable[[list[dict[str, Any]]], None] | None = None,
        detect: Callable[[FrameLike], list[Detection]] | None = None,
        idle_s: float = 0.005,
    ) -> None:
        self.camera_id = camera_id
        self.source = source
        self.pipeline = pipeline
        self.store = store
        self.actor = actor
        self.on_overlay = on_overlay
        self.on_events = on_events
        self.detect = detect  # another detector's boxes instead of the pipeline's own (or a scene's truth)
        self.idle_s = idle_s
        self.frames = 0
        self.errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"detect-{camera_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            frame = self.source.take()
            if frame is None:
                time.sleep(self.idle_s)
                continue
            try:
                self.step(frame)
            except Exception:  # one bad frame or a database hiccup must not end the camera's detection
                self.errors += 1
                log.exception("detection failed on camera %s frame %s", self.camera_id, frame.index)
        for candidate in self.pipeline.flush():
            self._store_candidate(candidate)

    def step(self, frame: FrameLike) -> None:
        image = frame.image
        if frame.layout == "BGRX":
            image = cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
        detections = self.detect(frame) if self.detect is not None else None
        events, candidates = self.pipeline.process(image, frame.timestamp, detections)
        self.frames += 1
        stamp = datetime.fromtimestamp(frame.timestamp, UTC).isoformat(timespec="milliseconds")
        for event in events:
            event["time"] = stamp
        reads = [e for e in events if e["event"] == "plate"]
        if reads and self.store is not None:
            for event, stored in zip(reads, self.store.store_reads(self.actor, reads), strict=True):
                event["plate_read_id"] = stored.read_id
                event["alert_ids"] = list(stored.alert_ids)
        for candidate in candidates:
            candidate.event["time"] = datetime.fromtimestamp(candidate.event["t"], UTC).isoformat()
            try:
                self._store_candidate(candidate)
            except DetectionError as exc:
                # One refused candidate (a full evidence disk) must not drop the others or the overlay; the
                # operator reads why in the log line and the event, without a traceback.
                self.errors += 1
                log.error("camera %s: %s", self.camera_id, exc)
                candidate.event["error"] = str(exc)
            events.append(candidate.event)
        if events and self.on_events is not None:
            self.on_events(events)
        if self.on_overlay is not None:
            h, w = image.shape[:2]
            boxes = [
                TrackBox(
                    trk.id,
                    trk.label,
                    trk.plate()[0],
                    (trk.box[0] / w, trk.box[1] / h, trk.box[2] / w, trk.box[3] / h),
                    (trk.velocity[0] / w, trk.velocity[1] / h),
                )
                for trk in self.pipeline.tracker.tracks
                if trk.misses == 0
            ]
            self.on_overlay(Overlay(self.camera_id, frame.index, boxes, frame.timestamp))

    def _store_candidate(self, candidate: Any) -> None:
        if self.store is None:
            return
        candidate.event["candidate_id"] = self.store.store_candidate(self.actor, candidate)
