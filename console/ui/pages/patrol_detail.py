"""One patrol log: header, GPS route and trace, consistency checks, timeline, review actions."""

from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.services.patrol.checks import (
    FAR_FROM_TRACE,
    GPS_GAP,
    HELD_WITHOUT_VIOLATION,
    INCIDENT_NOT_DISPATCHED,
    MISSING_END,
    NO_TRACE,
    OUTSIDE_SHIFT,
    Check,
)
from console.services.patrol.model import LogView
from console.ui.labels import label, local_time
from console.ui.theme import ERROR, INFO, LIVE, WARNING
from widgets.record_table import RecordTable

from .patrol_entry import EntryForm


def _t(text: str) -> str:
    return QCoreApplication.translate("PatrolDetail", text)


def check_text(c: Check) -> str:
    when = local_time(c.at) if c.at else ""
    words = {
        MISSING_END: _t("The shift has no end time."),
        OUTSIDE_SHIFT: _t("Entry at %1 is outside the shift.").replace("%1", when),
        FAR_FROM_TRACE: _t("Entry at %1 is %2 km from anywhere the unit's GPS went.")
        .replace("%1", when)
        .replace("%2", f"{(c.value or 0) / 1000:.1f}"),
        NO_TRACE: _t("Entries have places, but the unit sent no GPS fix during the shift."),
        HELD_WITHOUT_VIOLATION: _t("Entry at %1: vehicle held without a violation.").replace("%1", when),
        INCIDENT_NOT_DISPATCHED: _t("Entry at %1: incident without a dispatch record for this unit.").replace(
            "%1", when
        ),
        GPS_GAP: _t("No GPS fix for %1 min from %2.").replace("%1", f"{c.value or 0:.0f}").replace("%2", when),
    }
    return words.get(c.code, c.text)


