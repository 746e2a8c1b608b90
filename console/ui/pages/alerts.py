"""Alerts page: alerts raised by hotlist reads and rules, and the hotlist itself."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from console.services.queries import AlertRow, HotlistRow
from console.services.trace import TraceService
from console.ui.labels import label, local_time
from console.ui.theme import ERROR, WARNING
from widgets.record_table import RecordTable

from .base import Page, PageContext


class AlertsPage(Page):
    key = "alerts"
    live_kinds = frozenset({"alert"})
    # An operator turns an alert into an incident; the Incidents page serves it (main window wires it).
    incident_requested = Signal(int)
    # Trace the alert's plate on the map (plate, alert id); the main window opens the map page.
    trace_requested = Signal(str, int)

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.alerts = RecordTable(
            [self.tr("Time"), self.tr("Kind"), self.tr("Priority"), self.tr("State"), self.tr("Camera"),
             self.tr("Message")],
            self.tr("Search alerts…"),
            self.tr("No alerts. Alerts appear here when a hotlisted plate is read or a rule fires."),
        )  # fmt: skip
        self.hotlist = RecordTable(
            [self.tr("Plate"), self.tr("Colour"), self.tr("Reason"), self.tr("Priority"), self.tr("Requested by"),
             self.tr("Note"), self.tr("Added")],
            self.tr("Search plate, reason or unit…"),
            self.tr("The hotlist is empty."),
        )  # fmt: skip
        self.to_incident = QPushButton(self.tr("Create &incident from alert"))
        self.to_incident.setProperty("primary", "true")
        self.to_incident.clicked.connect(self._request_incident)
        QShortcut(QKeySequence("Ctrl+I"), self, self._request_incident)
        self.trace = QPushButton(self.tr("&Trace plate on map"))
        self.trace.setToolTip(self.tr("Where and when this plate was seen, on the map (Ctrl+T)"))
        self.trace.clicked.connect(self._request_trace)
        QShortcut(QKeySequence("Ctrl+T"), self, self._request_trace)
        alerts_tab = QWidget()
        alerts_layout = QVBoxLayout(alerts_tab)
        bar = QHBoxLayout()
        bar.addWidget(self.to_incident)
        bar.addWidget(self.trace)
        bar.addStretch()
        alerts_layout.addLayout(bar)
        alerts_layout.addWidget(self.alerts)
        self.tabs = QTabWidget()
        self.tabs.addTab(alerts_tab, self.tr("Alerts"))
        self.tabs.addTab(self.hotlist, self.tr("Hotlist (wanted vehicles)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Alerts")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.alerts(self.ctx.actor), self._show_alerts)
        self.load(lambda: self.ctx.queries.hotlist(self.ctx.actor), self._show_hotlist)

    def _request_incident(self) -> None:
        alert_id = self.alerts.current_key()
        if alert_id is not None:
            self.incident_requested.emit(int(alert_id))

    def _request_trace(self) -> None:
        alert_id = self.alerts.current_key()
        if alert_id is None:
            return
        trace, actor = TraceService(self.ctx.services.db), self.ctx.actor
        self.load(lambda: (trace.plate_of_alert(actor, int(alert_id)), int(alert_id)), self._trace_plate)

    def _trace_plate(self, found: tuple[str | None, int]) -> None:
        plate, alert_id = found
        if plate:
            self.trace_requested.emit(plate, alert_id)

    def _show_alerts(self, alerts: list[AlertRow]) -> None:
        rows = [
            [local_time(a.created_at), label(a.kind), a.priority, label(a.status), a.camera or "", a.message]
            for a in alerts
        ]
        self.alerts.set_rows(rows, [a.id for a in alerts])
        self.tabs.setTabText(0, self.tr("Alerts (%1)").replace("%1", str(len(alerts))))

    def _show_hotlist(self, entries: list[HotlistRow]) -> None:
        rows = [
            [h.plate, label(h.plate_colour), label(h.reason), h.priority, h.source, h.note, local_time(h.added_at)]
            for h in entries
        ]
        colours = [QColor(ERROR if h.priority == 1 else WARNING) for h in entries]
        self.hotlist.set_rows(rows, [h.id for h in entries], colours)
        self.tabs.setTabText(1, self.tr("Hotlist (wanted vehicles) (%1)").replace("%1", str(len(entries))))
