"""Map page. Today: the patrol teams with their state and last fix; the live map comes with the map work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtGui import QColor

from console.services.queries import UnitRow
from console.ui.labels import age, label
from console.ui.theme import ERROR, INFO, LIVE, STALE, WARNING

from .base import PageContext
from .tables import TablePage

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
