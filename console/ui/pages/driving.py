"""Thời gian lái xe: commercial drivers near or over the art. 64 limits, and a timeline per driver."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from console.services.driving.queries import DriverRow, DrivingQueries, PeriodRow
from console.services.driving.rules import default_rules
from console.storage.models import utcnow
from console.ui.labels import local_time
from console.ui.theme import ERROR, WARNING
from widgets.driving_timeline import DrivingTimeline
from widgets.record_table import RecordTable

from .base import Page, PageContext


def duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


class DrivingTimePage(Page):
    key = "driving"
    live_kinds = frozenset({"alert"})  # a driving-time alert means a driver's level changed

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self.queries = DrivingQueries(ctx.services.db)
        rules = default_rules()
        self.table = RecordTable(
            [self.tr("State"), self.tr("Driver"), self.tr("Licence"), self.tr("Plate"), self.tr("Company"),
             self.tr("Continuous"), self.tr("Today"), self.tr("This week"), self.tr("Last fix")],
            self.tr("Search driver, plate or company…"),
            self.tr("No driver is near a driving-time limit."),
        )  # fmt: skip
        self.table.selected.connect(self._driver_selected)
        self.rule = QLabel(
            self.tr("Limits (%1): %2 h continuous, %3 h a day, %4 h a week; a stop of %5 min or more is rest.")
            .replace("%1", rules.short_ref).replace("%2", f"{rules.continuous_s / 3600:g}")
            .replace("%3", f"{rules.day_s / 3600:g}").replace("%4", f"{rules.week_s / 3600:g}")
            .replace("%5", f"{rules.rest_min_s / 60:g}")
        )  # fmt: skip
        self.day_button = QPushButton(self.tr("Last 24 hours"))
        self.week_button = QPushButton(self.tr("Last 7 days"))
        group = QButtonGroup(self)
        for button in (self.day_button, self.week_button):
            button.setCheckable(True)
            group.addButton(button)
        self.day_button.setChecked(True)
        for button, keys in ((self.day_button, "Alt+1"), (self.week_button, "Alt+7")):
            button.setToolTip(keys)
            QShortcut(QKeySequence(keys), self, button.click)
        group.buttonClicked.connect(lambda _b: self._load_timeline())
        self.timeline = DrivingTimeline()
        bar = QHBoxLayout()
        bar.addWidget(self.rule, 1)
        bar.addWidget(self.day_button)
        bar.addWidget(self.week_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(bar)
        lower_layout.addWidget(self.timeline)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([400, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.rows: list[DriverRow] = []
        self.driver_id: int | None = None
        # Clocks move with every fix but only a crossed limit is announced: re-read while in front.
        self.ticker = QTimer(self)
        self.ticker.setInterval(30_000)
        self.ticker.timeout.connect(lambda: self.refresh() if self.isVisible() else None)
        self.ticker.start()

    def title(self) -> str:
        return self.tr("Driving time")

    def refresh(self) -> None:
        self.load(lambda: self.queries.watch_list(self.ctx.actor), self._show)
        self._load_timeline()

    def _show(self, rows: list[DriverRow]) -> None:
        self.rows = rows
        levels = {"exceeded": self.tr("Over limit"), "approaching": self.tr("Near limit")}
        self.table.set_rows(
            [[levels.get(r.level, r.level), r.name, r.licence, r.plate, r.company, duration(r.continuous_s),
              duration(r.day_s), duration(r.week_s), local_time(r.last_fix_at)] for r in rows],
            [r.driver_id for r in rows],
            [QColor(ERROR if r.level == "exceeded" else WARNING) for r in rows],
        )  # fmt: skip
        if self.driver_id is None and rows:
            self.table.view.selectRow(0)

    def _driver_selected(self, driver_id: object) -> None:
        self.driver_id = driver_id if isinstance(driver_id, int) else None
        self._load_timeline()

    def _window(self) -> tuple[datetime, datetime]:
        now = utcnow()
        return now - (timedelta(days=7) if self.week_button.isChecked() else timedelta(hours=24)), now

    def _load_timeline(self) -> None:
        driver_id = self.driver_id
        if driver_id is None:
            return
        since, _ = self._window()
        self.load(lambda: self.queries.timeline(self.ctx.actor, driver_id, since), self._show_timeline)

    def _show_timeline(self, periods: list[PeriodRow]) -> None:
        since, until = self._window()
        row = next((r for r in self.rows if r.driver_id == self.driver_id), None)
        title = f"{row.name} — {row.plate}" if row else ""
        self.timeline.show_periods([(p.kind, p.start, p.end) for p in periods], since, until, title)
