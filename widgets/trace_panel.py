"""The map's plate-trace panel: a search box, the plates a pattern matches, the sightings, the intercept.

Pure view: it shows Trace and InterceptPlan values and raises intents; the map page runs the
services. Enter in the box runs the trace; Enter or a double click on a matched plate traces it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.services.intercept import InterceptError, InterceptPlan
from console.services.plate_pattern import PlateQueryError
from console.services.trace import Sighting, Trace

WINDOWS_H = (6, 24, 72, 168)
BAD = QColor("#ef9a9a")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table


class TracePanel(QGroupBox):
    trace_requested = Signal(str, int)  # text, window in hours
    cleared = Signal()
    intercept_requested = Signal()
    intercept_dispatch_requested = Signal(int)  # unit id

    def __init__(self, clock: Callable[[Sighting], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Plate trace"))
        self.clock = clock
        self.box = QLineEdit(placeholderText=self.tr("Plate or pattern: 30A-123.45, 51F*, 30A-12?.??"),
                             clearButtonEnabled=True)  # fmt: skip
        self.box.returnPressed.connect(self._run)
        self.span = QComboBox()
        for h in WINDOWS_H:
            self.span.addItem(self.tr("last %1 h").replace("%1", str(h)), h)
        self.span.setCurrentIndex(WINDOWS_H.index(24))
        self.run_button = QPushButton(self.tr("Trace"))
        self.run_button.clicked.connect(self._run)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        # The box has the panel's whole width: beside the window and the buttons it showed only "30".
        row = QHBoxLayout()
        row.addWidget(self.span, 1)
        row.addWidget(self.run_button)
        row.addWidget(self.clear_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(150)
        self.matches.itemActivated.connect(self._pick)
        self.sightings = _table([self.tr("#"), self.tr("Time"), self.tr("Camera"), self.tr("Speed")])
        header = self.sightings.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.sightings.setMaximumHeight(190)
        self.intercept_button = QPushButton(self.tr("Dispatch to intercept…"))
        self.intercept_button.setProperty("primary", True)
        self.intercept_button.clicked.connect(self.intercept_requested)
        self.plan_text = QLabel()
        self.plan_text.setWordWrap(True)
        self.plan_text.setTextFormat(Qt.TextFormat.PlainText)
        self.teams = _table([self.tr("Team"), self.tr("Km"), self.tr("ETA")])
        self.teams.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.teams.setMaximumHeight(130)
        self.teams.doubleClicked.connect(lambda _i: self._dispatch())
        self.dispatch_button = QPushButton(self.tr("Dispatch selected team to intercept"))
        self.dispatch_button.clicked.connect(self._dispatch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addLayout(row)
        layout.addWidget(self.message)
        for w in (self.matches, self.sightings, self.intercept_button, self.plan_text, self.teams,
                  self.dispatch_button):  # fmt: skip
            layout.addWidget(w)
        self.trace: Trace | None = None
        self.plan: InterceptPlan | None = None
        self._unit_ids: list[int] = []
        self._show_parts()

    def _show_parts(self) -> None:
        t = self.trace
        self.matches.setVisible(t is not None and bool(t.matches))
        self.sightings.setVisible(t is not None and bool(t.sightings))
        self.intercept_button.setVisible(t is not None and len(t.sightings) > 1)
        for w in (self.plan_text, self.teams, self.dispatch_button):
            w.setVisible(self.plan is not None)
        self.dispatch_button.setEnabled(bool(self._unit_ids))

    def window_hours(self) -> int:
        return int(self.span.currentData())

    def search(self, text: str) -> None:
        """Put ``text`` in the box and run it (the Alerts and Review pages' trace action)."""
        self.box.setText(text)
        self.box.setCursorPosition(0)  # the plate's start is what the operator reads
        self._run()

    def _run(self) -> None:
        text = self.box.text().strip()
        if text:
            self.message.setText(self.tr("Searching…"))
            self.trace_requested.emit(text, self.window_hours())

    def _pick(self, item: QListWidgetItem) -> None:
        self.search(str(item.data(Qt.ItemDataRole.UserRole)))

    def clear(self) -> None:
        self.trace, self.plan, self._unit_ids = None, None, []
        self.message.clear()
        self.matches.clear()
        self.sightings.setRowCount(0)
        self._show_parts()
        self.cleared.emit()

    def show_query_error(self, error: PlateQueryError) -> None:
        texts = {
            "empty": self.tr("Type a plate (30A-123.45) or a pattern with * or ? (51F*, 30A-12?.??)."),
            "not_plate": self.tr("«%1» is not a Vietnamese plate such as 30A-123.45; for part of a plate use * or ?"
                                 " (30A-123*)."),
            "bad_chars": self.tr("«%1»: a plate pattern has only letters, digits, * and ?."),
            "too_short": self.tr("«%1»: give at least 3 letters or digits of the plate."),
            "no_shape": self.tr("«%1» cannot match any Vietnamese plate (e.g. 30A-12?.?? or 51F*)."),
        }  # fmt: skip
        self.message.setText(texts.get(error.code, str(error)).replace("%1", error.typed))

    def show_intercept_error(self, error: InterceptError) -> None:
        texts = {
            "no_km": self.tr("No sighting on a route with km markers: the road cannot be inferred."),
            "one_km": self.tr("Seen at only one km of %1: the direction of travel is not known yet."),
            "short_route": self.tr("%1 has fewer than two km markers."),
        }
        self.message.setText(texts.get(error.code, str(error)).replace("%1", error.route))

    def show_trace(self, trace: Trace) -> None:
        self.trace, self.plan, self._unit_ids = trace, None, []
        self.matches.clear()
        self.sightings.setRowCount(0)
        more = self.tr(" (more not shown)") if trace.truncated else ""
        if trace.query.exact:
            bad = sum(s.implausible for s in trace.sightings)
            text = self.tr("%1: %2 sightings").replace("%1", trace.query.plate or "").replace(
                "%2", str(len(trace.sightings)))  # fmt: skip
            if bad:
                text += self.tr("; %1 impossible legs (likely misreads) in grey").replace("%1", str(bad))
            self.message.setText(text + more)
            self._fill_sightings(trace.sightings)
        elif trace.matches:
            self.message.setText(self.tr("%1 plates match; pick one").replace("%1", str(len(trace.matches))) + more)
            for m in trace.matches:
                item = QListWidgetItem(self.tr("%1 — %2 reads").replace("%1", m.plate).replace("%2", str(m.reads)))
                item.setData(Qt.ItemDataRole.UserRole, m.plate)
                self.matches.addItem(item)
            self.matches.setCurrentRow(0)
        else:
            self.message.setText(self.tr("No camera read this in the chosen time window."))
        self._show_parts()

    def _fill_sightings(self, sightings: list[Sighting]) -> None:
        self.sightings.setRowCount(len(sightings))
        for r, s in enumerate(sightings):
            place = f"{s.camera_code} · {s.route}" + (f" km {s.km:g}" if s.km is not None else "")
            speed = "—" if s.speed_kmh is None else f"{s.speed_kmh:.0f} km/h"
            if s.implausible:
                speed = self.tr("%1 (misread?)").replace("%1", speed)
            for c, value in enumerate((str(r + 1), self.clock(s), place, speed)):
                item = QTableWidgetItem(value)
                if s.implausible:
                    item.setForeground(BAD)
                self.sightings.setItem(r, c, item)
        self.sightings.scrollToBottom()

    def show_plan(self, plan: InterceptPlan) -> None:
        self.plan = plan
        h = plan.heading
        towards = self.tr("km increasing") if h.sign > 0 else self.tr("km decreasing")
        speed = f"{h.speed_kmh:.0f} km/h" if h.speed_kmh else "?"
        lines = [
            self.tr("%1 on %2, %3 (%4), %5").replace("%1", h.plate).replace("%2", h.route)
            .replace("%3", h.direction or towards).replace("%4", towards).replace("%5", speed),
            self.tr("Meeting point: %1 km %2").replace("%1", h.route).replace("%2", f"{plan.ahead_km:.1f}")
            + (self.tr(", vehicle there in about %1 min").replace("%1", f"{plan.vehicle_eta_s / 60:.0f}")
               if plan.vehicle_eta_s is not None else ""),
        ]  # fmt: skip
        if not plan.teams:
            lines.append(self.tr("No available team ahead of the vehicle on this road."))
        if plan.behind:
            lines.append(self.tr("%1 available teams are behind it (not suggested).").replace("%1", str(plan.behind)))
        self.plan_text.setText("\n".join(lines))
        self._unit_ids = [t.unit_id for t in plan.teams]
        self.teams.setRowCount(len(plan.teams))
        for r, t in enumerate(plan.teams):
            km = plan.team_km.get(t.unit_id)
            eta = self.tr("%1 min").replace("%1", f"{t.eta_s / 60:.0f}") if t.eta_s is not None else "—"
            if t.stale:
                eta += " · " + self.tr("stale fix")
            for c, value in enumerate((t.call_sign, f"{km:.1f}" if km is not None else "—", eta)):
                self.teams.setItem(r, c, QTableWidgetItem(value))
        if plan.teams:
            self.teams.selectRow(0)
        self._show_parts()

    def intercept_label(self, plan: InterceptPlan) -> str:
        return self.tr("Intercept: %1 km %2").replace("%1", plan.heading.route).replace("%2", f"{plan.ahead_km:.1f}")

    def show_dispatched(self, call_sign: str, incident_id: int) -> None:
        self.message.setText(
            self.tr("%1 dispatched to intercept (incident #%2)")
            .replace("%1", call_sign)
            .replace("%2", str(incident_id))
        )

    def _dispatch(self) -> None:
        row = self.teams.currentRow()
        if self.plan is not None and 0 <= row < len(self._unit_ids):
            self.intercept_dispatch_requested.emit(self._unit_ids[row])
