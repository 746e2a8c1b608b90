"""The driving-time limits (resources/legal/driving_time.json), loaded and checked at start.

Data, not code, because the law and its implementing circulars change; a file that is missing a
limit or gives a nonsensical one is refused with the field named rather than enforced wrongly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from console.paths import RESOURCES

RULES_PATH = RESOURCES / "legal" / "driving_time.json"


class RulesError(ValueError):
    """The limits file cannot be used; the message names the field."""


@dataclass(frozen=True)
class DrivingRules:
    version: str
    short_ref: str
    continuous_s: float  # longest continuous driving allowed (exactly this is still allowed)
    day_s: float
    week_s: float
    rest_min_s: float  # a stop this long or longer is rest and ends continuous driving
    warning_margin_s: float  # "approaching" this long before a limit
    moving_speed_kmh: float  # above this a fix counts as moving
    max_fix_gap_s: float  # a longer silence between fixes is not counted as driving
    utc_offset_h: int  # days and weeks are Vietnam calendar days and ISO weeks

    def limit(self, name: str) -> float:
        return {"continuous": self.continuous_s, "day": self.day_s, "week": self.week_s}[name]


def _positive(data: dict[str, Any], key: str, where: str = "") -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise RulesError(f"{where}{key}: must be a positive number, got {value!r}")
    return float(value)


def parse_rules(data: object) -> DrivingRules:
    if not isinstance(data, dict):
        raise RulesError("the file must hold one JSON object")
    if data.get("schema") != 1:
        raise RulesError(f"schema: expected 1, got {data.get('schema')!r}")
    source = data.get("legal_source")
    if not isinstance(source, dict) or not source.get("instrument") or not source.get("article"):
        raise RulesError("legal_source: instrument and article are required")
    limits = data.get("limits")
    if not isinstance(limits, dict):
        raise RulesError("limits: missing")
    rules = DrivingRules(
        version=str(data.get("version", "")),
        short_ref=str(data.get("short_ref", "")),
        continuous_s=_positive(limits, "continuous_s", "limits."),
        day_s=_positive(limits, "day_s", "limits."),
        week_s=_positive(limits, "week_s", "limits."),
        rest_min_s=_positive(data, "rest_min_s"),
        warning_margin_s=_positive(data, "warning_margin_s"),
        moving_speed_kmh=_positive(data, "moving_speed_kmh"),
        max_fix_gap_s=_positive(data, "max_fix_gap_s"),
        utc_offset_h=int(data.get("utc_offset_h", 7)),
    )
    if not rules.continuous_s <= rules.day_s <= rules.week_s:
        raise RulesError("limits: continuous_s <= day_s <= week_s must hold")
    if rules.warning_margin_s >= rules.continuous_s:
        raise RulesError("warning_margin_s: must be shorter than the continuous limit")
    return rules


def load_rules(path: Path = RULES_PATH) -> DrivingRules:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"{path}: {exc}") from exc
    try:
        return parse_rules(data)
    except RulesError as exc:
        raise RulesError(f"{path}: {exc}") from None


@cache
def default_rules() -> DrivingRules:
    return load_rules()
