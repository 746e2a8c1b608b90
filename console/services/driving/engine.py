"""Driving and rest periods of one driver from time-ordered fixes, and the limit alerts they cross.

Pure Python and incremental: a driver's whole situation is a small :class:`DriverClock` that the
next fix updates, so raw positions need not be kept (docs/driving_time.md). Rules, as documented
there: the interval between two fixes is driving when the earlier fix was moving and the device
did not fall silent for longer than ``max_fix_gap_s``; anything else is a stop. A stop becomes rest
once it has lasted ``rest_min_s`` (exactly 15 min is rest); a shorter stop neither ends nor counts
towards continuous driving. Days are Vietnam calendar days, weeks ISO weeks starting Monday.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from .rules import DrivingRules

LIMITS = ("continuous", "day", "week")
DRIVING, REST = "driving", "rest"
APPROACHING, EXCEEDED, OK = "approaching", "exceeded", "ok"
_DAY = 86400.0


@dataclass(frozen=True)
class DrivingFix:
    driver_id: int
    vehicle_id: int
    tst: float  # seconds since the epoch (UTC)
    lat: float
    lon: float
    speed_kmh: float | None


@dataclass(frozen=True)
class Period:
    driver_id: int
    vehicle_id: int
    kind: str  # driving | rest
    start: float
    end: float


@dataclass(frozen=True)
class LimitAlert:
    driver_id: int
    vehicle_id: int
    limit: str  # continuous | day | week
    level: str  # approaching | exceeded
    at: float
    value_s: float
    limit_s: float


@dataclass
class DriverClock:
    """Everything the engine remembers about one driver; stored as JSON beside the driver."""

    last_tst: float | None = None
    last_lat: float = 0.0
    last_lon: float = 0.0
    last_moving: bool = False
    vehicle_id: int = 0
    continuous_s: float = 0.0
    stretch_start: float = 0.0  # start of the continuous stretch: alerts are once per stretch
    stop_s: float = 0.0
    stop_start: float = 0.0
    day_key: str = ""
    day_s: float = 0.0
    week_key: str = ""
    week_s: float = 0.0
    period_kind: str = ""
    period_start: float = 0.0
    period_end: float = 0.0
    period_vehicle: int = 0
    alerted: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DriverClock:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def copy(self) -> DriverClock:
        return DriverClock.from_json({**self.to_json(), "alerted": list(self.alerted)})

    def value(self, limit: str) -> float:
        return {"continuous": self.continuous_s, "day": self.day_s, "week": self.week_s}[limit]

    def level(self, rules: DrivingRules) -> str:
        worst = OK
        for name in LIMITS:
            lvl = _level(self.value(name), rules.limit(name), rules)
            if lvl == EXCEEDED:
                return EXCEEDED
            if lvl == APPROACHING:
                worst = APPROACHING
        return worst


def _level(value: float, limit: float, rules: DrivingRules) -> str:
    # "không quá 4 giờ": exactly the limit is still lawful, one second more is not.
    if value > limit:
        return EXCEEDED
    if value >= limit - rules.warning_margin_s:
        return APPROACHING
    return OK


def calendar_keys(tst: float, utc_offset_h: int) -> tuple[str, str]:
    local = datetime.fromtimestamp(tst + utc_offset_h * 3600, UTC)
    year, week, _ = local.isocalendar()
    return local.date().isoformat(), f"{year}-W{week:02d}"


def _next_midnight(tst: float, utc_offset_h: int) -> float:
    off = utc_offset_h * 3600
    return math.floor((tst + off) / _DAY) * _DAY + _DAY - off


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371000.0 * math.asin(min(1.0, math.sqrt(a)))


class DrivingEngine:
    def __init__(self, rules: DrivingRules) -> None:
        self.rules = rules

    def step(self, clock: DriverClock, fix: DrivingFix) -> tuple[list[Period], list[LimitAlert]]:
        """Apply one fix (later than the clock's last); returns the periods it touched and new alerts."""
        r = self.rules
        moving = self._moving(clock, fix)
        if clock.last_tst is None:
            clock.day_key, clock.week_key = calendar_keys(fix.tst, r.utc_offset_h)
            self._remember(clock, fix, moving)
            return [], []
        if fix.tst <= clock.last_tst:
            return [], []
        touched: list[Period] = []
        prev = clock.last_tst
        dt = fix.tst - prev
        if clock.period_kind and fix.vehicle_id != clock.period_vehicle:
            # Another vehicle: the same driver's clock goes on, but the bars say which vehicle.
            touched.append(self._period(clock, fix.driver_id))
            clock.period_kind = ""
        if clock.last_moving and dt <= r.max_fix_gap_s:
            clock.stop_s = 0.0
            if clock.continuous_s == 0.0:
                clock.stretch_start = prev
            clock.continuous_s += dt
            self._add_driving(clock, prev, fix.tst)
            if clock.period_kind != DRIVING:
                if clock.period_kind:
                    touched.append(self._period(clock, fix.driver_id))
                self._open(clock, DRIVING, prev, fix.vehicle_id)
            clock.period_end = fix.tst
        else:
            if clock.stop_s == 0.0:
                clock.stop_start = prev
            clock.stop_s += dt
            if clock.stop_s >= r.rest_min_s:
                clock.continuous_s = 0.0
                if clock.period_kind != REST:
                    if clock.period_kind:
                        touched.append(self._period(clock, fix.driver_id))
                    self._open(clock, REST, clock.stop_start, fix.vehicle_id)
                clock.period_end = fix.tst
        day, week = calendar_keys(fix.tst, r.utc_offset_h)
        if day != clock.day_key:
            clock.day_key, clock.day_s = day, 0.0
        if week != clock.week_key:
            clock.week_key, clock.week_s = week, 0.0
        if clock.period_kind:
            touched.append(self._period(clock, fix.driver_id))
        alerts = self._alerts(clock, fix)
        self._remember(clock, fix, moving)
        return touched, alerts

    def _moving(self, clock: DriverClock, fix: DrivingFix) -> bool:
        if fix.speed_kmh is not None:
            return fix.speed_kmh > self.rules.moving_speed_kmh
        if clock.last_tst is None or fix.tst <= clock.last_tst:
            return False
        metres = _distance_m(clock.last_lat, clock.last_lon, fix.lat, fix.lon)
        return metres / (fix.tst - clock.last_tst) * 3.6 > self.rules.moving_speed_kmh

    @staticmethod
    def _remember(clock: DriverClock, fix: DrivingFix, moving: bool) -> None:
        clock.last_tst, clock.last_lat, clock.last_lon = fix.tst, fix.lat, fix.lon
        clock.last_moving, clock.vehicle_id = moving, fix.vehicle_id

    @staticmethod
    def _open(clock: DriverClock, kind: str, start: float, vehicle_id: int) -> None:
        clock.period_kind, clock.period_start, clock.period_end, clock.period_vehicle = kind, start, start, vehicle_id

    @staticmethod
    def _period(clock: DriverClock, driver_id: int) -> Period:
        return Period(driver_id, clock.period_vehicle, clock.period_kind, clock.period_start, clock.period_end)

    def _add_driving(self, clock: DriverClock, start: float, end: float) -> None:
        """Count [start, end) into the day and week it falls in, split at Vietnam midnight."""
        t = start
        while t < end:
            piece_end = min(end, _next_midnight(t, self.rules.utc_offset_h))
            day, week = calendar_keys(t, self.rules.utc_offset_h)
            if day != clock.day_key:
                clock.day_key, clock.day_s = day, 0.0
            if week != clock.week_key:
                clock.week_key, clock.week_s = week, 0.0
            clock.day_s += piece_end - t
            clock.week_s += piece_end - t
            t = piece_end

    def _alerts(self, clock: DriverClock, fix: DrivingFix) -> list[LimitAlert]:
        windows = {
            "continuous": f"c{clock.stretch_start:.0f}",
            "day": f"d{clock.day_key}",
            "week": f"w{clock.week_key}",
        }
        # Only the current windows' marks are kept, so the list stays a handful of entries.
        clock.alerted = [m for m in clock.alerted if m.split(":")[1] in windows.values()]
        out: list[LimitAlert] = []
        for name in LIMITS:
            value, limit = clock.value(name), self.rules.limit(name)
            level = _level(value, limit, self.rules)
            if level == OK or (name == "continuous" and value == 0.0):
                continue
            mark = f"{name}:{windows[name]}:{level}"
            if mark in clock.alerted:
                continue
            clock.alerted.append(mark)
            if level == EXCEEDED:
                # Crossing both at once (a late fix, an import): the exceeded alert says enough.
                clock.alerted.append(f"{name}:{windows[name]}:{APPROACHING}")
            out.append(LimitAlert(fix.driver_id, fix.vehicle_id, name, level, fix.tst, value, limit))
        return out
