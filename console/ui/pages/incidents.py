"""Incidents page: incidents and their state."""

from __future__ import annotations

from console.services.queries import IncidentRow
from console.ui.labels import label, local_time

from .base import PageContext
from .tables import TablePage


class IncidentsPage(TablePage):
    key = "incidents"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(
            ctx,
            [self.tr("Created"), self.tr("Kind"), self.tr("Priority"), self.tr("State"), self.tr("Place")],
            self.tr("Search incidents…"),
            self.tr("No incidents recorded."),
        )

    def title(self) -> str:
        return self.tr("Incidents")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.incidents(self.ctx.actor), self._show)

    def _show(self, items: list[IncidentRow]) -> None:
        rows = [[local_time(i.created_at), label(i.kind), i.priority, label(i.status), i.place] for i in items]
        self.show_rows(rows, [i.id for i in items])
