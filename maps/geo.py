"""Geo maths on the WGS-84 sphere approximation: distances, bearings, points along polylines.

A spherical Earth is off by < 0.5 % against the ellipsoid, far below the error of an ETA guess.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)

LatLon = tuple[float, float]


def haversine_m(a: LatLon, b: LatLon) -> float:
    """Great-circle distance in metres between two (lat, lon) points in degrees."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def bearing_deg(a: LatLon, b: LatLon) -> float:
    """Initial course from a to b, degrees clockwise from north in [0, 360)."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlon = math.radians(b[1] - a[1])
    y = math.sin(dlon) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360.0


def destination(a: LatLon, course_deg: float, distance_m: float) -> LatLon:
    """The point ``distance_m`` from a along the initial course ``course_deg``."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    theta = math.radians(course_deg)
    d = distance_m / EARTH_RADIUS_M
    lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(theta))
    lon2 = lon1 + math.atan2(
        math.sin(theta) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2)
    )
    return math.degrees(lat2), (math.degrees(lon2) + 540.0) % 360.0 - 180.0


def polyline_length_m(points: Sequence[LatLon]) -> float:
    return sum(haversine_m(points[i], points[i + 1]) for i in range(len(points) - 1))


def point_along(points: Sequence[LatLon], distance_m: float) -> tuple[LatLon, float]:
    """Position and course ``distance_m`` metres along a polyline (clamped to its ends)."""
    if not points:
        raise ValueError("empty polyline")
    if len(points) == 1:
        return points[0], 0.0
    remaining = max(0.0, distance_m)
    for i in range(len(points) - 1):
        a, b = points[i], points[i + 1]
        seg = haversine_m(a, b)
        if remaining <= seg or i == len(points) - 2:
            f = 0.0 if seg == 0 else min(1.0, remaining / seg)
            lat = a[0] + (b[0] - a[0]) * f
            lon = a[1] + (b[1] - a[1]) * f
            return (lat, lon), bearing_deg(a, b)
        remaining -= seg
    raise AssertionError("unreachable")


def valid_lat_lon(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0
