"""Incident side panels: a form to open an incident, and the dispatch panel of one incident.

View data in, intent signals out (``create_requested``, ``dispatch_requested``,
``incident_status_requested``); the page does the work. ``label`` turns stored codes into the
operator's words (console/ui/labels.py), handed in so widgets stay free of the shell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.services.dispatch import INCIDENT_KINDS, INCIDENT_MOVES, UNIT_STATES, IncidentDetail
from maps.ranking import Suggestion

Label = Callable[[str], str]
# Codes the service writes into timeline notes (unit state changes, team reports).
_CODES = re.compile(r"\b(" + "|".join((*UNIT_STATES, "team_report")) + r")\b")


class IncidentForm(QGroupBox):
    """Type, priority, location, place and description of a new incident."""

    create_requested = Signal(dict)
    cancelled = Signal()

    def __init__(self, label: Label, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("New incident"))
        self.kind = QComboBox()
        for code in INCIDENT_KINDS:
            self.kind.addItem(label(code), code)
        self.priority = QComboBox()
        for p, text in ((1, self.tr("1 – urgent")), (2, self.tr("2 – high")), (3, self.tr("3 – normal"))):
            self.priority.addItem(text, p)
        self.priority.setCurrentIndex(1)
        self.lat = QDoubleSpinBox()
        self.lon = QDoubleSpinBox()
        for box, limit in ((self.lat, 90.0), (self.lon, 180.0)):
            box.setDecimals(5)
            box.setRange(-limit, limit)
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Km, road, direction or address"))
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(60)
        self.source = "manual"
        form = QFormLayout()
        form.addRow(self.tr("Type"), self.kind)
        form.addRow(self.tr("Priority"), self.priority)
        form.addRow(self.tr("Latitude"), self.lat)
        form.addRow(self.tr("Longitude"), self.lon)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Description"), self.description)
        create = QPushButton(self.tr("Create incident"))
        create.setProperty("primary", True)
        create.clicked.connect(self._create)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(create)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.create_button = create

    def start(self, lat: float, lon: float, source: str = "manual", place: str = "") -> None:
        self.lat.setValue(lat)
        self.lon.setValue(lon)
        self.source = source
        self.place.setText(place)
        self.description.clear()
        self.show()
        self.place.setFocus()

    def _create(self) -> None:
        self.create_requested.emit(
            {
                "kind": self.kind.currentData(),
                "priority": int(self.priority.currentData()),
                "lat": self.lat.value(),
                "lon": self.lon.value(),
                "place": self.place.text(),
                "description": self.description.toPlainText(),
                "source": self.source,
            }
        )


class DispatchPanel(QGroupBox):
    """One incident: state, suggested teams (dispatch), state buttons and the timeline."""

    dispatch_requested = Signal(int, int)  # incident id, unit id
    incident_status_requested = Signal(int, str)
    closed = Signal()

    def __init__(self, label: Label, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.incident: IncidentDetail | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestions = QTableWidget(0, 4)
        self.suggestions.setHorizontalHeaderLabels([self.tr("Team"), self.tr("Distance"), self.tr("ETA"), ""])
        self.suggestions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.suggestions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.suggestions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestions.verticalHeader().hide()
        self.suggestions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.suggestions.setMaximumHeight(170)
        self.suggestions.doubleClicked.connect(lambda _i: self._dispatch())
        self.dispatch_button = QPushButton(self.tr("Dispatch selected team"))
        self.dispatch_button.setProperty("primary", True)
        self.dispatch_button.clicked.connect(self._dispatch)
        self.state_buttons: dict[str, QPushButton] = {}
        states = QHBoxLayout()
        for code, text in (("on_scene", self.tr("On scene")), ("resolved", self.tr("Resolve")),
                           ("cancelled", self.tr("Cancel incident"))):  # fmt: skip
            b = QPushButton(text)
            if code == "cancelled":
                b.setProperty("danger", True)
            b.clicked.connect(lambda _c=False, s=code: self._status(s))
            self.state_buttons[code] = b
            states.addWidget(b)
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        close = QPushButton(self.tr("Close panel"))
        close.clicked.connect(self.closed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(QLabel(self.tr("Suggested teams (available only; nearest first)")))
        layout.addWidget(self.suggestions)
        layout.addWidget(self.dispatch_button)
        layout.addLayout(states)
        layout.addWidget(QLabel(self.tr("Timeline")))
        layout.addWidget(self.timeline, 1)
        layout.addWidget(close)
        self._unit_ids: list[int] = []

    def show_incident(self, detail: IncidentDetail) -> None:
        self.incident = detail
        self.setTitle(self.tr("Incident #%1").replace("%1", str(detail.id)))
        units = ", ".join(f"{cs} ({self.label(st)})" for _u, cs, st in detail.units) or "—"
        self.heading.setText(
            f"{self.label(detail.kind)} · P{detail.priority} · {self.label(detail.status)}\n"
            f"{detail.place or f'{detail.lat:.5f}, {detail.lon:.5f}'}\n"
            + (f"{detail.description}\n" if detail.description else "")
            + self.tr("Teams: %1").replace("%1", units)
        )
        moves = INCIDENT_MOVES.get(detail.status, frozenset())
        for code, button in self.state_buttons.items():
            button.setEnabled(code in moves)
        open_ = detail.status not in ("resolved", "cancelled")
        self.dispatch_button.setEnabled(open_ and bool(self._unit_ids))
        self.timeline.clear()
        for row in detail.timeline:
            change = ""
            if row.to_status:
                before = f"{self.label(row.from_status)} → " if row.from_status else ""
                change = before + self.label(row.to_status)
            who = " · ".join(x for x in (row.actor, row.unit) if x)
            note = _CODES.sub(lambda m: self.label(m.group(0)), row.note)
            text = "  ".join(x for x in (_clock(row.at), change, who, note) if x)
            self.timeline.addItem(text)
        self.timeline.scrollToBottom()
        self.show()

    def show_suggestions(self, items: Sequence[Suggestion]) -> None:
        self.suggestions.setRowCount(len(items))
        self._unit_ids = [s.unit_id for s in items]
        for r, s in enumerate(items):
            eta = f"{s.eta_s / 60:.0f} min" if s.eta_s is not None else "—"
            mark = self.tr("stale fix") if s.stale else ""
            for c, value in enumerate((s.call_sign, f"{s.distance_m / 1000:.1f} km", eta, mark)):
                self.suggestions.setItem(r, c, QTableWidgetItem(value))
        if items:
            self.suggestions.selectRow(0)
        open_ = self.incident is not None and self.incident.status not in ("resolved", "cancelled")
        self.dispatch_button.setEnabled(open_ and bool(items))

    def selected_unit(self) -> int | None:
        row = self.suggestions.currentRow()
        return self._unit_ids[row] if 0 <= row < len(self._unit_ids) else None

    def _dispatch(self) -> None:
        unit = self.selected_unit()
        if self.incident is not None and unit is not None:
            self.dispatch_requested.emit(self.incident.id, unit)

    def _status(self, status: str) -> None:
        if self.incident is not None:
            self.incident_status_requested.emit(self.incident.id, status)


def _clock(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M:%S") if at.tzinfo else at.replace(tzinfo=UTC).astimezone().strftime("%H:%M")
