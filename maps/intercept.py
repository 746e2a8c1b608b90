"""Positions along a route in km: where a team is on the road, and which teams are ahead of a vehicle.

A route is known by its km stations (cameras, grouped by km, as maps/routes.py draws it). A team's
position is projected onto the nearest stretch between two stations and given a km by linear
interpolation; farther than ``max_offset_m`` from the line it is not on that road at all.
Projections use a local flat-earth approximation, which is accurate to metres over a few km.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .geo import LatLon
from .routes import CameraPoint

ON_ROAD_M = 3000.0  # a team this close to the route line is taken to be on that road


@dataclass(frozen=True)
class Station:
    km: float
    at: LatLon


def stations(cameras: Iterable[CameraPoint], route: str) -> list[Station]:
    """The route's km stations in km order; cameras at the same km (one per direction) are one point."""
    by_km: dict[float, list[CameraPoint]] = defaultdict(list)
    for c in cameras:
        if c.route == route and c.km is not None:
            by_km[c.km].append(c)
    return [
        Station(km, (sum(c.lat for c in g) / len(g), sum(c.lon for c in g) / len(g))) for km, g in sorted(by_km.items())
    ]


def _xy(origin: LatLon, p: LatLon) -> tuple[float, float]:
    k = math.pi / 180.0 * 6_371_008.8
    return (p[1] - origin[1]) * k * math.cos(math.radians(origin[0])), (p[0] - origin[0]) * k


def project_km(line: Sequence[Station], p: LatLon) -> tuple[float, float] | None:
    """(km, metres off the line) of ``p`` on the route; None for a route of fewer than two stations."""
    best: tuple[float, float] | None = None
    for a, b in itertools.pairwise(line):
        bx, by = _xy(a.at, b.at)
        px, py = _xy(a.at, p)
        seg2 = bx * bx + by * by
        f = 0.0 if seg2 == 0 else max(0.0, min(1.0, (px * bx + py * by) / seg2))
        off = math.hypot(px - f * bx, py - f * by)
        if best is None or off < best[1]:
            best = (a.km + f * (b.km - a.km), off)
    return best


def point_at_km(line: Sequence[Station], km: float) -> LatLon:
    """The point of the route at ``km``, clamped to its ends."""
    if km <= line[0].km:
        return line[0].at
    for a, b in itertools.pairwise(line):
        if km <= b.km:
            f = (km - a.km) / (b.km - a.km) if b.km != a.km else 0.0
            return a.at[0] + (b.at[0] - a.at[0]) * f, a.at[1] + (b.at[1] - a.at[1]) * f
    return line[-1].at
