"""Geo maths and nearest-unit ranking against fixtures with known distances."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from maps.geo import bearing_deg, destination, haversine_m, point_along, polyline_length_m
from maps.ranking import RankingPolicy, UnitFix, rank_units
from maps.routes import CameraPoint, nearest_road_class, route_lines

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
HOAN_KIEM = (21.0285, 105.8542)


def test_haversine_matches_known_distances() -> None:
    # One degree of latitude on the mean-radius sphere is 111.195 km.
    assert haversine_m((21.0, 105.8), (22.0, 105.8)) == pytest.approx(111_195, abs=1)
    # Quarter of the equator: π/2 × 6,371,008.8 m.
    assert haversine_m((0.0, 0.0), (0.0, 90.0)) == pytest.approx(10_007_557, abs=1)
    # Hà Nội (Hoàn Kiếm) to Hải Phòng centre: 89.0 km in a straight line.
    assert haversine_m(HOAN_KIEM, (20.8449, 106.6881)) == pytest.approx(88_977, abs=1)
    assert haversine_m(HOAN_KIEM, HOAN_KIEM) == 0.0


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def test_destination_and_bearing_are_inverse() -> None:
    for course in (0.0, 45.0, 135.0, 270.0):
        p = destination(HOAN_KIEM, course, 5_000)
        assert haversine_m(HOAN_KIEM, p) == pytest.approx(5_000, abs=0.5)
        assert _angle(bearing_deg(HOAN_KIEM, p), course) < 0.01


def test_point_along_a_polyline_clamps_and_interpolates() -> None:
    a, b = (21.0, 105.8), (21.0, 105.9)
    c = destination(b, 0.0, 2_000)
    line = [a, b, c]
    ab = haversine_m(a, b)
    assert polyline_length_m(line) == pytest.approx(ab + 2_000, abs=1)
    (lat, lon), course = point_along(line, ab / 2)
    assert haversine_m((lat, lon), a) == pytest.approx(ab / 2, rel=1e-3)
    assert course == pytest.approx(90.0, abs=0.1)
    assert point_along(line, -5)[0] == a
    end, course = point_along(line, 1e9)
    assert haversine_m(end, c) < 0.01 and _angle(course, 0.0) < 0.1


def _unit(uid: int, cs: str, km_north: float, status: str = "available", age_s: float = 10,
          road: str = "national_highway") -> UnitFix:  # fmt: skip
    lat, lon = destination(HOAN_KIEM, 0.0, km_north * 1000)
    return UnitFix(uid, cs, status, lat, lon, NOW - timedelta(seconds=age_s), road)


def test_only_available_units_ranked_by_distance_with_stale_last() -> None:
    units = [
        _unit(1, "A-FAR", 9.0),
        _unit(2, "B-NEAR", 2.0),
        _unit(3, "C-BUSY", 0.5, status="on_scene"),
        _unit(4, "D-OFF", 0.2, status="off_duty"),
        _unit(5, "E-STALE", 0.1, age_s=3600),  # closest of all, but its fix is an hour old
        _unit(6, "F-MID", 5.0),
        UnitFix(7, "G-NOFIX", "available", None, None, None),
    ]
    policy = RankingPolicy(stale_after=timedelta(minutes=5), eta_top=2)
    ranked = rank_units(HOAN_KIEM, units, NOW, policy)
    assert [s.call_sign for s in ranked] == ["B-NEAR", "F-MID", "A-FAR", "E-STALE"]
    assert [round(s.distance_m / 1000, 3) for s in ranked] == [2.0, 5.0, 9.0, 0.1]
    assert [s.stale for s in ranked] == [False, False, False, True]
    # ETA only for the top few; 2 km × detour 1.3 at 50 km/h = 187.2 s.
    assert ranked[0].eta_s == pytest.approx(2_000 * 1.3 / (50 / 3.6))
    assert ranked[2].eta_s is None and ranked[3].eta_s is None


def test_eta_reorders_the_closest_few_by_road_speed() -> None:
    # The expressway unit is farther in a straight line but arrives first.
    units = [_unit(1, "CITY", 3.0, road="city"), _unit(2, "EXPR", 4.0, road="expressway")]
    ranked = rank_units(HOAN_KIEM, units, NOW, RankingPolicy(eta_top=5))
    assert [s.call_sign for s in ranked] == ["EXPR", "CITY"]
    assert ranked[0].eta_s == pytest.approx(4_000 * 1.3 / (80 / 3.6))
    assert ranked[1].eta_s == pytest.approx(3_000 * 1.3 / (25 / 3.6))


def test_no_available_unit_gives_no_suggestion() -> None:
    units = [_unit(1, "X", 1.0, status="dispatched"), _unit(2, "Y", 1.0, status="out_of_service")]
    assert rank_units(HOAN_KIEM, units, NOW, RankingPolicy()) == []


def test_route_lines_connect_cameras_in_km_order_and_merge_directions() -> None:
    cams = [
        CameraPoint(1, "R-30-N", "", "QL1A", "national_highway", 30.0, 20.30, 105.90),
        CameraPoint(2, "R-10-N", "", "QL1A", "national_highway", 10.0, 20.10, 105.90),
        CameraPoint(3, "R-10-S", "", "QL1A", "national_highway", 10.0, 20.12, 105.92),
        CameraPoint(4, "R-20-N", "", "QL1A", "national_highway", 20.0, 20.20, 105.90),
        CameraPoint(5, "CITY", "", "Hà Nội", "city", None, 21.0, 105.8),
        CameraPoint(6, "LONE", "", "CT.99", "expressway", 5.0, 21.5, 105.5),
    ]
    (line,) = route_lines(cams)
    assert line.route == "QL1A" and (line.km_from, line.km_to) == (10.0, 30.0)
    assert [(round(a, 6), round(b, 6)) for a, b in line.points] == [(20.11, 105.91), (20.2, 105.9), (20.3, 105.9)]
    assert nearest_road_class((20.2, 105.901), [line]) == "national_highway"
    assert nearest_road_class((21.5, 105.5), [line]) == "city"
