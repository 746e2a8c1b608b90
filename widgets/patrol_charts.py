"""Shift-report charts (pyqtgraph): km per team, checks and violations per team, violations by rule, km per day."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGridLayout, QWidget

_KM = "#58a6ff"
_CHECKS = "#3fb950"
_VIOLATIONS = "#f0b429"
_RULES = "#ff6b5e"


def _plot(title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(title=title)
    plot.setBackground("#161b22")
    plot.showGrid(x=False, y=True, alpha=0.2)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.setMinimumHeight(180)
    return plot


def _ticks(plot: pg.PlotWidget, names: Sequence[str], axis: str = "bottom") -> None:
    plot.getAxis(axis).setTicks([[(i, name) for i, name in enumerate(names)]])


class ReportCharts(QWidget):
    """Four charts; ``set_data`` replaces everything they show."""

    def __init__(self) -> None:
        super().__init__()
        self.km = _plot(self.tr("Km patrolled (GPS) per team"))
        self.checks = _plot(self.tr("Vehicles checked and violations per team"))
        self.rules = _plot(self.tr("Violations by rule"))
        self.daily = _plot(self.tr("Km patrolled per day"))
        self.checks.addLegend(offset=(-10, 10))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, plot in enumerate((self.km, self.checks, self.rules, self.daily)):
            grid.addWidget(plot, i // 2, i % 2)

    def set_data(
        self,
        teams: Sequence[str],
        km: Sequence[float],
        checks: Sequence[int],
        violations: Sequence[int],
        rules: Sequence[tuple[str, int]],
        days: Sequence[tuple[str, float]],
    ) -> None:
        for plot in (self.km, self.checks, self.rules, self.daily):
            plot.clear()
        xs = list(range(len(teams)))
        self.km.addItem(pg.BarGraphItem(x=xs, height=list(km), width=0.6, brush=_KM))
        _ticks(self.km, teams)
        left = [x - 0.2 for x in xs]
        right = [x + 0.2 for x in xs]
        self.checks.addItem(pg.BarGraphItem(x=left, height=list(checks), width=0.38, brush=_CHECKS,
                                            name=self.tr("checked")))  # fmt: skip
        self.checks.addItem(pg.BarGraphItem(x=right, height=list(violations), width=0.38, brush=_VIOLATIONS,
                                            name=self.tr("violations")))  # fmt: skip
        _ticks(self.checks, teams)
        ys = list(range(len(rules)))
        self.rules.addItem(pg.BarGraphItem(x0=0, y=ys, width=[n for _, n in rules], height=0.6, brush=_RULES))
        _ticks(self.rules, [name for name, _ in rules], "left")
        self.rules.getViewBox().invertY(True)
        dx = list(range(len(days)))
        self.daily.plot(dx, [v for _, v in days], pen=pg.mkPen(_KM, width=2), symbol="o", symbolBrush=_KM)
        _ticks(self.daily, [d for d, _ in days])
        for plot in (self.km, self.checks, self.rules, self.daily):
            plot.enableAutoRange()
        # Bars and distances read wrongly without their zero.
        self.daily.setYRange(0, max([v for _, v in days], default=1) * 1.1)

    def images(self) -> list[QImage]:
        """The charts as pictures, for the PDF export."""
        return [p.grab().toImage() for p in (self.km, self.checks, self.rules, self.daily)]
