"""The route a unit actually drove, from its stored GPS fixes: distance, moving/stopped time, gaps.

Pure arithmetic over (time, lat, lon) fixes so it can be tested against a track of known length.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius

# A parked phone wanders by several metres; movement below this from the last counted point is
# noise, not driving. Good fixes are within ~10 m (OwnTracks acc), so 25 m keeps real crawling.
JITTER_M = 25.0
# A fix implying more than this from the last counted point is a multipath jump, not a drive.
MAX_SPEED_KMH = 220.0
GAP = timedelta(minutes=5)


@dataclass(frozen=True)
class Fix:
    at: datetime
    lat: float
    lon: float


@dataclass(frozen=True)
class Gap:
    start: datetime
    end: datetime

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


@dataclass(frozen=True)
class RouteSummary:
    fixes: int
    distance_m: float
    moving_s: float
    stopped_s: float
    gaps: tuple[Gap, ...]
    rejected_jumps: int
    trace: tuple[tuple[float, float], ...] = field(repr=False)  # (lat, lon) of the counted points

    @property
    def distance_km(self) -> float:
        return self.distance_m / 1000


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def summarise(
    fixes: Sequence[Fix], *, jitter_m: float = JITTER_M, gap: timedelta = GAP, max_speed_kmh: float = MAX_SPEED_KMH
) -> RouteSummary:
    """Distance and times over fixes in time order.

    Distance is summed between *counted* points: a fix is counted once it is ``jitter_m`` away
    from the last counted one, so standing still adds nothing however long the phone wanders.
    Time between two fixes further apart than ``gap`` is neither moving nor stopped: it is a gap,
    reported, and the distance across it is not guessed (the unit may have gone anywhere).
    """
    ordered = sorted(fixes, key=lambda f: f.at)
    if not ordered:
        return RouteSummary(0, 0.0, 0.0, 0.0, (), 0, ())
    anchor = ordered[0]
    trace = [(anchor.lat, anchor.lon)]
    distance = moving = stopped = 0.0
    gaps: list[Gap] = []
    jumps = 0
    previous = anchor
    for fix in ordered[1:]:
        dt = (fix.at - previous.at).total_seconds()
        if dt <= 0:
            continue
        if fix.at - previous.at > gap:
            gaps.append(Gap(previous.at, fix.at))
            anchor, previous = fix, fix
            trace.append((fix.lat, fix.lon))
            continue
        if haversine_m(previous.lat, previous.lon, fix.lat, fix.lon) / dt * 3.6 > max_speed_kmh:
            jumps += 1  # ignore the fix; the next one is judged against the last good fix
            continue
        step = haversine_m(anchor.lat, anchor.lon, fix.lat, fix.lon)
        if step >= jitter_m:
            distance += step
            moving += dt
            anchor = fix
            trace.append((fix.lat, fix.lon))
        else:
            stopped += dt
        previous = fix
    return RouteSummary(len(ordered), distance, moving, stopped, tuple(gaps), jumps, tuple(trace))


def distance_to_trace_m(lat: float, lon: float, trace: Sequence[tuple[float, float]]) -> float | None:
    """Shortest distance from a point to the polyline ``trace`` (None without a trace).

    Uses a local equirectangular projection per segment: errors are far below the hundreds of
    metres the "never reached" check works with.
    """
    if not trace:
        return None
    if len(trace) == 1:
        return haversine_m(lat, lon, *trace[0])
    k = math.cos(math.radians(lat))
    best = math.inf
    for (alat, alon), (blat, blon) in itertools.pairwise(trace):
        ax, ay = (alon - lon) * k, alat - lat
        bx, by = (blon - lon) * k, blat - lat
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
        px, py = ax + t * dx, ay + t * dy
        best = min(best, math.hypot(px, py))
    return math.radians(best) * EARTH_RADIUS_M
