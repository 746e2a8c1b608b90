"""Patrol logs workspace: review queue and log view, shift reports with charts, checked-vehicle lookup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.services.context import Permission
from console.services.patrol.model import STATUSES, EntryInput, LogRow, LogView
from console.services.patrol.reports import VIETNAM, Report, build_report, report_csv
from console.services.patrol_logs import ImportResult, PatrolLogService
from console.services.queries import UnitRow
from console.ui.labels import label, local_time
from console.ui.patrol_report_pdf import write_report_pdf
from console.ui.plate_lookup import connect_lookup
from widgets.patrol_charts import ReportCharts
from widgets.plate_lookup import PlateLookupPanel
from widgets.record_table import RecordTable

from .base import Page, PageContext
from .patrol_detail import LogDetail
from .patrol_entry import NewLogDialog


def _day_start(day: QDate) -> datetime:
    """Midnight of ``day`` in Vietnam: report periods are whole local days wherever the PC's clock is set."""
    return datetime(day.year(), day.month(), day.day(), tzinfo=VIETNAM)


class PatrolPage(Page):
    key = "patrol"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.logs = PatrolLogService(ctx.services.db, ctx.services.audit)
        self._current: int | None = None
        self._report: Report | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._logs_tab(), self.tr("Logs and review"))
        self.tabs.addTab(self._report_tab(), self.tr("Report"))
        self.lookup = PlateLookupPanel()
        connect_lookup(self.lookup, ctx)
        self.tabs.addTab(self.lookup, self.tr("Vehicle lookup"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def title(self) -> str:
        return self.tr("Patrol logs")

    # ----- logs and review -----------------------------------------------------------------
    def _logs_tab(self) -> QWidget:
        self.status = QComboBox()
        self.status.addItem(self.tr("Review queue (submitted)"), "submitted")
        self.status.addItem(self.tr("All states"), None)
        for s in STATUSES:
            if s != "submitted":
                self.status.addItem(label(s), s)
        self.superseded = QCheckBox(self.tr("Show replaced revisions"))
        self.import_button = QPushButton(self.tr("Import JSON…"))
        self.new_button = QPushButton(self.tr("New log…"))
        self.table = RecordTable(
            [self.tr("Team"), self.tr("Shift start"), self.tr("Shift end"), self.tr("Route / area"), self.tr("State"),
             self.tr("Revision"), self.tr("Entries")],
            self.tr("Search team, route or state…"),
            self.tr("No patrol logs in this state."),
        )  # fmt: skip
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.detail = LogDetail(self.ctx.actor.can(Permission.PATROL_LOG_SIGN))
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.superseded)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        # The button bar asks for more width than the list needs; capped so the page (with the
        # entry form beside it) fits a 1600-px screen.
        left.setMinimumWidth(340)
        # Likewise the entry form's one-line grid: it may be squeezed rather than widen the window.
        self.detail.setMinimumWidth(720)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        self.superseded.toggled.connect(lambda _on: self.refresh())
        self.import_button.clicked.connect(self._import)
        self.new_button.clicked.connect(self._new_log)
        self.table.selected.connect(self._open)
        self.table.activated.connect(self._open)
        d = self.detail
        d.submit_requested.connect(lambda i: self._act(lambda: self.logs.submit(self.ctx.actor, i)))
        d.sign_requested.connect(self._sign)
        d.return_requested.connect(lambda i, c: self._act(lambda: self.logs.return_log(self.ctx.actor, i, c)))
        d.revise_requested.connect(lambda i: self._act(lambda: self.logs.revise(self.ctx.actor, i), follow=True))
        d.entry_added.connect(self._add_entry)
        d.entry_removed.connect(lambda i, e: self._act(lambda: self.logs.remove_entry(self.ctx.actor, i, e)))
        return self._wrap(split)

    @staticmethod
    def _wrap(widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        return box

    def refresh(self) -> None:
        status = self.status.currentData()
        old = self.superseded.isChecked()
        self.load(lambda: self.logs.list_logs(self.ctx.actor, status, include_superseded=old), self._show)
        if self._current is not None:
            self._open(self._current)

    def _show(self, items: list[LogRow]) -> None:
        rows = [
            [p.unit, local_time(p.shift_start), local_time(p.shift_end), p.route_area, label(p.status), p.revision,
             p.entries]
            for p in items
        ]  # fmt: skip
        self.table.set_rows(rows, [p.id for p in items])
        self.summary.setText(self.tr("%n log(s)", "", len(items)))

    def _open(self, log_id: Any) -> None:
        if log_id is None:
            return
        self._current = int(log_id)
        self.load(lambda: self.logs.view(self.ctx.actor, int(log_id)), self._show_log)

    def _show_log(self, view: LogView) -> None:
        if view.id == self._current:
            self.detail.show_log(view)

    def _sign(self, log_id: int) -> None:
        view = self.detail._log
        if view is not None and view.checks:
            answer = QMessageBox.question(
                self, self.tr("Sign off"),
                self.tr("This log has %n finding(s) listed under the checks. Sign it off anyway?", "",
                        len(view.checks)),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._act(lambda: self.logs.sign(self.ctx.actor, log_id))

    def _add_entry(self, log_id: int, entry: EntryInput) -> None:
        def stored(_id: int) -> None:
            self.detail.form.accepted()
            self._open(log_id)

        def refused(error: BaseException) -> None:
            if isinstance(error, ValueError):
                self.detail.form.refused(str(error))
            else:
                self._failed(error)

        self.ctx.bridge.run(lambda: self.logs.add_entry(self.ctx.actor, log_id, entry), stored, refused)

    def _act(self, work: Callable[[], Any], *, follow: bool = False) -> None:
        def done(result: Any) -> None:
            if follow and isinstance(result, int):
                self._current = result
                if self.status.currentData() not in (None, "open"):
                    self.status.setCurrentIndex(self.status.findData(None))
            self.refresh()

        self.load(work, done)

    def _new_log(self) -> None:
        self.load(lambda: self.ctx.queries.units(self.ctx.actor), self._ask_new_log)

    def _ask_new_log(self, units: list[UnitRow]) -> None:
        dialog = NewLogDialog([(u.call_sign, u.name, "") for u in units], self)
        if dialog.exec() != NewLogDialog.DialogCode.Accepted:
            return
        data = dialog.log_input()
        self.status.setCurrentIndex(self.status.findData("open"))
        self._act(lambda: self.logs.create(self.ctx.actor, data), follow=True)

    def _import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import patrol logs"), "", self.tr("Patrol logs (*.json)")
        )
        if not paths:
            return

        def work() -> list[tuple[str, ImportResult | str]]:
            out: list[tuple[str, ImportResult | str]] = []
            for p in paths:
                try:
                    out.append((p, self.logs.import_file(self.ctx.actor, Path(p))))
                except (ValueError, OSError) as exc:
                    out.append((p, str(exc)))
            return out

        self.load(work, self._imported)

    def _imported(self, results: list[tuple[str, ImportResult | str]]) -> None:
        lines = []
        for path, r in results:
            name = Path(path).name
            if isinstance(r, str):
                lines.append(self.tr("%1: rejected, nothing imported — %2").replace("%1", name).replace("%2", r))
            elif r.created:
                lines.append(self.tr("%1: imported as log #%2").replace("%1", name).replace("%2", str(r.log_id)))
            else:
                lines.append(
                    self.tr("%1: already imported as log #%2").replace("%1", name).replace("%2", str(r.log_id))
                )
        QMessageBox.information(self, self.tr("Import patrol logs"), "\n".join(lines))
        self.refresh()

    # ----- report --------------------------------------------------------------------------
    def _report_tab(self) -> QWidget:
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-6))
        self.until = QDateEdit(today)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.team = QLineEdit(placeholderText=self.tr("Teams (call signs, comma-separated; empty: all)"))
        self.route_filter = QLineEdit(placeholderText=self.tr("Route contains…"))
        self.signed_only = QCheckBox(self.tr("Signed-off logs only"))
        self.show_report = QPushButton(self.tr("Show"))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.charts = ReportCharts()
        self.totals = RecordTable(
            self._report_headers(), self.tr("Filter teams…"), self.tr("No shifts in this period.")
        )
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("From")), self.since, QLabel(self.tr("to")), self.until, self.team, self.route_filter,
                  self.signed_only, self.show_report, self.csv_button, self.pdf_button):  # fmt: skip
            bar.addWidget(w)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.charts)
        split.addWidget(self.totals)
        split.setStretchFactor(0, 3)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.show_report.clicked.connect(self.refresh_report)
        self.csv_button.clicked.connect(self._export_csv)
        self.pdf_button.clicked.connect(self._export_pdf)
        return box

    def _report_headers(self) -> list[str]:
        return [self.tr("Team"), self.tr("Shifts"), self.tr("Km (GPS)"), self.tr("Vehicles checked"),
                self.tr("Violations"), self.tr("Held"), self.tr("Alcohol tests"), self.tr("Positive"),
                self.tr("Incidents")]  # fmt: skip

    def refresh_report(self) -> None:
        since = _day_start(self.since.date())
        until = _day_start(self.until.date()) + timedelta(days=1)
        units = tuple(u.strip() for u in self.team.text().split(",") if u.strip())
        route, signed = self.route_filter.text(), self.signed_only.isChecked()
        self.load(
            lambda: build_report(self.ctx.services.db, self.ctx.actor, since, until, units=units, route=route,
                                 signed_only=signed),
            self._show_report,
        )  # fmt: skip

    def _table_rows(self, report: Report) -> list[list[str]]:
        rows = []
        for t in [*report.teams, report.total]:
            rows.append([t.unit or self.tr("Total"), str(t.shifts), f"{t.km:.1f}", str(t.vehicles_checked),
                         str(t.violations), str(t.held), str(t.alcohol_tests), str(t.alcohol_positive),
                         str(t.incidents)])  # fmt: skip
        return rows

    def _show_report(self, report: Report) -> None:
        self._report = report
        teams = [t.unit for t in report.teams]
        days = sorted(report.daily_km)
        self.charts.set_data(
            teams, [t.km for t in report.teams], [t.vehicles_checked for t in report.teams],
            [t.violations for t in report.teams], list(report.by_rule.items()),
            [(d.strftime("%d/%m"), report.daily_km[d]) for d in days],
        )  # fmt: skip
        self.totals.set_rows(self._table_rows(report))

    def _export_csv(self) -> None:
        if self._report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export CSV"), "patrol_report.csv", "CSV (*.csv)")
        if path:
            Path(path).write_text(report_csv(self._report), encoding="utf-8-sig")

    def _export_pdf(self) -> None:
        if self._report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), "patrol_report.pdf", "PDF (*.pdf)")
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> None:
        assert self._report is not None
        r = self._report
        period = (
            f"{r.since.astimezone(VIETNAM):%d/%m/%Y} – {(r.until - timedelta(days=1)).astimezone(VIETNAM):%d/%m/%Y}"
        )
        write_report_pdf(path, self.tr("Patrol shift report"), period, self._report_headers(), self._table_rows(r),
                         self.charts.images())  # fmt: skip

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._report is None:
            self.refresh_report()
