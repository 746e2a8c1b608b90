"""Review page (camera fines, phạt nguội): violation candidates waiting for a decision."""

from __future__ import annotations

from console.services.queries import CandidateRow
from console.ui.labels import label, local_time

from .base import PageContext
from .tables import TablePage


class ReviewPage(TablePage):
    key = "review"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(
            ctx,
            [self.tr("Detected"), self.tr("Camera"), self.tr("Violation"), self.tr("Plate"), self.tr("State")],
            self.tr("Search camera, violation or plate…"),
            self.tr("No violation candidates are waiting for review."),
        )

    def title(self) -> str:
        return self.tr("Review (camera fines)")

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.candidates(self.ctx.actor), self._show)

    def _show(self, items: list[CandidateRow]) -> None:
        rows = [
            [local_time(c.detected_at), c.camera, label(c.rule_kind), c.plate or "?", label(c.status)] for c in items
        ]
        self.show_rows(rows, [c.id for c in items])
