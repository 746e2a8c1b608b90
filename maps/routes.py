"""Route lines of the monitored roads, derived from the camera configuration.

Each route (e.g. "CT.01", "QL1A") is drawn by connecting its cameras in km order; cameras at the
same km (one per direction) collapse into one vertex. City cameras without km marks are not a
line, so routes whose cameras have no km are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .geo import LatLon, haversine_m


@dataclass(frozen=True)
class CameraPoint:
    id: int
    code: str
    name: str
    route: str
    route_kind: str
    km: float | None
    lat: float
    lon: float
    direction: str = ""


@dataclass(frozen=True)
class RouteLine:
    route: str
    kind: str
    points: tuple[LatLon, ...]
    km_from: float
    km_to: float


def route_lines(cameras: Iterable[CameraPoint]) -> list[RouteLine]:
    by_route: dict[str, list[CameraPoint]] = defaultdict(list)
    for c in cameras:
        if c.km is not None:
            by_route[c.route].append(c)
    lines = []
    for route, cams in sorted(by_route.items()):
        by_km: dict[float, list[CameraPoint]] = defaultdict(list)
        for c in cams:
            by_km[c.km or 0.0].append(c)
        points = []
        for km in sorted(by_km):
            group = by_km[km]
            points.append((sum(c.lat for c in group) / len(group), sum(c.lon for c in group) / len(group)))
        if len(points) < 2:
            continue
        kinds = {c.route_kind for c in cams}
        kind = cams[0].route_kind if len(kinds) == 1 else "national_highway"
        lines.append(RouteLine(route, kind, tuple(points), min(by_km), max(by_km)))
    return lines


def nearest_road_class(point: LatLon, lines: list[RouteLine], within_m: float = 3000.0) -> str:
    """Road class of the closest route vertex within ``within_m``; elsewhere assume city streets."""
    best, best_d = "city", within_m
    for line in lines:
        for p in line.points:
            d = haversine_m(point, p)
            if d < best_d:
                best, best_d = line.kind, d
    return best
