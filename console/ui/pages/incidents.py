"""Incidents page: every incident with its state; open one to dispatch, move it on, read its timeline.

Incidents are created here by hand (type, priority, location, description), on the Map page from
a click, and from an alert or a violation through :meth:`IncidentsPage.new_from`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from console.services import units as live_units
from console.services.dispatch import DispatchService, IncidentDetail, NewIncident, policy_from_config
from console.services.queries import IncidentRow
from console.ui.labels import label, local_time
from console.ui.theme import ERROR, INFO, LIVE, STALE, WARNING
from maps.ranking import Suggestion
from maps.routes import route_lines
from widgets.dispatch_panel import DispatchPanel, IncidentForm
from widgets.record_table import RecordTable

from .base import Page, PageContext

STATE_COLOURS = {"new": ERROR, "dispatched": INFO, "on_scene": WARNING, "resolved": LIVE, "cancelled": STALE}


class IncidentsPage(Page):
    key = "incidents"
    live_kinds = frozenset({"incident", "dispatch", "unit"})

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.table = RecordTable(
            [self.tr("Created"), self.tr("Kind"), self.tr("Priority"), self.tr("State"), self.tr("Place")],
            self.tr("Search incidents…"),
            self.tr("No incidents recorded."),
        )
        self.table.selected.connect(self._selected)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        new_button = QPushButton(self.tr("New incident…"))
        new_button.setProperty("primary", True)
        new_button.clicked.connect(lambda: self.new_from(21.0285, 105.8542, "manual"))
        self.form = IncidentForm(label)
        self.form.hide()
        self.form.create_requested.connect(self._create)
        self.form.cancelled.connect(self.form.hide)
        self.panel = DispatchPanel(label)
        self.panel.hide()
        self.panel.dispatch_requested.connect(self._dispatch)
        self.panel.incident_status_requested.connect(self._status)
        self.panel.closed.connect(self.panel.hide)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(new_button)
        left_layout.addLayout(bottom)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.panel, 1)
        right_layout.addStretch(0)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([900, 450])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._service: DispatchService | None = None
        self._links: dict[str, Any] = {}

    def title(self) -> str:
        return self.tr("Incidents")

    def service(self) -> DispatchService:
        """The running dispatch service (it publishes orders), or one of our own without a broker."""
        live = live_units.running()
        if live is not None:
            return live.dispatch
        if self._service is None:
            s = self.ctx.services
            routes = route_lines(live_units.UnitService(s.db).camera_points())
            self._service = DispatchService(s.db, s.audit, policy_from_config(s.config.map), routes,
                                            s.config.map.dispatch_topic_prefix)  # fmt: skip
        return self._service

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.incidents(self.ctx.actor), self._show)
        if self.panel.isVisible() and self.panel.incident is not None:
            self.open_incident(self.panel.incident.id)

    def _show(self, items: list[IncidentRow]) -> None:
        rows = [[local_time(i.created_at), label(i.kind), i.priority, label(i.status), i.place] for i in items]
        self.table.set_rows(rows, [i.id for i in items], [QColor(STATE_COLOURS.get(i.status, INFO)) for i in items])
        self.summary.setText(self.tr("%1 incident(s), %2 open").replace("%1", str(len(items))).replace(
            "%2", str(sum(1 for i in items if i.status in ("new", "dispatched", "on_scene")))))  # fmt: skip

    def new_from_alert(self, alert_id: int) -> None:
        """Open the form prefilled at the alert's camera (for the Alerts page to call)."""
        service, actor = self.service(), self.ctx.actor
        self.load(lambda: service.prefill_from_alert(actor, alert_id), self._prefilled)

    def new_from_violation(self, candidate_id: int) -> None:
        """Open the form prefilled at the violation's camera (for the Review page to call)."""
        service, actor = self.service(), self.ctx.actor
        self.load(lambda: service.prefill_from_violation(actor, candidate_id), self._prefilled)

    def _prefilled(self, draft: NewIncident) -> None:
        self.new_from(draft.lat, draft.lon, draft.source, draft.place, alert_id=draft.alert_id,
                      candidate_id=draft.candidate_id)  # fmt: skip
        self.form.description.setPlainText(draft.description)
        index = self.form.kind.findData(draft.kind)
        if index >= 0:
            self.form.kind.setCurrentIndex(index)
        self.form.priority.setCurrentIndex(self.form.priority.findData(draft.priority))

    def new_from(self, lat: float, lon: float, source: str, place: str = "", **links: Any) -> None:
        """Open the form prefilled, e.g. from an alert (``alert_id=``) or a violation (``candidate_id=``)."""
        self._links = links
        self.form.start(lat, lon, source, place)

    def _create(self, values: dict[str, Any]) -> None:
        service, actor = self.service(), self.ctx.actor
        new = NewIncident(**values, **self._links)
        self.load(lambda: service.create_incident(actor, new), self._created)

    def _created(self, incident_id: int) -> None:
        self.form.hide()
        self._links = {}
        self.refresh()
        self.open_incident(incident_id)

    def _selected(self, key: object) -> None:
        if isinstance(key, int):
            self.open_incident(key)

    def open_incident(self, incident_id: int) -> None:
        service, actor = self.service(), self.ctx.actor

        def work() -> tuple[IncidentDetail, list[Suggestion]]:
            detail = service.detail(actor, incident_id)
            open_ = detail.status not in ("resolved", "cancelled")
            return detail, service.suggest(actor, detail.lat, detail.lon) if open_ else []

        self.load(work, self._show_incident)

    def _show_incident(self, result: tuple[IncidentDetail, list[Suggestion]]) -> None:
        self.panel.show_incident(result[0])
        self.panel.show_suggestions(result[1])

    def _dispatch(self, incident_id: int, unit_id: int) -> None:
        service, actor = self.service(), self.ctx.actor
        self.load(lambda: service.dispatch(actor, incident_id, unit_id), lambda _r: self._changed(incident_id))

    def _status(self, incident_id: int, status: str) -> None:
        service, actor = self.service(), self.ctx.actor
        self.load(lambda: service.set_incident_status(actor, incident_id, status),
                  lambda _r: self._changed(incident_id))  # fmt: skip

    def _changed(self, incident_id: int) -> None:
        self.load(lambda: self.ctx.queries.incidents(self.ctx.actor), self._show)
        self.open_incident(incident_id)
