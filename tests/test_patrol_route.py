"""GPS-derived distance and times on a track of known length, with the noise real trackers add."""

from __future__ import annotations

import itertools
import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from console.services.patrol.route import EARTH_RADIUS_M, Fix, distance_to_trace_m, haversine_m, summarise

T0 = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
# A real-shaped polyline: CT.01 Pháp Vân -> Thường Tín -> Phú Xuyên, then a turn east.
CORNERS = [(20.9400, 105.8525), (20.8650, 105.8850), (20.7420, 105.9210), (20.7400, 105.9600)]


def _exact_length() -> float:
    return sum(haversine_m(*a, *b) for a, b in itertools.pairwise(CORNERS))


def _points_every(step_m: float) -> list[tuple[float, float]]:
    """Points on the polyline every ``step_m`` metres, corners included (so the length is exact)."""
    out = [CORNERS[0]]
    for (alat, alon), (blat, blon) in itertools.pairwise(CORNERS):
        seg = haversine_m(alat, alon, blat, blon)
        n = max(1, math.ceil(seg / step_m))
        # Interpolating on the great circle keeps every point on the segment's geodesic.
        for i in range(1, n + 1):
            out.append(_slerp(alat, alon, blat, blon, i / n))
    return out


def _slerp(lat1: float, lon1: float, lat2: float, lon2: float, t: float) -> tuple[float, float]:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    a = [math.cos(p1) * math.cos(l1), math.cos(p1) * math.sin(l1), math.sin(p1)]
    b = [math.cos(p2) * math.cos(l2), math.cos(p2) * math.sin(l2), math.sin(p2)]
    omega = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b, strict=True)))))
    if omega == 0:
        return lat1, lon1
    s1, s2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
    x, y, z = (s1 * u + s2 * v for u, v in zip(a, b, strict=True))
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def test_distance_on_a_known_polyline_equals_its_length() -> None:
    points = _points_every(400.0)  # ~20 s apart at 72 km/h
    fixes = [Fix(T0 + timedelta(seconds=20 * i), lat, lon) for i, (lat, lon) in enumerate(points)]
    summary = summarise(fixes)
    exact = _exact_length()
    assert 27_000 < exact < 30_000
    assert summary.distance_m == pytest.approx(exact, rel=1e-9)
    assert summary.moving_s == 20 * (len(points) - 1) and summary.stopped_s == 0
    assert summary.trace[0] == CORNERS[0] and summary.trace[-1] == pytest.approx(CORNERS[-1])


def test_parked_jitter_and_a_multipath_jump_add_no_distance() -> None:
    rng = random.Random(7)
    points = _points_every(400.0)
    fixes = [Fix(T0 + timedelta(seconds=20 * i), lat, lon) for i, (lat, lon) in enumerate(points)]
    end = fixes[-1].at
    lat, lon = points[-1]
    # Forty minutes parked at the end with ±8 m of noise, and one fix thrown 3 km off.
    noise = 8 / 111_000
    for i in range(1, 121):
        fixes.append(
            Fix(end + timedelta(seconds=20 * i), lat + rng.uniform(-noise, noise), lon + rng.uniform(-noise, noise))
        )
    fixes.insert(len(fixes) - 60, Fix(end + timedelta(seconds=20 * 60 + 5), lat + 0.027, lon))
    summary = summarise(fixes)
    exact = _exact_length()
    assert summary.distance_m == pytest.approx(exact, rel=1e-3)
    assert summary.rejected_jumps == 1
    assert summary.stopped_s == pytest.approx(40 * 60, abs=40)


def test_gaps_are_flagged_and_not_counted_as_driving() -> None:
    a = [Fix(T0 + timedelta(minutes=m), 20.9 + 0.009 * m, 105.88) for m in range(0, 11)]
    b = [Fix(T0 + timedelta(minutes=m), 21.2 + 0.009 * (m - 30), 105.88) for m in range(30, 41)]
    summary = summarise(a + b)
    assert [(g.start, g.end) for g in summary.gaps] == [(T0 + timedelta(minutes=10), T0 + timedelta(minutes=30))]
    # Two 10-minute runs of 0.09° each; the 20 minutes between them are neither moving nor stopped.
    assert summary.distance_m == pytest.approx(2 * math.radians(0.09) * EARTH_RADIUS_M, rel=1e-9)
    assert summary.moving_s == 20 * 60 and summary.stopped_s == 0


def test_distance_to_trace() -> None:
    trace = [(20.9, 105.88), (21.0, 105.88)]
    assert distance_to_trace_m(20.95, 105.88, trace) == pytest.approx(0, abs=0.01)
    # 0.01° of longitude east of the line at 20.95° N is ~1.04 km.
    assert distance_to_trace_m(20.95, 105.89, trace) == pytest.approx(1039, rel=0.01)
    assert distance_to_trace_m(21.1, 105.88, trace) == pytest.approx(haversine_m(21.0, 105.88, 21.1, 105.88), rel=1e-3)
    assert distance_to_trace_m(21.0, 105.0, []) is None
