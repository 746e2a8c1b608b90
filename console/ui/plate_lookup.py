"""Wires a PlateLookupPanel to the lookup service, so any page can embed the checked-vehicle lookup."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.services.lookup import LookupEvent, LookupService, PlateQueryError
from console.ui.labels import label, local_time
from console.ui.theme import ERROR, INFO, WARNING
from widgets.plate_lookup import PlateLookupPanel

from .pages.base import PageContext

_COLOURS = {"patrol_check": INFO, "camera_read": None, "fine": ERROR}


def _t(text: str) -> str:
    return QCoreApplication.translate("PlateLookup", text)


def connect_lookup(panel: PlateLookupPanel, ctx: PageContext) -> None:
    """Run the panel's queries on a worker and show the merged timeline."""
    service = LookupService(ctx.services.db)

    def show(events: list[LookupEvent]) -> None:
        rows = [
            [local_time(e.at), label(e.source), e.plate, e.place, label(e.result) if e.result else "", e.detail]
            for e in events
        ]
        colours = [
            QColor(WARNING if e.result in ("violation", "held") else c) if (c := _COLOURS[e.source]) else None
            for e in events
        ]
        status = QCoreApplication.translate("PlateLookup", "%n event(s)", "", len(events))
        panel.show_rows(rows, [(e.source, e.ref_id) for e in events], colours, status)

    def failed(error: BaseException) -> None:
        if isinstance(error, PlateQueryError):
            panel.show_message(_t("Type at least 3 letters or digits of the plate."))
        else:
            panel.show_message(str(error))

    def run(text: str) -> None:
        panel.show_message(_t("Searching…"))
        ctx.bridge.run(lambda: service.timeline(ctx.actor, text), show, failed)

    panel.lookup_requested.connect(run)
