"""The map page's plate trace: runs the trace and intercept services and draws the trail on the map.

Kept apart from map_page.py so the live-map page stays about teams and incidents. The trail is one
``setPlateTrace`` call on the already-loaded page (replacing the previous trail), never a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject

from console.services.dispatch import DispatchResult, DispatchService
from console.services.intercept import InterceptError, InterceptPlan, InterceptService
from console.services.plate_pattern import PlateQueryError
from console.services.trace import Sighting, Trace, TraceService
from console.ui.labels import local_time
from widgets.map_view import MapView
from widgets.trace_panel import TracePanel

from .base import Page


def _clock(s: Sighting) -> str:
    return local_time(s.at, with_date=False)


class TraceController(QObject):
    def __init__(self, page: Page, map_view: MapView, dispatch: Callable[[], DispatchService | None],
                 incident_opened: Callable[[int], None]) -> None:  # fmt: skip
        super().__init__(page)
        self.page = page
        self.map = map_view
        self.dispatch = dispatch
        self.incident_opened = incident_opened
        self.service = TraceService(page.ctx.services.db)
        self.panel = TracePanel(_clock)
        self.panel.trace_requested.connect(self.run)
        self.panel.cleared.connect(self.map.clear_plate_trace)
        self.panel.intercept_requested.connect(self.plan)
        self.panel.intercept_dispatch_requested.connect(self.dispatch_team)
        self.alert_id: int | None = None  # the alert the trace was started from, linked to the incident

    def run(self, text: str, hours: int) -> None:
        service, actor = self.service, self.page.ctx.actor
        since = datetime.now(UTC) - timedelta(hours=hours)

        def work() -> Trace | PlateQueryError:
            try:
                return service.trace(actor, text, since=since)
            except PlateQueryError as exc:
                return exc

        self.page.load(work, self._show)

    def _show(self, result: Trace | PlateQueryError) -> None:
        if isinstance(result, PlateQueryError):
            self.panel.show_query_error(result)
            self.map.clear_plate_trace()
            return
        self.panel.show_trace(result)
        if result.query.exact:
            self._draw(result, None)
        else:
            self.map.clear_plate_trace()

    def _draw(self, trace: Trace, plan: InterceptPlan | None) -> None:
        points: list[dict[str, Any]] = []
        for n, s in enumerate(trace.sightings, 1):
            speed = "" if s.speed_kmh is None else f" · {s.speed_kmh:.0f} km/h"
            mark = " ?" if s.implausible else ""
            points.append({"lat": s.lat, "lon": s.lon, "n": n, "label": f"{_clock(s)}{speed}{mark}",
                           "bad": s.implausible})  # fmt: skip
        intercept = None
        if plan is not None:
            intercept = {"lat": plan.lat, "lon": plan.lon, "label": self.panel.intercept_label(plan)}
        self.map.set_plate_trace({"plate": trace.query.plate or "", "points": points, "intercept": intercept})

    def plan(self) -> None:
        trace, dispatch = self.panel.trace, self.dispatch()
        if trace is None or dispatch is None:
            return
        service, actor = InterceptService(dispatch), self.page.ctx.actor

        def work() -> InterceptPlan | InterceptError:
            try:
                return service.plan(actor, trace)
            except InterceptError as exc:
                return exc

        self.page.load(work, self._show_plan)

    def _show_plan(self, result: InterceptPlan | InterceptError) -> None:
        if isinstance(result, InterceptError):
            self.panel.show_intercept_error(result)
            return
        self.panel.show_plan(result)
        if self.panel.trace is not None:
            self._draw(self.panel.trace, result)

    def dispatch_team(self, unit_id: int) -> None:
        plan, dispatch = self.panel.plan, self.dispatch()
        if plan is None or dispatch is None:
            return
        service, actor, alert_id = InterceptService(dispatch), self.page.ctx.actor, self.alert_id
        self.page.load(lambda: service.dispatch_team(actor, plan, unit_id, alert_id), self._dispatched)

    def _dispatched(self, result: tuple[int, DispatchResult]) -> None:
        incident_id, sent = result
        self.panel.show_dispatched(sent.call_sign, incident_id)
        self.incident_opened(incident_id)
