"""One driver's driving and rest periods as bars on a time axis (pyqtgraph), Vietnam time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

DRIVING_COLOUR = "#f0b429"
REST_COLOUR = "#3fb950"
LIMIT_COLOUR = "#ff6b5e"
VIETNAM_UTC_OFFSET_S = -7 * 3600  # pyqtgraph counts the offset west of UTC, as time.timezone does


class DrivingTimeline(QWidget):
    """``show_periods`` replaces the bars; rows: driving above, rest below."""

    def __init__(self) -> None:
        super().__init__()
        self.axis = pg.DateAxisItem(orientation="bottom", utcOffset=VIETNAM_UTC_OFFSET_S)
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setBackground("#161b22")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.hideButtons()
        self.plot.setMinimumHeight(200)
        self.plot.getAxis("left").setTicks([[(1, self.tr("Driving")), (0, self.tr("Rest"))]])
        self.plot.setYRange(-0.6, 1.6)
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.bars: list[pg.BarGraphItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_periods(self, periods: Sequence[tuple[str, datetime, datetime]], since: datetime, until: datetime,
                     title: str = "") -> None:  # fmt: skip
        self.plot.clear()
        self.bars = []
        self.plot.setTitle(title)
        for kind, y, colour in (("driving", 1, DRIVING_COLOUR), ("rest", 0, REST_COLOUR)):
            spans = [(max(s, since).timestamp(), e.timestamp()) for k, s, e in periods if k == kind and e > since]
            if not spans:
                continue
            bar = pg.BarGraphItem(x0=[a for a, _ in spans], width=[max(b - a, 1.0) for a, b in spans],
                                  y=[y] * len(spans), height=0.6, brush=colour, pen=pg.mkPen(None))  # fmt: skip
            self.plot.addItem(bar)
            self.bars.append(bar)
        self.plot.setXRange(since.timestamp(), until.timestamp(), padding=0.01)
