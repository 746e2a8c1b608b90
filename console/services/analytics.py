"""Headless analytics: detection on the cameras this process leases, with no window, around the clock.

`python main.py analytics` runs this on an operator's PC (its GPU), a station PC or a server. Every
third of a lease period it renews its leases (console/services/leases.py): cameras newly leased get
a stream and a DetectionWorker, cameras given back or lost have theirs stopped. If a renewal fails
(database unreachable) and a whole lease period passes, it stops every worker itself: by then
another process may hold those cameras, and a camera is never analysed twice on purpose.
Plate reads, hotlist alerts and violation candidates go through the same storing path as the wall's,
so every console hears of them through the live events (console/services/events.py).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from console.config import AnalyticsConfig
from console.services.audit import AuditLog
from console.services.camera_pipeline import Engine, build_pipeline, camera_setup
from console.services.context import SYSTEM
from console.services.detection_worker import DetectionWorker, PacedFeed
from console.services.detections import DetectionService
from console.services.evidence import EvidenceStore
from console.services.fines import FineService
from console.services.leases import LeaseService, Renewal
from console.services.review import ReviewService
from console.storage.db import Database
from console.video.manager import Feed, StreamManager

log = logging.getLogger(__name__)


@dataclass
class _Camera:
    feed: Feed
    worker: DetectionWorker


@dataclass
class AnalyticsStatus:
    holder: str
    device: str
    analysing: list[int] = field(default_factory=list)
    renewals: int = 0
    failed_renewals: int = 0


class AnalyticsService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        engine: Engine,
        evidence: Path,
        leases: LeaseService,
        wanted: Callable[[], list[int]],
        cfg: AnalyticsConfig,
    ) -> None:
        if engine.stages is None:
            raise ValueError(f"detection is off: {engine.reason or 'no vehicle detector'}")
        self.db = db
        self.engine = engine
        self.leases = leases
        self.wanted = wanted
        self.cfg = cfg
        review = ReviewService(db, audit, FineService(db, audit), evidence)
        self.store = DetectionService(db, audit, EvidenceStore(evidence), review)
        self.streams = StreamManager()
        self.status = AnalyticsStatus(leases.holder, engine.device)
        self._running: dict[int, _Camera] = {}
        self._stop = threading.Event()

    def run(self, on_renewal: Callable[[Renewal], None] | None = None) -> None:
        """Until stop(): renew, start and stop workers. Leases are given back on the way out."""
        period = self.cfg.lease_s / 3
        try:
            while not self._stop.is_set():
                self.step(on_renewal)
                self._stop.wait(period)
        finally:
            self._stop_all()
            try:
                self.leases.release_all()
            except Exception as exc:  # the database is gone: the leases expire by themselves
                log.warning("analytics: leases not given back (%s); they expire in %.0f s", exc, self.cfg.lease_s)
            self.streams.stop_all()

    def step(self, on_renewal: Callable[[Renewal], None] | None = None) -> None:
        try:
            renewal = self.leases.renew(self.wanted())
        except Exception as exc:  # database unreachable: keep going until the lease runs out
            self.status.failed_renewals += 1
            log.warning("analytics: lease renewal failed: %s", exc)
            if self.leases.fenced() and self._running:
                log.warning("analytics: leases expired unrenewed; stopping %d cameras", len(self._running))
                self._stop_all()
            return
        self.status.renewals += 1
        for camera_id in set(self._running) - set(renewal.held):
            self._stop_camera(camera_id)
        for camera_id in renewal.held:
            if camera_id not in self._running:
                self._start_camera(camera_id)
        self.status.analysing = sorted(self._running)
        if renewal.taken or renewal.released:
            log.info("analytics: %s took %s, gave back %s; analysing %d (share %d of %d processes)",
                     self.leases.holder, list(renewal.taken), list(renewal.released), len(self._running),
                     renewal.share, renewal.nodes)  # fmt: skip
        if on_renewal is not None:
            on_renewal(renewal)

    def stop(self) -> None:
        self._stop.set()

    def frames(self) -> dict[int, int]:
        """Frames analysed so far, per camera analysed now."""
        return {camera_id: cam.worker.frames for camera_id, cam in self._running.items()}

    def _start_camera(self, camera_id: int) -> None:
        try:
            setup = camera_setup(self.db, self.engine, camera_id, self.cfg.stream)
        except Exception as exc:  # a camera deleted meanwhile, a model that will not load: the others go on
            log.error("analytics: camera %s not started: %s", camera_id, exc)
            return
        for why in setup.skipped:
            log.warning("analytics: %s: rule skipped: %s", setup.code, why)
        if setup.why_default_detector:
            log.warning("analytics: %s: own detector not used: %s", setup.code, setup.why_default_detector)
        feed = self.streams.acquire(camera_id, setup.url, setup.username, setup.password)
        paced = PacedFeed(feed, self.cfg.max_fps_per_camera)
        worker = DetectionWorker(camera_id, paced, build_pipeline(setup, self.engine), self.store, SYSTEM, idle_s=0.02)
        worker.start()
        self._running[camera_id] = _Camera(feed, worker)
        log.info("analytics: analysing %s (camera %s) from %s", setup.code, camera_id, self.cfg.stream)

    def _stop_camera(self, camera_id: int) -> None:
        cam = self._running.pop(camera_id, None)
        if cam is None:
            return
        cam.worker.stop()
        self.streams.release(cam.feed)
        log.info("analytics: camera %s no longer analysed here", camera_id)

    def _stop_all(self) -> None:
        for camera_id in list(self._running):
            self._stop_camera(camera_id)
        self.status.analysing = []
