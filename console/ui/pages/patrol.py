"""Patrol logs page: digitised patrol logs per team and shift."""

from __future__ import annotations

from console.services.queries import PatrolLogRow
from console.ui.labels import label, local_time

from .base import PageContext
from .tables import TablePage


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