class LogDetail(QWidget):
    submit_requested = Signal(int)
    return_requested = Signal(int, str)
    sign_requested = Signal(int)
    revise_requested = Signal(int)
    entry_added = Signal(int, object)  # log id, EntryInput
    entry_removed = Signal(int, int)  # log id, entry id

    def __init__(self, can_sign: bool) -> None:
        super().__init__()
        self._can_sign = can_sign
        self._log: LogView | None = None
        self.header = QLabel(wordWrap=True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.route = QLabel(wordWrap=True)
        self.checks = QListWidget()
        self.checks.setMaximumHeight(110)
        self.trace = pg.PlotWidget()
        self.trace.setBackground("#161b22")
        self.trace.setAspectLocked(True)
        self.trace.hideAxis("bottom")
        self.trace.hideAxis("left")
        self.trace.setMinimumSize(220, 180)
        self.timeline = RecordTable(
            [_t("Time"), _t("Kind"), _t("Place"), _t("Plate"), _t("Result"), _t("Violation"), _t("Alcohol"),
             _t("Note")],
            _t("Search the timeline…"),
            _t("No entries yet."),
        )  # fmt: skip
        self.form = EntryForm()
        self.submit = QPushButton(_t("Submit for review"))
        self.give_back = QPushButton(_t("Return with comment…"))
        self.sign = QPushButton(_t("Sign off"))
        self.revise = QPushButton(_t("Correct (new revision)"))
        self.remove = QPushButton(_t("Remove selected entry"))
        self.sign.setObjectName("primary")
        buttons = QHBoxLayout()
        for b in (self.submit, self.give_back, self.sign, self.revise, self.remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QHBoxLayout()
        info = QVBoxLayout()
        info.addWidget(self.header)
        info.addWidget(self.route)
        info.addWidget(QLabel(_t("Checks before sign-off")))
        info.addWidget(self.checks)
        info.addStretch(1)
        top.addLayout(info, 3)
        top.addWidget(self.trace, 2)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addLayout(buttons)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.timeline, 1)
        lower_layout.addWidget(self.form)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([300, 500])  # the timeline is what the reviewer reads most
        self.trace.setMaximumHeight(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.submit.clicked.connect(lambda: self._emit(self.submit_requested))
        self.sign.clicked.connect(lambda: self._emit(self.sign_requested))
        self.revise.clicked.connect(lambda: self._emit(self.revise_requested))
        self.give_back.clicked.connect(self._ask_comment)
        self.remove.clicked.connect(self._remove_selected)
        self.form.entry_ready.connect(lambda e: self._log and self.entry_added.emit(self._log.id, e))
        self.show_log(None)

    def _emit(self, signal: SignalInstance) -> None:
        if self._log is not None:
            signal.emit(self._log.id)

    def _remove_selected(self) -> None:
        entry_id = self.timeline.current_key()
        if self._log is not None and entry_id is not None:
            self.entry_removed.emit(self._log.id, int(entry_id))

    def _ask_comment(self) -> None:
        if self._log is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, _t("Return the log"), _t("What must the team correct?"))
        if ok and text.strip():
            self.return_requested.emit(self._log.id, text.strip())

    def show_log(self, log: LogView | None) -> None:
        self._log = log
        editable = log is not None and log.status in ("open", "returned") and log.superseded_by_id is None
        reviewable = log is not None and log.status == "submitted" and self._can_sign
        self.submit.setEnabled(editable)
        self.give_back.setEnabled(reviewable)
        self.sign.setEnabled(reviewable)
        self.revise.setEnabled(log is not None and log.status == "signed" and log.superseded_by_id is None)
        self.form.setEnabled(editable)
        self.remove.setEnabled(editable)
        self.trace.clear()
        self.checks.clear()
        if log is None:
            self.header.setText(_t("Choose a log on the left."))
            self.route.setText("")
            self.timeline.set_rows([], [], [])
            self.form.set_shift(None)
            return
        self.form.set_shift(log.shift_start)
        self.header.setText(self._header_html(log))
        r = log.route
        self.route.setText(
            _t("GPS: %1 km driven, %2 h moving, %3 h stopped, %4 fixes, %5 gap(s).")
            .replace("%1", f"{r.distance_km:.1f}").replace("%2", f"{r.moving_s / 3600:.1f}")
            .replace("%3", f"{r.stopped_s / 3600:.1f}").replace("%4", str(r.fixes)).replace("%5", str(len(r.gaps)))
        )  # fmt: skip
        for c in log.checks:
            item = QListWidgetItem(check_text(c))
            item.setForeground(QColor(ERROR if c.code in (FAR_FROM_TRACE, HELD_WITHOUT_VIOLATION) else WARNING))
            self.checks.addItem(item)
        if not log.checks:
            item = QListWidgetItem(_t("No problems found."))
            item.setForeground(QColor(LIVE))
            self.checks.addItem(item)
        self._draw_trace(log)
        rows, colours = [], []
        for e in log.entries:
            alcohol = ""
            if e.tests_count:
                alcohol = _t("%1 tested").replace("%1", str(e.tests_count))
            if e.reading_mg_l is not None:
                alcohol = f"{e.reading_mg_l:g} mg/l"
            rows.append([local_time(e.at), label(e.kind), e.place, e.plate or "", label(e.result),
                         e.violation_code or "", alcohol, e.note])  # fmt: skip
            colours.append(QColor(WARNING) if e.result in ("violation", "held") else None)
        self.timeline.set_rows(rows, [e.id for e in log.entries], colours)

    def _header_html(self, log: LogView) -> str:
        members = ", ".join(" ".join(x for x in (m.get("rank", ""), m.get("name", "")) if x) for m in log.members)
        status = label(log.status)
        if log.superseded_by_id is not None:
            status += " · " + _t("replaced by log #%1").replace("%1", str(log.superseded_by_id))
        lines = [
            f"<b>{escape(log.unit)}</b> — {escape(log.unit_name)}",
            f"{_t('Shift')}: {local_time(log.shift_start)} → {local_time(log.shift_end) or '—'}",
            f"{_t('Plan')}: {escape(log.plan_ref)} · {_t('Route / area')}: {escape(log.route_area)}",
            f"{_t('Vehicle')}: {escape(log.vehicle)} · {_t('Members')}: {escape(members)}",
            f"{_t('State')}: <b>{escape(status)}</b> · {_t('Revision')} {log.revision} · {label(log.source)}",
        ]
        if log.signed_by:
            lines.append(f"{_t('Signed off by')} {escape(log.signed_by)}, {local_time(log.signed_at)}")
        if log.review_comment:
            lines.append(f"{_t('Review comment')}: <i>{escape(log.review_comment)}</i>")
        return "<br>".join(lines)

    def _draw_trace(self, log: LogView) -> None:
        trace = log.route.trace
        if trace:
            self.trace.plot([p[1] for p in trace], [p[0] for p in trace], pen=pg.mkPen(INFO, width=2))
        far = {c.entry_id for c in log.checks if c.code == FAR_FROM_TRACE}
        pts = [(e.lon, e.lat, e.id in far) for e in log.entries if e.lat is not None and e.lon is not None]
        if pts:
            brushes = [pg.mkBrush(ERROR if bad else LIVE) for _, _, bad in pts]
            self.trace.addItem(pg.ScatterPlotItem([p[0] for p in pts], [p[1] for p in pts], size=8, brush=brushes))
        self.trace.enableAutoRange()
