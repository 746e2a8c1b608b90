"""The Decree 168/2024 fine table (resources/legal/decree168_fines.json) and fine computation.

Pure data and arithmetic: no database. The table is data because the law changes; each computed
fine carries its legal reference and amounts so that a later table does not rewrite old fines.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from console.paths import RESOURCES

TABLE_PATH = RESOURCES / "legal" / "decree168_fines.json"


class FineRuleError(ValueError):
    """The violation cannot be fined as described; the message says why."""


@dataclass(frozen=True)
class Penalty:
    article: int
    clause: int
    point: str
    min_vnd: int
    max_vnd: int
    points: int


@dataclass(frozen=True)
class SpeedBand:
    low: float
    low_inclusive: bool
    high: float | None
    high_inclusive: bool

    def contains(self, excess: float) -> bool:
        above = excess >= self.low if self.low_inclusive else excess > self.low
        if self.high is None:
            return above
        below = excess <= self.high if self.high_inclusive else excess < self.high
        return above and below


@dataclass(frozen=True)
class Violation:
    code: str
    rule_kinds: tuple[str, ...]
    route_kinds: tuple[str, ...] | None
    speed_band: SpeedBand | None
    name_vi: str
    name_en: str
    penalties: dict[str, Penalty]


@dataclass(frozen=True)
class ComputedFine:
    violation: Violation
    fine_class: str  # car | motorbike: the decree's article, after mapping bus/truck
    penalty: Penalty
    legal_ref: str  # "NĐ 168/2024 Đ6.9.b"
    excess_kmh: float | None


@dataclass(frozen=True)
class FineTable:
    version: str
    short_ref: str
    instrument: str
    class_map: dict[str, str]
    violations: tuple[Violation, ...]

    def by_code(self, code: str) -> Violation:
        for v in self.violations:
            if v.code == code:
                return v
        raise FineRuleError(f"'{code}' is not in the fine table (version {self.version})")

    def fine_class(self, vehicle_class: str | None) -> str:
        if vehicle_class is None:
            raise FineRuleError("the vehicle class is unknown: neither the registration nor the detection gives one")
        try:
            return self.class_map[vehicle_class]
        except KeyError:
            raise FineRuleError(f"vehicle class '{vehicle_class}' is not covered by the fine table") from None

    def violation_for(self, rule_kind: str, route_kind: str, measured: dict[str, Any]) -> Violation:
        """The violation a camera rule hit amounts to; speeding picks its band from the measurement."""
        matches = [
            v
            for v in self.violations
            if rule_kind in v.rule_kinds and (v.route_kinds is None or route_kind in v.route_kinds)
        ]
        if not matches:
            raise FineRuleError(f"rule '{rule_kind}' on a {route_kind} camera has no entry in the fine table")
        banded = [v for v in matches if v.speed_band is not None]
        if not banded:
            return matches[0]
        excess = speed_excess(measured)
        for v in banded:
            assert v.speed_band is not None
            if v.speed_band.contains(excess):
                return v
        raise FineRuleError(f"{excess:g} km/h over the limit is below the first fined band (5 km/h)")

    def compute(
        self, rule_kind: str, route_kind: str, vehicle_class: str | None, measured: dict[str, Any]
    ) -> ComputedFine:
        violation = self.violation_for(rule_kind, route_kind, measured)
        fine_class = self.fine_class(vehicle_class)
        penalty = violation.penalties.get(fine_class)
        if penalty is None:
            raise FineRuleError(f"'{violation.name_en}' carries no fine for a {fine_class} under {self.short_ref}")
        ref = f"{self.short_ref} Đ{penalty.article}.{penalty.clause}.{penalty.point}"
        excess = speed_excess(measured) if violation.speed_band is not None else None
        return ComputedFine(violation, fine_class, penalty, ref, excess)


def speed_excess(measured: dict[str, Any]) -> float:
    """km/h over the limit from the measured values the speed rule stored."""
    try:
        speed = float(measured["speed_kmh"])
        limit = float(measured["limit_kmh"])
    except (KeyError, TypeError, ValueError):
        raise FineRuleError("a speeding candidate needs measured speed_kmh and limit_kmh") from None
    return round(speed - limit, 1)


def _band(raw: dict[str, Any] | None) -> SpeedBand | None:
    if raw is None:
        return None
    return SpeedBand(float(raw["min"]), bool(raw["min_inclusive"]), raw["max"], bool(raw["max_inclusive"]))


def parse_table(doc: dict[str, Any]) -> FineTable:
    violations = tuple(
        Violation(
            code=v["code"],
            rule_kinds=tuple(v["rule_kinds"]),
            route_kinds=tuple(v["route_kinds"]) if "route_kinds" in v else None,
            speed_band=_band(v.get("speed_excess_kmh")),
            name_vi=v["name_vi"],
            name_en=v["name_en"],
            penalties={cls: Penalty(**p) for cls, p in v["penalties"].items()},
        )
        for v in doc["violations"]
    )
    return FineTable(
        version=doc["version"],
        short_ref=doc["short_ref"],
        instrument=doc["legal_source"]["instrument"],
        class_map=dict(doc["vehicle_class_map"]),
        violations=violations,
    )


@cache
def load_table(path: Path = TABLE_PATH) -> FineTable:
    with path.open(encoding="utf-8") as fh:
        return parse_table(json.load(fh))
