"""The live map: a QWebEngineView over the page maps.page builds once, fed by small JSON batches.

Python → page: updates are queued and coalesced per unit, then sent as one ``runJavaScript`` batch
per tick (``push_hz``, 4 Hz by default), so 1,000 units reporting at 1 Hz cost four calls a
second, never a page rebuild. Page → Python: clicks arrive through QWebChannel on ``MapHost`` and
leave this widget as intent signals; the widget never touches the database.

Offline by construction: the page's request interceptor lets through only the application's own
schemes (file, qrc, data, blob) and an online tile host the station configured; everything else
is blocked and counted in ``guard.blocked``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from maps.page import MAP_ASSETS

log = logging.getLogger(__name__)

LOCAL_SCHEMES = frozenset({"file", "qrc", "data", "blob", "about"})
LAYERS = ("cameras", "units", "incidents", "trails", "routes")


class OfflineGuard(QWebEngineUrlRequestInterceptor):
    """Sees every request the page makes; blocks any that would leave the application."""

    def __init__(self, allowed_hosts: Iterable[str] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.requests: list[str] = []
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        text = url.toString()
        self.requests.append(text)
        if url.scheme() in LOCAL_SCHEMES or url.host().lower() in self.allowed_hosts:
            return
        self.blocked.append(text)
        info.block(True)
        log.warning("map: blocked request to %s", text[:200])


class MapHost(QObject):
    """The object the page sees as ``host`` through QWebChannel; slots run on the GUI thread."""

    camera_clicked = Signal(int)
    location_clicked = Signal(float, float)
    unit_clicked = Signal(int)
    incident_clicked = Signal(int)

    @Slot(int)
    def cameraClicked(self, camera_id: int) -> None:  # name seen by JavaScript
        self.camera_clicked.emit(camera_id)

    @Slot(float, float)
    def mapClicked(self, lat: float, lon: float) -> None:
        self.location_clicked.emit(lat, lon)

    @Slot(int)
    def unitClicked(self, unit_id: int) -> None:
        self.unit_clicked.emit(unit_id)

    @Slot(int)
    def incidentClicked(self, incident_id: int) -> None:
        self.incident_clicked.emit(incident_id)


class MapView(QWidget):
    open_camera_requested = Signal(int)
    location_picked = Signal(float, float)
    unit_selected = Signal(int)
    incident_selected = Signal(int)
    ready = Signal()

    def __init__(self, push_hz: float = 4.0, online_tile_url: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        allowed = [urlsplit(online_tile_url).hostname or ""] if online_tile_url else []
        self.view = QWebEngineView(self)
        # The interceptor on the page, not on a profile: the default profile is off the record
        # (no cache, no cookies on disk) and a page-level guard sees every request of this page.
        self.guard = OfflineGuard(allowed, self)
        self.page = QWebEnginePage(self.view)
        self.page.setUrlRequestInterceptor(self.guard)
        self.view.setPage(self.page)
        # Two locks: Chromium refuses remote URLs from a local page unless a station configured an
        # online tile server, and then the guard lets through that host only.
        self.page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, bool(online_tile_url)
        )
        self.host = MapHost(self)
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("host", self.host)
        self.page.setWebChannel(self.channel)
        self.host.camera_clicked.connect(self.open_camera_requested)
        self.host.location_clicked.connect(self.location_picked)
        self.host.unit_clicked.connect(self.unit_selected)
        self.host.incident_clicked.connect(self.incident_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.loaded = False
        self._pending_units: dict[int, dict[str, Any]] = {}
        self._pending_calls: list[str] = []
        self.batches_sent = 0
        self.units_sent = 0
        self.applied_callback: Callable[[list[dict[str, Any]]], None] | None = None
        # Leading-edge throttle: an update goes out at once if the last batch left at least one
        # interval ago, otherwise when the interval is over; never more than push_hz batches/s.
        self._interval_ms = max(1, int(1000 / push_hz))
        self._since_flush = QElapsedTimer()
        self._since_flush.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self.page.loadFinished.connect(self._on_loaded)

    def load_html(self, html: str) -> None:
        """Load the page once; everything after is incremental."""
        self.loaded = False
        # setHtml keeps the page in memory; the base URL lets it read the vendored files.
        self.page.setHtml(html, QUrl.fromLocalFile(str(MAP_ASSETS) + "/"))

    def _on_loaded(self, ok: bool) -> None:
        if not ok:
            log.error("map: page failed to load")
            return
        self.loaded = True
        self.flush()
        self.ready.emit()

    # ----- updates -----------------------------------------------------------------------------
    def push_units(self, updates: Iterable[dict[str, Any]]) -> None:
        """Queue unit updates ({id, cs, lat, lon, st, crs, spd, t}); later ones for a unit win."""
        for u in updates:
            entry = self._pending_units.setdefault(u["id"], {})
            entry.update(u)
        self._schedule()

    def _schedule(self) -> None:
        if not self.loaded or self._timer.isActive():
            return
        wait = self._interval_ms - self._since_flush.elapsed()
        if wait <= 0:
            self.flush()
        else:
            self._timer.start(wait)

    def call(self, function: str, *args: Any) -> None:
        """Queue one call of a ``csgt`` page function, sent in order at the next flush."""
        self._pending_calls.append(f"csgt.{function}({', '.join(json.dumps(a, ensure_ascii=False) for a in args)});")
        self._schedule()

    def flush(self) -> None:
        if not self.loaded:
            return
        parts = self._pending_calls
        self._pending_calls = []
        batch = list(self._pending_units.values())
        self._pending_units = {}
        if batch:
            parts.append(f"csgt.applyUnits({json.dumps(batch, separators=(',', ':'), ensure_ascii=False)});")
            self.batches_sent += 1
            self.units_sent += len(batch)
        if not parts:
            return
        self._timer.stop()
        self._since_flush.restart()
        callback = self.applied_callback
        if callback is not None and batch:
            self.page.runJavaScript("\n".join(parts), 0, lambda _r: callback(batch))
        else:
            self.page.runJavaScript("\n".join(parts), 0)

    def set_incidents(self, incidents: list[dict[str, Any]]) -> None:
        self.call("setIncidents", incidents)

    def remove_units(self, ids: list[int]) -> None:
        self.call("removeUnits", ids)

    def set_trail(self, key: str, points: list[tuple[float, float]], label: str = "", colour: str = "") -> None:
        """Draw a trail (plate trace or unit history) as a dashed line with its points."""
        self.call("setTrail", key, [list(p) for p in points], label, colour or None)

    def clear_trail(self, key: str) -> None:
        self.call("clearTrail", key)

    def set_plate_trace(self, trace: dict[str, Any]) -> None:
        """Show a plate's trail ({plate, points: [{lat, lon, n, label, bad}], intercept}), replacing the last one."""
        self.call("setPlateTrace", trace)

    def clear_plate_trace(self) -> None:
        self.call("clearPlateTrace")

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if layer not in LAYERS:
            raise ValueError(f"unknown map layer {layer!r}; one of {', '.join(LAYERS)}")
        self.call("setLayer", layer, visible)

    def set_pending_location(self, lat: float | None, lon: float | None) -> None:
        self.call("setPending", lat, lon)

    def focus(self, lat: float, lon: float, zoom: int | None = None) -> None:
        self.call("focus", lat, lon, zoom)

    def set_layer_labels(self, labels: dict[str, str]) -> None:
        self.call("setLabels", labels)

    def evaluate(self, script: str, callback: Callable[[Any], None]) -> None:
        """Run ``script`` after pending updates and hand its result to ``callback`` (tests, tools)."""
        self.flush()
        self.page.runJavaScript(script, 0, callback)
