"""Violation codes a patrol log may record: the camera fine table plus the roadside-only table.

Both are data files under resources/ because the law changes; a code not in either is refused at
entry so that reports never group by a misspelling.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from console.paths import RESOURCES

CAMERA_TABLE = RESOURCES / "legal" / "decree168_fines.json"
ROADSIDE_TABLE = RESOURCES / "patrol" / "roadside_violations.json"


@dataclass(frozen=True)
class ViolationCode:
    code: str
    name_vi: str
    name_en: str
    # Breath-alcohol band (mg/l) for the alcohol codes: above < reading <= up_to.
    above_mg_l: float | None = None
    up_to_mg_l: float | None = None


@cache
def codes(camera: Path = CAMERA_TABLE, roadside: Path = ROADSIDE_TABLE) -> dict[str, ViolationCode]:
    out: dict[str, ViolationCode] = {}
    for path in (camera, roadside):
        with path.open(encoding="utf-8") as fh:
            for v in json.load(fh)["violations"]:
                band = v.get("breath_mg_l") or {}
                out[v["code"]] = ViolationCode(
                    v["code"], v["name_vi"], v["name_en"], band.get("above"), band.get("up_to")
                )
    return out


def alcohol_code(reading_mg_l: float) -> str | None:
    """The alcohol violation a breath reading amounts to; None for a zero reading."""
    for c in codes().values():
        if c.above_mg_l is None:
            continue
        if reading_mg_l > c.above_mg_l and (c.up_to_mg_l is None or reading_mg_l <= c.up_to_mg_l):
            return c.code
    return None
