"""Dispatch to intercept on both backends: heading from the trail, teams ahead not behind, dispatch audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from gps_setup import add_units
from sqlalchemy import select
from trace_setup import T0, WANTED, make_reads

from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.services.dispatch import DispatchService
from console.services.intercept import InterceptError, InterceptService, infer_heading
from console.services.trace import TraceService
from console.storage.db import Database
from console.storage.models import AuditEntry, Incident, PatrolUnit

OPERATOR = Actor("vanh", Role.OPERATOR)


def _teams(db: Database) -> dict[str, int]:
    # The wanted car was last (plausibly) seen at km 200 heading for km 210.
    return add_units(
        db,
        [
            ("AHEAD-205", "t", "a", "available"),
            ("AHEAD-210", "t", "b", "available"),
            ("BEHIND-187", "t", "c", "available"),
            ("BUSY-206", "t", "d", "on_scene"),
            ("HANOI", "t", "e", "available"),
        ],
        {
            "AHEAD-205": (20.7625, 105.905, 5),
            "AHEAD-210": (20.7205, 105.9152, 5),
            "BEHIND-187": (20.915, 105.860, 5),
            "BUSY-206": (20.754, 105.907, 5),
            "HANOI": (21.03, 105.85, 5),  # 10 km off the expressway: not on this road
        },
    )


def _service(db: Database) -> InterceptService:
    return InterceptService(DispatchService(db, AuditLog()))


def test_teams_ahead_on_the_road_are_suggested_by_eta_to_the_meeting_point(database: Database) -> None:
    make_reads(database)
    ids = _teams(database)
    trace = TraceService(database).trace(OPERATOR, WANTED, until=T0 + timedelta(hours=1))
    plan = _service(database).plan(OPERATOR, trace)
    h = plan.heading
    # The Hải Phòng read is an impossible leg and is ignored: the car is on CT.01 going up the km.
    assert (h.route, h.km, h.sign, h.last.camera_code) == ("CT.01", 200.0, 1, "CT01-K200-S")
    assert h.speed_kmh == pytest.approx(10 / (7 / 60))
    assert plan.ahead_km == 210.0  # 14 km of driving ahead, clamped to the end of the monitored stretch
    assert [t.call_sign for t in plan.teams] == ["AHEAD-210", "AHEAD-205"]
    assert plan.teams[0].eta_s is not None and plan.teams[0].eta_s < plan.teams[1].eta_s  # type: ignore[operator]
    assert plan.team_km[ids["AHEAD-205"]] == pytest.approx(205.0, abs=0.3)
    assert plan.behind == 1
    assert plan.vehicle_eta_s == pytest.approx(10 / h.speed_kmh * 3600)  # type: ignore[operator]


def test_dispatching_an_intercept_creates_an_audited_incident_ahead(database: Database) -> None:
    make_reads(database)
    ids = _teams(database)
    trace = TraceService(database).trace(OPERATOR, WANTED, until=T0 + timedelta(hours=1))
    service = _service(database)
    plan = service.plan(OPERATOR, trace)
    incident_id, result = service.dispatch_team(OPERATOR, plan, ids["AHEAD-205"])
    assert result.call_sign == "AHEAD-205"
    with database.session() as s:
        incident = s.get_one(Incident, incident_id)
        assert (incident.kind, incident.status, incident.priority) == ("wanted_vehicle", "dispatched", 1)
        assert (incident.lat, incident.lon) == pytest.approx((plan.lat, plan.lon))
        assert WANTED in incident.description and "CT.01 km 210" in incident.place
        assert s.get_one(PatrolUnit, ids["AHEAD-205"]).status == "dispatched"
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert actions == ["incident.create", "incident.status", "unit.dispatch"]
    # The dispatched team is no longer offered.
    assert [t.call_sign for t in service.plan(OPERATOR, trace).teams] == ["AHEAD-210"]


def test_heading_needs_two_km_on_one_route(database: Database) -> None:
    make_reads(database)
    trace = TraceService(database).trace(OPERATOR, WANTED, until=T0 + timedelta(minutes=3))
    assert len(trace.sightings) == 1
    with pytest.raises(InterceptError, match="only one km"):
        infer_heading(trace.sightings)
    with pytest.raises(InterceptError, match="no sighting"):
        infer_heading([])
