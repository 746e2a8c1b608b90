"""Detection on the wall's live tiles: a DetectionWorker per shown camera, its overlays drawn on the tile.

Each shown camera gets a second Feed from the page's StreamManager — the same decode as the tile, its own
ring reader — rate-limited to ``[inference] max_fps_per_camera``. Models load once, off the GUI thread,
through the page's Bridge; a model that is refused leaves the wall playing and says why.

Overlays are a stream (a few a second per camera) from worker threads, so they do not go through
Bridge.run (which is for one result per submitted job): ``OverlaySignals`` is the second, documented
bridge — a Qt signal emitted on the worker thread and delivered, queued, on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from console.services.camera_pipeline import CameraSetup, Engine, build_pipeline, camera_setup, load_engine
from console.services.detection_worker import DetectionWorker, PacedFeed
from console.services.detection_worker import Overlay as WorkerOverlay
from console.services.detections import DetectionService
from console.services.evidence import EvidenceStore, evidence_dir
from console.services.fines import FineService
from console.services.leases import LeaseService, default_holder
from console.services.review import ReviewService
from console.ui import theme
from console.video.manager import Feed, StreamManager
from widgets.video_tile import Overlay, OverlayBox

from .pages.base import PageContext

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("LiveDetection", text)


class OverlaySignals(QObject):
    """Created on the GUI thread; emitting from a worker thread queues the call onto the GUI thread."""

    overlay = Signal(object)  # (tile index, worker generation, widgets.video_tile.Overlay)
    events = Signal(object)  # (camera id, list of engine events)


@dataclass
class Running:
    camera_id: int
    feed: Feed
    worker: DetectionWorker


class LiveDetection:
    """Owned by the wall page; every method runs on the GUI thread."""

    def __init__(
        self,
        ctx: PageContext,
        streams: StreamManager,
        on_overlay: Callable[[int, Overlay], None],
        on_message: Callable[[str], None],
    ) -> None:
        self.ctx = ctx
        self.streams = streams
        self.config = ctx.services.config.inference
        self.enabled = self.config.live
        self._on_message = on_message
        self._running: dict[int, Running] = {}  # tile index → worker
        self._wanted: dict[int, tuple[int, str, str | None, str | None]] = {}  # tile → camera, url, user, pw
        self._engine: Engine | None = None
        self._loading = False
        self._closed = False
        self._generation: dict[int, int] = {}
        self.model_dirs: list[Path] | None = None  # None: the shipped resources/models
        self.signals = OverlaySignals()
        self._on_overlay = on_overlay
        self.signals.overlay.connect(self._deliver_overlay)
        self.signals.events.connect(self._show_events)
        root = evidence_dir(ctx.services.config)
        services = ctx.services
        review = ReviewService(services.db, services.audit, FineService(services.db, services.audit), root)
        self.store = DetectionService(services.db, services.audit, EvidenceStore(root), review)
        self.leases = LeaseService(services.db, default_holder("console"))

    # ---- tiles ----------------------------------------------------------------------------------

    def start(self, index: int, camera_id: int, url: str, username: str | None, password: str | None) -> None:
        """The tile now shows this camera: detect on it once the engine and its rules are loaded."""
        self.stop(index)
        if not self.enabled or self._closed:
            return
        self._wanted[index] = (camera_id, url, username, password)
        if self._engine is None:
            if not self._loading:
                self._loading = True
                self.ctx.bridge.run(self._load_engine, self._engine_loaded, self._engine_failed)
            return
        self._start_worker(index)

    def stop(self, index: int) -> None:
        self._wanted.pop(index, None)
        self._generation[index] = self._generation.get(index, 0) + 1
        running = self._running.pop(index, None)
        if running is not None:
            running.worker.stop()
            self.streams.release(running.feed)

    def stop_all(self) -> None:
        """Page closing or app quitting: every worker thread is joined before the streams stop."""
        self._closed = True
        for index in list(self._running):
            self.stop(index)
        self._wanted.clear()

    def threads(self) -> list[threading.Thread]:
        return [r.worker._thread for r in self._running.values()]

    # ---- engine ---------------------------------------------------------------------------------

    def _load_engine(self) -> Engine:
        engine = load_engine(self.model_dirs, self.config.device)
        if engine.stages is None and not engine.reason:
            return replace(engine, reason=_t("vehicle detector not available"))
        return engine

    def _engine_loaded(self, engine: Engine) -> None:
        self._loading = False
        self._engine = engine
        if engine.stages is None:
            self.enabled = False
            self._on_message(_t("Detection is off: %1").replace("%1", engine.reason))
            self._wanted.clear()
            return
        if engine.reason:
            self._on_message(_t("Plate reading is off: %1").replace("%1", engine.reason))
        for index in list(self._wanted):
            self._start_worker(index)

    def _engine_failed(self, error: BaseException) -> None:
        self._loading = False
        self._engine = Engine(None, str(error))
        self.enabled = False
        self._wanted.clear()
        log.error("live detection could not start", exc_info=error)
        self._on_message(_t("Detection is off: %1").replace("%1", str(error)))

    def _start_worker(self, index: int) -> None:
        camera_id = self._wanted[index][0]
        generation = self._generation.get(index, 0)
        db = self.ctx.services.db

        engine = self._engine
        assert engine is not None and engine.stages is not None

        def setup() -> CameraSetup | None:
            # An analytics service leasing the camera analyses it already: the wall does not do it twice.
            holder = self.leases.holders().get(camera_id)
            if holder is not None and holder != self.leases.holder:
                log.info("camera %s: analysed by %s, not on this wall", camera_id, holder)
                return None
            # The camera's own detector loads here, off the GUI thread; a refused one falls back to the default.
            return camera_setup(db, engine, camera_id)

        self.ctx.bridge.run(setup, lambda found: self._launch(index, generation, found))

    def _launch(self, index: int, generation: int, setup: CameraSetup | None) -> None:
        if self._closed or self._generation.get(index, 0) != generation or index not in self._wanted:
            return  # the tile changed camera (or the page closed) while the rules loaded
        if setup is None:
            return
        code = setup.code
        for why_skipped in setup.skipped:
            self._on_message(_t("Rule skipped: %1").replace("%1", why_skipped))
        if setup.why_default_detector:
            self._on_message(
                _t("%1: own vehicle detector not used, default instead: %2")
                .replace("%1", code)
                .replace("%2", setup.why_default_detector)
            )
        camera_id, url, username, password = self._wanted[index]
        assert self._engine is not None
        pipeline = build_pipeline(setup, self._engine)
        feed = self.streams.acquire(camera_id, url, username, password)
        paced = PacedFeed(feed, self.config.max_fps_per_camera)

        def overlay(result: WorkerOverlay) -> None:
            info = paced.frame_info(result.frame_index)
            if info is None:
                return
            t, w, h = info
            boxes = tuple(
                OverlayBox(
                    b.box[0] * w,
                    b.box[1] * h,
                    (b.box[2] - b.box[0]) * w,
                    (b.box[3] - b.box[1]) * h,
                    f"{b.plate}" if b.plate else b.vehicle_class,
                    theme.LIVE if b.plate else theme.INFO,
                    b.velocity[0] * w,  # the tile moves the box along this to the picture it shows
                    b.velocity[1] * h,
                )
                for b in result.boxes
            )
            self.signals.overlay.emit((index, generation, Overlay(result.frame_index, t, boxes)))

        worker = DetectionWorker(
            camera_id,
            paced,
            pipeline,
            self.store,
            self.ctx.actor,
            on_overlay=overlay,
            on_events=lambda events: self.signals.events.emit((camera_id, events)),
            idle_s=0.02,
        )
        self._running[index] = Running(camera_id, feed, worker)
        worker.start()

    def _deliver_overlay(self, item: tuple[int, int, Overlay]) -> None:
        index, generation, overlay = item
        # Still queued from a worker the tile has since replaced (another camera, or the same camera's
        # other stream): its frame indices and sizes are not those of the picture the tile shows now.
        if self._generation.get(index, 0) == generation:
            self._on_overlay(index, overlay)

    def _show_events(self, item: tuple[int, list[dict[str, Any]]]) -> None:
        _camera_id, events = item
        alerted = [e for e in events if e.get("alert_ids")]
        if alerted:
            plate = str(alerted[-1].get("plate") or alerted[-1].get("text") or "")
            self._on_message(_t("New hotlist alert: %1 (see Alerts)").replace("%1", plate))
