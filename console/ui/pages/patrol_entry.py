"""The station's entry form: one line per timeline entry, typed without leaving the keyboard.

Tab moves through the fields, Enter in any text field adds the entry and puts the cursor back on
the plate (the field typed most). The plate is checked against the plate grammar as it is typed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from console.services.patrol.model import KINDS, RESULTS, VEHICLE_CLASSES, EntryInput, LogInput
from console.services.patrol.violations import codes
from console.ui.labels import label
from console.ui.theme import ERROR, LIVE
from inference.plates.grammar import parse_plate


class EntryForm(QWidget):
    entry_ready = Signal(object)  # EntryInput

    def __init__(self) -> None:
        super().__init__()
        self._shift_start: datetime | None = None
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(label(k), k)
        self.kind.setCurrentIndex(KINDS.index("vehicle_check"))
        self.place = QLineEdit(placeholderText=self.tr("Place / km"))
        self.plate = QLineEdit(placeholderText=self.tr("Plate"))
        self.plate_hint = QLabel()
        self.vclass = QComboBox()
        self.vclass.addItem("—", None)
        for c in VEHICLE_CLASSES:
            self.vclass.addItem(label(c), c)
        self.result = QComboBox()
        self.result.addItem("—", None)
        for r in RESULTS:
            self.result.addItem(label(r), r)
        self.violation = QComboBox()
        self.violation.addItem("—", None)
        for code, v in codes().items():
            self.violation.addItem(f"{code} – {v.name_vi}", code)
        # Rule names are long; sized to them the form would not fit a 1600-px control-room screen.
        self.violation.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.violation.setMinimumContentsLength(24)
        self.violation.view().setMinimumWidth(640)
        self.count = QSpinBox(minimum=0, maximum=10000)
        self.count.setSpecialValueText("—")
        self.reading = QDoubleSpinBox(minimum=0, maximum=5, decimals=3, singleStep=0.01, suffix=" mg/l")
        self.incident = QSpinBox(minimum=0, maximum=10_000_000, prefix="#")
        self.incident.setSpecialValueText("—")
        self.note = QLineEdit(placeholderText=self.tr("Note"))
        self.add = QPushButton(self.tr("Add entry"))
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("errorText")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells: list[tuple[str, QWidget]] = [
            (self.tr("Time"), self.time), (self.tr("Kind"), self.kind), (self.tr("Plate"), self.plate),
            (self.tr("Class"), self.vclass), (self.tr("Result"), self.result), (self.tr("Violation"), self.violation),
            (self.tr("Place"), self.place), (self.tr("Tested"), self.count), (self.tr("Reading"), self.reading),
            (self.tr("Incident"), self.incident), (self.tr("Note"), self.note),
        ]  # fmt: skip
        for i, (name, widget) in enumerate(cells):
            row, col = divmod(i, 6)
            grid.addWidget(QLabel(name), row * 2, col)
            grid.addWidget(widget, row * 2 + 1, col)
        grid.addWidget(self.add, 3, 5)
        grid.addWidget(self.plate_hint, 4, 0, 1, 3)
        grid.addWidget(self.message, 4, 3, 1, 3)
        self.plate.textChanged.connect(self._check_plate)
        for line in (self.place, self.plate, self.note):
            line.returnPressed.connect(self._submit)
        self.add.clicked.connect(self._submit)

    def set_shift(self, start: datetime | None) -> None:
        self._shift_start = start
        if start is not None:
            local = start.astimezone()
            self.time.setTime(QTime(local.hour, local.minute))

    def _check_plate(self, text: str) -> None:
        if not text.strip():
            self.plate_hint.setText("")
            return
        plate = parse_plate(text)
        if plate is None:
            self.plate_hint.setText(f"<span style='color:{ERROR}'>{self.tr('not a valid plate')}</span>")
        else:
            self.plate_hint.setText(f"<span style='color:{LIVE}'>{plate.text} · {plate.province_name}</span>")

    def _submit(self) -> None:
        if self._shift_start is None:
            return
        start = self._shift_start.astimezone()
        t = self.time.time()
        at = start.replace(hour=t.hour(), minute=t.minute(), second=0, microsecond=0)
        if at < start - timedelta(hours=1):
            at += timedelta(days=1)  # a night shift past midnight
        reading = self.reading.value() or None
        entry = EntryInput(
            at=at, kind=str(self.kind.currentData()), place=self.place.text(), plate=self.plate.text() or None,
            vehicle_class=self.vclass.currentData(), result=self.result.currentData(),
            violation_code=self.violation.currentData(), tests_count=self.count.value() or None,
            reading_mg_l=reading, incident_id=self.incident.value() or None, note=self.note.text(),
        )  # fmt: skip
        self.message.setText("")
        self.entry_ready.emit(entry)

    def accepted(self) -> None:
        """The last entry was stored: clear the per-vehicle fields, keep time, kind and place."""
        for line in (self.plate, self.note):
            line.clear()
        self.result.setCurrentIndex(0)
        self.violation.setCurrentIndex(0)
        self.reading.setValue(0)
        self.plate.setFocus()

    def refused(self, reason: str) -> None:
        self.message.setText(reason)


class NewLogDialog(QDialog):
    """Header of a log typed at the station: team, shift, plan, route, vehicle (entries follow in the form)."""

    def __init__(self, units: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New patrol log"))
        self.unit = QComboBox()
        self._vehicles: dict[str, str] = {}
        for call_sign, name, vehicle in units:
            self.unit.addItem(f"{call_sign} – {name}", call_sign)
            self._vehicles[call_sign] = vehicle
        now = QDateTime.currentDateTime()
        self.start = QDateTimeEdit(now.addSecs(-4 * 3600))
        self.end = QDateTimeEdit(now)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setCalendarPopup(True)
        self.no_end = QCheckBox(self.tr("Shift still running (no end yet)"))
        self.plan = QLineEdit(placeholderText="125/KH-CT6")
        self.route = QLineEdit()
        self.vehicle = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Team"), self.unit)
        form.addRow(self.tr("Shift start"), self.start)
        form.addRow(self.tr("Shift end"), self.end)
        form.addRow("", self.no_end)
        form.addRow(self.tr("Plan reference"), self.plan)
        form.addRow(self.tr("Route / area"), self.route)
        form.addRow(self.tr("Vehicle"), self.vehicle)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.unit.currentIndexChanged.connect(lambda _i: self.vehicle.setText(self._vehicles.get(self.call_sign(), "")))
        self.no_end.toggled.connect(lambda on: self.end.setEnabled(not on))
        self.vehicle.setText(self._vehicles.get(self.call_sign(), ""))

    def call_sign(self) -> str:
        return str(self.unit.currentData() or "")

    def log_input(self) -> LogInput:
        start = datetime.fromtimestamp(self.start.dateTime().toSecsSinceEpoch(), UTC)
        end = None if self.no_end.isChecked() else datetime.fromtimestamp(self.end.dateTime().toSecsSinceEpoch(), UTC)
        return LogInput(
            unit=self.call_sign(), shift_start=start, shift_end=end, plan_ref=self.plan.text().strip(),
            route_area=self.route.text().strip(), vehicle=self.vehicle.text().strip(),
        )  # fmt: skip
