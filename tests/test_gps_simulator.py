"""Demo simulator: teams drive the camera routes at road-class speeds and answer dispatch orders."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass

from console.demo.gps_sim import ACCEL, DECEL, PROFILES, Simulator, demo_units
from console.feeds.gps import Fix, FixValidator, GpsFeed
from maps.geo import haversine_m
from maps.routes import CameraPoint, route_lines


@dataclass(frozen=True)
class _Unit:
    call_sign: str
    status: str
    tracker: str | None
    lat: float | None
    lon: float | None


CAMS = [
    CameraPoint(i, f"CT01-{km}", "", "CT.01", "expressway", km, lat, lon)
    for i, (km, lat, lon) in enumerate([(184.0, 20.94, 105.8525), (200.0, 20.81, 105.88), (216.0, 20.67, 105.91)])
]


def _run(sim: Simulator, seconds: int, feed: GpsFeed, start: float = 1_800_000_000.0) -> list[tuple[str, bytes]]:
    other: list[tuple[str, bytes]] = []
    for t in range(1, seconds + 1):
        sim.step(1.0, float(t))
        for topic, payload in sim.messages(start + t):
            if feed.ingest(topic, payload) is None:
                other.append((topic, payload))
    return other


def test_teams_follow_the_route_at_plausible_speeds() -> None:
    routes = route_lines(CAMS)
    units = [
        _Unit("PV-01", "available", "ct6/pv01", 20.94, 105.8525),
        _Unit("PL-01", "off_duty", "ct6/pl01", 20.8, 105.88),
        _Unit("NOFIX", "available", "ct6/x", None, None),
        _Unit("NOTRACK", "available", None, 20.9, 105.9),
    ]
    sims = demo_units(units, routes, random.Random(1))
    assert [s.call_sign for s in sims] == ["PV-01", "PL-01"]
    assert sims[0].kind == "expressway" and sims[0].moving and not sims[1].moving
    sim = Simulator(sims, seed=3)
    fixes: list[Fix] = []
    validator = FixValidator({("ct6", "pv01"): 1, ("ct6", "pl01"): 2}, clock=lambda: 1_800_000_000.0 + 600)
    feed = GpsFeed(validator, sink=fixes.append)
    _run(sim, 300, feed)
    moving = [f for f in fixes if f.unit_id == 1]
    assert len(moving) == 300 and feed.stats().rejected == {}
    speeds = [f.speed_kmh or 0.0 for f in moving]
    assert max(speeds) < 130 and sum(speeds) / len(speeds) > 40  # expressway driving, with stops allowed
    for a, b in itertools.pairwise(moving):
        step = haversine_m((a.lat, a.lon), (b.lat, b.lon))
        assert step < 130 / 3.6 * 1.05  # never a jump
        assert abs((b.speed_kmh or 0) - (a.speed_kmh or 0)) / 3.6 <= max(ACCEL, DECEL) + 0.3
    line = routes[0].points
    # Every fix lies on the route (within metres of the polyline's straight segments).
    for f in moving[::10]:
        assert min(haversine_m((f.lat, f.lon), p) for p in line) < 16_000
    parked = [f for f in fixes if f.unit_id == 2]
    assert {(f.lat, f.lon) for f in parked} == {(20.8, 105.88)}
    assert PROFILES["expressway"].cruise_kmh > PROFILES["city"].cruise_kmh


def test_a_dispatched_team_reports_en_route_drives_there_and_reports_on_scene() -> None:
    routes = route_lines(CAMS)
    (sim_unit,) = demo_units([_Unit("PV-01", "available", "ct6/pv01", 20.94, 105.8525)], routes)
    sim = Simulator([sim_unit], dispatch_prefix="csgt")
    target = (20.90, 105.87)
    sim.receive("csgt/dispatch/PV-01", json.dumps({"lat": target[0], "lon": target[1]}).encode())
    sim.receive("csgt/dispatch/NOBODY", b"{}")  # not ours, unreadable: ignored
    reports = []
    for t in range(1, 900):
        sim.step(1.0, float(t))
        for topic, payload in sim.messages(1_800_000_000.0 + t):
            if "/unit/" in topic:
                reports.append((t, topic, json.loads(payload)["status"]))
        if sim.units["PV-01"].mode == "scene" and len(reports) == 2:
            break
    assert [r[1:] for r in reports] == [("csgt/unit/PV-01/status", "en_route"), ("csgt/unit/PV-01/status", "on_scene")]
    u = sim.units["PV-01"]
    assert haversine_m((u.lat, u.lon), target) < 80
    distance = haversine_m((20.94, 105.8525), target)
    assert reports[1][0] < distance / (100 / 3.6) * 1.5 + 30  # drove at response speed, not patrol speed
