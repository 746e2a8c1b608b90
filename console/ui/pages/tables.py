"""Pages that are, for now, one searchable table over a query: units, alerts, review, incidents, logs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout

from console.services.queries import (
    AlertRow,
    CandidateRow,
    HotlistRow,
    IncidentRow,
    PatrolLogRow,
    UnitRow,
)
from console.ui.labels import age, label, local_time
from console.ui.theme import ERROR, INFO, LIVE, STALE, WARNING
from widgets.record_table import RecordTable

from .base import Page, PageContext

# A fix older than this is shown stale (grey); dispatch ranks such units last.
STALE_AFTER = timedelta(minutes=5)

UNIT_COLOURS = {
    "available": LIVE,
    "dispatched": INFO,
    "en_route": INFO,
    "on_scene": WARNING,
    "returning": INFO,
    "off_duty": STALE,
    "out_of_service": ERROR,
}


class TablePage(Page):
    def __init__(self, ctx: PageContext, headers: Sequence[str], search: str, empty: str) -> None:
        super().__init__(ctx)
        self.table = RecordTable(headers, search, empty)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)

    def show_rows(self, rows: list[list[Any]], keys: list[Any], colours: Sequence[QColor | None] | None = None) -> None:
        self.table.set_rows(rows, keys, colours)
        # Not self.tr(): PySide looks the text up under the subclass's name, lupdate under this one.
        self.summary.setText(QCoreApplication.translate("TablePage", "%n record(s)", "", len(rows)))


class MapPage(TablePage):
    key = "map"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(
            ctx,
            [self.tr("Call sign"), self.tr("Team"), self.tr("Station"), self.tr("State"), self.tr("Last fix"),
             self.tr("Position"), self.tr("Speed")],
            self.tr("Search team, station or state…"),
            self.tr("No patrol teams are registered."),
        )  # fmt: skip

    def title(self) -> str:
        return self.tr("Map")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.units(self.ctx.actor), self._show)

    def _show(self, units: list[UnitRow]) -> None:
        now = datetime.now(UTC)
        rows, colours = [], []
        for u in units:
            stale = u.fixed_at is None or now - u.fixed_at > STALE_AFTER
            fix = age(u.fixed_at, now)
            if stale and u.fixed_at:
                fix += "  (" + self.tr("stale") + ")"
            pos = f"{u.lat:.5f}, {u.lon:.5f}" if u.lat is not None and u.lon is not None else "—"
            speed = f"{u.speed_kmh:.0f} km/h" if u.speed_kmh is not None else "—"
            rows.append([u.call_sign, u.name, u.station, label(u.status), fix, pos, speed])
            colours.append(QColor(STALE if stale else UNIT_COLOURS.get(u.status, INFO)))
        self.show_rows(rows, [u.id for u in units], colours)


class AlertsPage(Page):
    key = "alerts"

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
        self.tabs = QTabWidget()
        self.tabs.addTab(self.alerts, self.tr("Alerts"))
        self.tabs.addTab(self.hotlist, self.tr("Hotlist (wanted vehicles)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Alerts")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.alerts(self.ctx.actor), self._show_alerts)
        self.load(lambda: self.ctx.queries.hotlist(self.ctx.actor), self._show_hotlist)

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


class ReviewPage(TablePage):
    key = "review"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(
            ctx,
            [self.tr("Detected"), self.tr("Camera"), self.tr("Violation"), self.tr("Plate"), self.tr("State")],
            self.tr("Search camera, violation or plate…"),
            self.tr("No violation candidates are waiting for review."),
        )

    def title(self) -> str:
        return self.tr("Review (camera fines)")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.candidates(self.ctx.actor), self._show)

    def _show(self, items: list[CandidateRow]) -> None:
        rows = [
            [local_time(c.detected_at), c.camera, label(c.rule_kind), c.plate or "?", label(c.status)] for c in items
        ]
        self.show_rows(rows, [c.id for c in items])


class IncidentsPage(TablePage):
    key = "incidents"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(
            ctx,
            [self.tr("Created"), self.tr("Kind"), self.tr("Priority"), self.tr("State"), self.tr("Place")],
            self.tr("Search incidents…"),
            self.tr("No incidents recorded."),
        )

    def title(self) -> str:
        return self.tr("Incidents")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.incidents(self.ctx.actor), self._show)

    def _show(self, items: list[IncidentRow]) -> None:
        rows = [[local_time(i.created_at), label(i.kind), i.priority, label(i.status), i.place] for i in items]
        self.show_rows(rows, [i.id for i in items])


class PatrolPage(TablePage):
    key = "patrol"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(
            ctx,
            [self.tr("Team"), self.tr("Shift start"), self.tr("Shift end"), self.tr("Route / area"), self.tr("State"),
             self.tr("Revision")],
            self.tr("Search team, route or state…"),
            self.tr("No patrol logs recorded."),
        )  # fmt: skip

    def title(self) -> str:
        return self.tr("Patrol logs")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.patrol_logs(self.ctx.actor), self._show)

    def _show(self, items: list[PatrolLogRow]) -> None:
        rows = [
            [p.unit, local_time(p.shift_start), local_time(p.shift_end), p.route_area, label(p.status), p.revision]
            for p in items
        ]
        self.show_rows(rows, [p.id for p in items])
