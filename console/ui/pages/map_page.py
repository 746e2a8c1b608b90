"""Map page: the live map with cameras, routes, patrol teams and incidents, and a dispatch side panel.

Data paths, all without blocking the window:
* live fixes: a 4 Hz GUI timer reads the GPS feed's in-memory table (``changes_since``: a lock and
  a dict copy, no I/O) and queues them on the map view, which sends one batch per tick;
* unit states, open incidents, the team list: a database poll through the bridge every few seconds
  (states also change from other workstations and team messages);
* operator actions (create, dispatch, state changes) run on the bridge's workers, then re-poll.
Clicking a camera emits ``open_camera_requested(camera_id)`` for the video wall.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.feeds.gps import FeedStats, Fix
from console.services import units as live_units
from console.services.dispatch import UNIT_MOVES, DispatchService, IncidentDetail, NewIncident, policy_from_config
from console.services.units import IncidentPin, UnitService, UnitView
from console.ui.labels import age, label
from console.ui.theme import ERROR, INFO, LIVE, STALE, WARNING
from maps.page import PageOptions, TileSource, build_page
from maps.ranking import Suggestion
from maps.routes import route_lines
from maps.tilepack import TilePackError, extract_mbtiles
from widgets.dispatch_panel import DispatchPanel, IncidentForm
from widgets.map_view import MapView
from widgets.record_table import RecordTable

from .base import Page, PageContext
from .map_trace import TraceController

UNIT_COLOURS = {
    "available": LIVE,
    "dispatched": INFO,
    "en_route": INFO,
    "on_scene": WARNING,
    "returning": INFO,
    "off_duty": STALE,
    "out_of_service": ERROR,
}
log = logging.getLogger(__name__)
POLL_MS = 3000
HEALTH_MS = 1000


class MapPage(Page):
    key = "map"
    live_kinds = frozenset({"incident", "dispatch", "unit"})
    open_camera_requested = Signal(int)

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        cfg = ctx.services.config
        self.stale_after = timedelta(seconds=cfg.map.stale_after_s)
        self.live = live_units.running()
        self.units = self.live.units if self.live else UnitService(ctx.services.db)
        self.dispatch: DispatchService | None = self.live.dispatch if self.live else None
        self.map = MapView(online_tile_url=cfg.map.online_tiles_url)
        self.map.open_camera_requested.connect(self.open_camera_requested)
        self.map.location_picked.connect(self._location_picked)
        self.map.incident_selected.connect(self.open_incident)
        self.map.unit_selected.connect(self._unit_clicked)
        self.map.ready.connect(self._map_ready)

        self.health = QLabel()
        self.health.setWordWrap(True)
        self.health.setTextFormat(Qt.TextFormat.PlainText)
        layers = QGridLayout()
        self.layer_boxes: dict[str, QCheckBox] = {}
        names = (
            ("cameras", self.tr("Cameras")),
            ("units", self.tr("Patrol teams")),
            ("incidents", self.tr("Incidents")),
            ("trails", self.tr("Trails")),
            ("routes", self.tr("Routes")),
        )
        for n, (key, text) in enumerate(names):
            box = QCheckBox(text)
            box.setChecked(True)
            box.toggled.connect(lambda on, k=key: self.map.set_layer_visible(k, on))
            self.layer_boxes[key] = box
            layers.addWidget(box, n // 3, n % 3)
        self.table = RecordTable(
            [self.tr("Team"), self.tr("State"), self.tr("Last fix"), self.tr("Speed")],
            self.tr("Search team or state…"),
            self.tr("No patrol teams are registered."),
        )
        self.table.selected.connect(self._team_selected)
        self.table.setMinimumHeight(220)
        self.unit_state = QComboBox()
        self.unit_state_button = QPushButton(self.tr("Set team state"))
        self.unit_state_button.clicked.connect(self._set_unit_state)
        unit_row = QHBoxLayout()
        unit_row.addWidget(self.unit_state, 1)
        unit_row.addWidget(self.unit_state_button)
        self.new_button = QPushButton(self.tr("New incident here…"))
        self.new_button.setToolTip(self.tr("Or click the map where it happened"))
        self.new_button.clicked.connect(self._new_at_centre)
        self.form = IncidentForm(label)
        self.form.hide()
        self.form.create_requested.connect(self._create_incident)
        self.form.cancelled.connect(self._cancel_form)
        self.panel = DispatchPanel(label)
        self.panel.hide()
        self.panel.dispatch_requested.connect(self._dispatch)
        self.panel.incident_status_requested.connect(self._incident_status)
        self.panel.closed.connect(self.panel.hide)
        self.tracing = TraceController(self, self.map, lambda: self.dispatch, self._intercept_dispatched)
        QShortcut(QKeySequence("Ctrl+T"), self, self.tracing.panel.box.setFocus)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.tracing.panel)
        side_layout.addWidget(self.health)
        side_layout.addLayout(layers)
        side_layout.addWidget(self.table)
        side_layout.addLayout(unit_row)
        side_layout.addWidget(self.new_button)
        side_layout.addWidget(self.form)
        side_layout.addWidget(self.panel)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(400)
        splitter = QSplitter()
        splitter.addWidget(self.map)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([1100, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._tile_problem = ""
        self._live_t: dict[int, float] = {}  # unit id -> time of the newest fix shown from the feed
        self._units: dict[int, UnitView] = {}
        self._seq = 0
        self._built = False
        self._selected_unit: int | None = None
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(250)
        self._live_timer.timeout.connect(self._pull_live)
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_MS)
        self._health_timer.timeout.connect(self._show_health)

    def title(self) -> str:
        return self.tr("Map")

    def trace_plate(self, plate: str, alert_id: int | None = None) -> None:
        """Trace a plate (from the Alerts or Review page); an intercept dispatched from it links the alert."""
        self.tracing.alert_id = alert_id
        self.tracing.panel.search(plate)

    def _intercept_dispatched(self, incident_id: int) -> None:
        self._poll()
        self.open_incident(incident_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.map.loaded:
            self._set_timers(True)

    def hideEvent(self, event: QHideEvent) -> None:
        # A hidden map needs no updates; the feed keeps the latest fixes for when it comes back.
        self._set_timers(False)
        super().hideEvent(event)

    def _set_timers(self, on: bool) -> None:
        for timer in (self._poll_timer, self._health_timer, self._live_timer):
            if not on:
                timer.stop()
            elif timer is not self._live_timer or self.live is not None:
                timer.start()

    # ----- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._built:
            self._built = True
            self.load(self._build, self._page_built)
        self._poll()

    def _build(self) -> tuple[str, DispatchService]:
        cfg = self.ctx.services.config
        cameras = self.units.camera_points()
        routes = route_lines(cameras)
        tiles = []
        if cfg.map.tile_pack:
            try:
                url = extract_mbtiles(cfg.map.tile_pack)
                tiles.append(TileSource(QCoreApplication.translate("MapPage", "Station tiles"), url))
            except TilePackError as exc:
                # The map still works on the offline vector basemap; say why the pack is missing.
                log.warning("map: %s", exc)
                self._tile_problem = str(exc)
        if cfg.map.online_tiles_url:
            tiles.append(TileSource("Online", cfg.map.online_tiles_url, cfg.map.online_tiles_attribution))
        html = build_page(cameras, routes, PageOptions(stale_after_s=cfg.map.stale_after_s, tiles=tuple(tiles)))
        service = self.dispatch or DispatchService(
            self.ctx.services.db, self.ctx.services.audit, policy_from_config(cfg.map), routes,
            cfg.map.dispatch_topic_prefix,
        )  # fmt: skip
        return html, service

    def _page_built(self, result: tuple[str, DispatchService]) -> None:
        html, self.dispatch = result
        self.map.load_html(html)

    def _map_ready(self) -> None:
        self.map.set_layer_labels(
            {"basemap": self.tr("Offline map"), "cameras": self.tr("Cameras"), "units": self.tr("Patrol teams"),
             "incidents": self.tr("Incidents"), "trails": self.tr("Trails"), "routes": self.tr("Routes")}
        )  # fmt: skip
        if self.isVisible():
            self._set_timers(True)
        self._show_health()

    def _poll(self) -> None:
        actor, live = self.ctx.actor, self.live

        def work() -> tuple[list[UnitView], list[IncidentPin]]:
            if live is not None:
                live.refresh_trackers()  # a unit registered since start reports without a restart
            return self.units.views(actor), self.units.open_incidents(actor)

        self.load(work, self._show_poll)

    def _show_poll(self, result: tuple[list[UnitView], list[IncidentPin]]) -> None:
        views, incidents = result
        self._units = {u.id: u for u in views}
        updates: list[dict[str, Any]] = []
        for u in views:
            if u.lat is None or u.lon is None or u.fixed_at is None:
                continue
            t = u.fixed_at.timestamp()
            if t <= self._live_t.get(u.id, 0.0):
                # The feed already showed a newer fix (stored positions lag by a batch): state only.
                updates.append({"id": u.id, "cs": u.call_sign, "st": u.status})
            else:
                updates.append({"id": u.id, "cs": u.call_sign, "lat": u.lat, "lon": u.lon, "st": u.status,
                                "crs": u.course_deg, "spd": u.speed_kmh, "t": t})  # fmt: skip
        self.map.push_units(updates)
        self.map.set_incidents(
            [{"id": i.id, "lat": i.lat, "lon": i.lon, "priority": i.priority, "status": i.status,
              "label": f"#{i.id} {label(i.kind)} · P{i.priority} · {label(i.status)}"
                       + (f" · {i.place}" if i.place else "")} for i in incidents]
        )  # fmt: skip
        self._show_teams()

    def _show_teams(self) -> None:
        now = datetime.now(UTC)
        rows, keys, colours = [], [], []
        for u in sorted(self._units.values(), key=lambda v: v.call_sign):
            stale = u.fixed_at is None or now - u.fixed_at > self.stale_after
            fix = age(u.fixed_at, now) + (f" ({self.tr('stale')})" if stale and u.fixed_at else "")
            speed = f"{u.speed_kmh:.0f} km/h" if u.speed_kmh is not None else "—"
            rows.append([u.call_sign, label(u.status), fix, speed])
            keys.append(u.id)
            colours.append(QColor(STALE if stale else UNIT_COLOURS.get(u.status, INFO)))
        self.table.set_rows(rows, keys, colours)

    # ----- live positions ----------------------------------------------------------------------
    def _pull_live(self) -> None:
        if self.live is None:
            return
        self._seq, fixes = self.live.feed.changes_since(self._seq)
        for f in fixes:
            self._live_t[f.unit_id] = f.tst
        if fixes:
            self.map.push_units(self._fix_update(f) for f in fixes)

    def _fix_update(self, f: Fix) -> dict[str, Any]:
        u = self._units.get(f.unit_id)
        update: dict[str, Any] = {"id": f.unit_id, "lat": f.lat, "lon": f.lon, "crs": f.course_deg,
                                  "spd": f.speed_kmh, "t": f.tst}  # fmt: skip
        if u is not None:
            update.update(cs=u.call_sign, st=u.status)
        else:
            update.update(cs=str(f.unit_id), st="available")
        return update

    def _show_health(self) -> None:
        if self.live is None:
            self.health.setText(self.tr("GPS feed: not running (positions from the database)"))
            self.health.setStyleSheet(f"color: {STALE}")
            return
        st: FeedStats = self.live.feed.stats()
        last = age(st.last_message_at, datetime.now(UTC)) if st.last_message_at else "—"
        rejects = ", ".join(f"{label(k)} {v}" for k, v in sorted(st.rejected.items())) or "0"
        if st.remote:
            state = self.tr("connected") if st.connected else self.tr("reconnecting…")
        else:
            state = self.tr("in process") if st.connected else self.tr("no positions")
        self.health.setText(
            self.tr("GPS feed %1 (%2)").replace("%1", st.broker).replace("%2", state)
            + "\n"
            + self.tr("%1 msg/s · accepted %2 · last message %3")
            .replace("%1", f"{st.rate_per_s:.1f}").replace("%2", str(st.accepted)).replace("%3", last)
            + "\n"
            + self.tr("Rejected: %1").replace("%1", rejects)
            + (f"\n{self._tile_problem}" if self._tile_problem else "")
        )  # fmt: skip
        colour = LIVE if st.connected else (WARNING if st.remote else STALE)
        self.health.setStyleSheet(f"color: {colour}")

    # ----- teams -------------------------------------------------------------------------------
    def _team_selected(self, unit_id: object) -> None:
        if not isinstance(unit_id, int) or unit_id not in self._units:
            return
        self._selected_unit = unit_id
        u = self._units[unit_id]
        self.unit_state.clear()
        for code in sorted(UNIT_MOVES.get(u.status, frozenset())):
            self.unit_state.addItem(label(code), code)
        self.unit_state_button.setEnabled(self.unit_state.count() > 0)
        if u.lat is not None and u.lon is not None:
            self.map.focus(u.lat, u.lon)
        actor = self.ctx.actor
        self.load(lambda: self.units.trail(actor, unit_id), lambda pts: self._show_trail(u.call_sign, pts))

    def _unit_clicked(self, unit_id: int) -> None:
        self._team_selected(unit_id)

    def _show_trail(self, call_sign: str, points: list[tuple[float, float]]) -> None:
        self.map.clear_trail("unit")
        if len(points) > 1:
            self.map.set_trail("unit", points, self.tr("%1, last hour").replace("%1", call_sign), "#80deea")

    def _set_unit_state(self) -> None:
        unit_id, status = self._selected_unit, self.unit_state.currentData()
        if unit_id is None or not status or self.dispatch is None:
            return
        service, actor = self.dispatch, self.ctx.actor
        self.load(lambda: service.set_unit_status(actor, unit_id, status), lambda _r: self._after_change())

    # ----- incidents ---------------------------------------------------------------------------
    def _location_picked(self, lat: float, lon: float) -> None:
        self.map.set_pending_location(lat, lon)
        self.form.start(lat, lon, "map")

    def _new_at_centre(self) -> None:
        def start(centre: Any) -> None:
            # Plain values cross from the page reliably as JSON text.
            lat, lon = json.loads(centre) if isinstance(centre, str) and centre else (21.0285, 105.8542)
            self.map.set_pending_location(lat, lon)
            self.form.start(lat, lon, "manual")

        if self.map.loaded:
            self.map.evaluate("JSON.stringify(((c) => [c.lat, c.lng])(csgt.map.getCenter()))", start)
        else:
            start(None)

    def _cancel_form(self) -> None:
        self.form.hide()
        self.map.set_pending_location(None, None)

    def _create_incident(self, values: dict[str, Any]) -> None:
        if self.dispatch is None:
            return
        service, actor = self.dispatch, self.ctx.actor
        self.load(lambda: service.create_incident(actor, NewIncident(**values)), self._created)

    def _created(self, incident_id: int) -> None:
        self.form.hide()
        self.map.set_pending_location(None, None)
        self.open_incident(incident_id)
        self._poll()

    def open_incident(self, incident_id: int) -> None:
        """Show the incident in the panel with fresh suggestions."""
        if self.dispatch is None:
            return
        service, actor = self.dispatch, self.ctx.actor

        def work() -> tuple[IncidentDetail, list[Suggestion]]:
            detail = service.detail(actor, incident_id)
            return detail, service.suggest(actor, detail.lat, detail.lon)

        self.load(work, self._show_incident)

    def _show_incident(self, result: tuple[IncidentDetail, list[Suggestion]]) -> None:
        detail, suggestions = result
        self.panel.show_incident(detail)
        self.panel.show_suggestions(suggestions if detail.status not in ("resolved", "cancelled") else [])
        self.map.focus(detail.lat, detail.lon)

    def _dispatch(self, incident_id: int, unit_id: int) -> None:
        if self.dispatch is None:
            return
        service, actor = self.dispatch, self.ctx.actor
        self.load(lambda: service.dispatch(actor, incident_id, unit_id), lambda _r: self._after_change(incident_id))

    def _incident_status(self, incident_id: int, status: str) -> None:
        if self.dispatch is None:
            return
        service, actor = self.dispatch, self.ctx.actor
        self.load(lambda: service.set_incident_status(actor, incident_id, status),
                  lambda _r: self._after_change(incident_id))  # fmt: skip

    def _after_change(self, incident_id: int | None = None) -> None:
        self._poll()
        current = self.panel.incident.id if self.panel.incident is not None and self.panel.isVisible() else None
        if incident_id is not None or current is not None:
            self.open_incident(incident_id or current or 0)
