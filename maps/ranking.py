"""Which available patrol team should go: straight-line distance first, then ETA for the closest few.

Computer-aided-dispatch practice: only available units are candidates; a unit whose last fix is
older than the stale threshold may be anywhere, so it is ranked after every unit with a fresh
fix (and marked), whatever its nominal distance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .geo import LatLon, haversine_m

# Road-class travel speeds for the ETA guess (km/h, emergency driving with traffic). Overridden
# from [map] in the config; the detour factor turns straight-line distance into road distance.
DEFAULT_SPEEDS_KMH = {"expressway": 80.0, "national_highway": 50.0, "city": 25.0}
DETOUR_FACTOR = 1.3


@dataclass(frozen=True)
class UnitFix:
    unit_id: int
    call_sign: str
    status: str
    lat: float | None
    lon: float | None
    fixed_at: datetime | None
    road_class: str = "national_highway"  # road class the unit is on/near


@dataclass(frozen=True)
class Suggestion:
    unit_id: int
    call_sign: str
    distance_m: float
    eta_s: float | None  # None for units outside the top few (distance only)
    stale: bool
    fix_age_s: float | None


@dataclass(frozen=True)
class RankingPolicy:
    stale_after: timedelta = timedelta(minutes=5)
    eta_top: int = 5
    speeds_kmh: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SPEEDS_KMH))
    detour_factor: float = DETOUR_FACTOR


def eta_s(distance_m: float, road_class: str, policy: RankingPolicy) -> float:
    speed = policy.speeds_kmh.get(road_class) or policy.speeds_kmh.get("national_highway") or 40.0
    return distance_m * policy.detour_factor / (speed / 3.6)


def rank_units(target: LatLon, units: list[UnitFix], now: datetime, policy: RankingPolicy) -> list[Suggestion]:
    """Available units with a position, fresh before stale; the top ``eta_top`` re-ordered by ETA."""
    fresh: list[Suggestion] = []
    stale: list[Suggestion] = []
    road: dict[int, str] = {}
    for u in units:
        if u.status != "available" or u.lat is None or u.lon is None:
            continue
        age = (now - u.fixed_at).total_seconds() if u.fixed_at is not None else None
        is_stale = age is None or age > policy.stale_after.total_seconds()
        s = Suggestion(u.unit_id, u.call_sign, haversine_m(target, (u.lat, u.lon)), None, is_stale, age)
        road[u.unit_id] = u.road_class
        (stale if is_stale else fresh).append(s)
    fresh.sort(key=lambda s: (s.distance_m, s.call_sign))
    stale.sort(key=lambda s: (s.distance_m, s.call_sign))
    top = [
        Suggestion(
            s.unit_id, s.call_sign, s.distance_m, eta_s(s.distance_m, road[s.unit_id], policy), False, s.fix_age_s
        )
        for s in fresh[: policy.eta_top]
    ]
    top.sort(key=lambda s: (s.eta_s or 0.0, s.distance_m))
    return top + fresh[policy.eta_top :] + stale
