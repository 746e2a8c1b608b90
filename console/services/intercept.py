"""Dispatch to intercept: from a plate's latest sightings, the road and direction it is taking, and
the available teams ahead of it on that road, ranked by ETA to a point ahead of the vehicle.

The heading comes from the last two plausible sightings on one route with km markers: km going up
or down is the direction of travel, their leg gives the speed. A team is "ahead" when its position,
projected onto that route, lies beyond the vehicle's last km in the direction of travel; a team
behind could only chase. The meeting point is ``LOOKAHEAD`` of the vehicle's driving ahead (at
least ``MIN_AHEAD_KM``), clamped to the monitored stretch. Dispatch creates a wanted-vehicle
incident at that point and dispatches through DispatchService, so both are audited as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from console.storage.models import PatrolUnit
from maps.intercept import ON_ROAD_M, Station, point_at_km, project_km, stations
from maps.ranking import Suggestion, UnitFix, rank_units
from maps.routes import nearest_road_class

from .context import Actor, Permission
from .dispatch import DispatchResult, DispatchService, NewIncident
from .trace import Sighting, Trace
from .units import UnitService

LOOKAHEAD = timedelta(minutes=10)
MIN_AHEAD_KM = 5.0
AHEAD_MARGIN_KM = 0.5  # a team level with the vehicle has no time to get ready


class InterceptError(ValueError):
    """No intercept can be planned from this trace; the message says why, ``code`` names the reason."""

    def __init__(self, code: str, route: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.route = route


@dataclass(frozen=True)
class Heading:
    plate: str
    route: str
    direction: str  # the camera's direction text ("Hướng Ninh Bình")
    km: float  # the latest sighting's km
    sign: int  # +1 travelling towards higher km, -1 towards lower
    speed_kmh: float | None
    last: Sighting


@dataclass(frozen=True)
class InterceptPlan:
    heading: Heading
    ahead_km: float
    lat: float
    lon: float
    vehicle_eta_s: float | None  # the vehicle's time to the meeting point at its last speed
    teams: list[Suggestion]  # available teams ahead, fastest to the meeting point first
    team_km: dict[int, float]  # unit id -> km of the team on the route
    behind: int  # available teams on the road but behind the vehicle


def infer_heading(sightings: list[Sighting]) -> Heading:
    # A sighting reached by an impossible leg is a likely misread: it says nothing about the road.
    usable = [s for s in sightings if not s.implausible and s.km is not None]
    if not usable:
        raise InterceptError("no_km", "", "no sighting on a route with km markers: the road cannot be inferred")
    last = usable[-1]
    for prev in reversed(usable[:-1]):
        if prev.route == last.route and prev.km != last.km:
            assert prev.km is not None and last.km is not None
            dt = (last.at - prev.at).total_seconds()
            speed = abs(last.km - prev.km) / dt * 3600.0 if dt > 0 else None
            return Heading(last.plate, last.route, last.direction, last.km, 1 if last.km > prev.km else -1, speed,
                           last)  # fmt: skip
    raise InterceptError(
        "one_km", last.route, f"seen at only one km of {last.route}: the direction of travel is not known yet"
    )


class InterceptService:
    def __init__(self, dispatch: DispatchService) -> None:
        self.dispatch = dispatch
        self.db = dispatch.db

    def plan(self, actor: Actor, trace: Trace, now: datetime | None = None) -> InterceptPlan:
        actor.require(Permission.VIEW)
        heading = infer_heading(trace.sightings)
        line = stations(UnitService(self.db).camera_points(), heading.route)
        if len(line) < 2:
            raise InterceptError("short_route", heading.route, f"{heading.route} has fewer than two km markers")
        ahead_by = max(MIN_AHEAD_KM, (heading.speed_kmh or 0.0) * LOOKAHEAD.total_seconds() / 3600.0)
        ahead_km = min(max(heading.km + heading.sign * ahead_by, line[0].km), line[-1].km)
        meet = point_at_km(line, ahead_km)
        speed = heading.speed_kmh
        vehicle_eta = abs(ahead_km - heading.km) / speed * 3600.0 if speed else None
        ahead, team_km, behind = self._teams_on_road(line, heading)
        teams = rank_units(meet, ahead, now or datetime.now(UTC), self.dispatch.policy)
        return InterceptPlan(heading, ahead_km, meet[0], meet[1], vehicle_eta, teams, team_km, behind)

    def _teams_on_road(self, line: list[Station], heading: Heading) -> tuple[list[UnitFix], dict[int, float], int]:
        ahead: list[UnitFix] = []
        team_km: dict[int, float] = {}
        behind = 0
        with self.db.session() as s:
            for u in s.scalars(select(PatrolUnit).where(PatrolUnit.status == "available")):
                p = u.latest
                if p is None:
                    continue
                on = project_km(line, (p.lat, p.lon))
                if on is None or on[1] > ON_ROAD_M:
                    continue
                if (on[0] - heading.km) * heading.sign < AHEAD_MARGIN_KM:
                    behind += 1
                    continue
                team_km[u.id] = on[0]
                road = nearest_road_class((p.lat, p.lon), self.dispatch.routes)
                ahead.append(UnitFix(u.id, u.call_sign, u.status, p.lat, p.lon, p.fixed_at, road))
        return ahead, team_km, behind

    def dispatch_team(self, actor: Actor, plan: InterceptPlan, unit_id: int,
                      alert_id: int | None = None) -> tuple[int, DispatchResult]:  # fmt: skip
        """A wanted-vehicle incident at the meeting point, and the team dispatched to it."""
        h = plan.heading
        speed = f", {h.speed_kmh:.0f} km/h" if h.speed_kmh else ""
        seen = h.last.at.astimezone(UTC).strftime("%H:%M UTC")
        incident = NewIncident(
            kind="wanted_vehicle", priority=1, lat=plan.lat, lon=plan.lon,
            place=f"{h.route} km {plan.ahead_km:.1f} {h.direction}".strip(),
            description=f"Intercept {h.plate}: last seen {h.last.camera_code} km {h.km:g} at {seen}{speed}",
            source="alert" if alert_id is not None else "map", alert_id=alert_id,
        )  # fmt: skip
        incident_id = self.dispatch.create_incident(actor, incident)
        return incident_id, self.dispatch.dispatch(actor, incident_id, unit_id, note=f"intercept {h.plate}")
