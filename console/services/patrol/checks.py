"""Consistency checks a supervisor sees before signing a log off.

Each check is a fact about the log, not a verdict: the supervisor decides. They are computed on
every view (never stored) so they always reflect the log and the GPS history as they are now.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .route import RouteSummary, distance_to_trace_m

if TYPE_CHECKING:
    from .model import EntryView

# Phone positions typed in by hand or taken at the roadside are rough; a checkpoint 1 km from every
# point the unit's tracker recorded is not a rounding error.
FAR_FROM_TRACE_M = 1000.0

MISSING_END = "missing_end"
OUTSIDE_SHIFT = "outside_shift"
FAR_FROM_TRACE = "far_from_trace"
NO_TRACE = "no_trace"
HELD_WITHOUT_VIOLATION = "held_without_violation"
INCIDENT_NOT_DISPATCHED = "incident_not_dispatched"
GPS_GAP = "gps_gap"


@dataclass(frozen=True)
class Check:
    code: str
    entry_id: int | None
    at: datetime | None
    value: float | None  # metres for far_from_trace, minutes for gps_gap
    text: str  # English, for the command line and the audit entry; the UI words it from code + value


def run_checks(
    shift_start: datetime,
    shift_end: datetime | None,
    entries: Sequence[EntryView],
    route: RouteSummary,
    dispatched_incidents: Collection[int],
    far_m: float = FAR_FROM_TRACE_M,
) -> tuple[Check, ...]:
    found: list[Check] = []
    if shift_end is None:
        found.append(Check(MISSING_END, None, None, None, "the shift has no end time"))
    for gap in route.gaps:
        found.append(Check(GPS_GAP, None, gap.start, round(gap.minutes, 1), f"no GPS fix for {gap.minutes:.0f} min"))
    located = [e for e in entries if e.lat is not None and e.lon is not None]
    if located and not route.trace:
        found.append(Check(NO_TRACE, None, None, None, "entries have places but the unit sent no GPS fix"))
    for e in entries:
        if e.at < shift_start or (shift_end is not None and e.at > shift_end):
            found.append(Check(OUTSIDE_SHIFT, e.id, e.at, None, f"entry at {e.at:%Y-%m-%d %H:%M} is outside the shift"))
        if e.lat is not None and e.lon is not None and route.trace:
            distance = distance_to_trace_m(e.lat, e.lon, route.trace)
            if distance is not None and distance > far_m:
                found.append(
                    Check(
                        FAR_FROM_TRACE, e.id, e.at, round(distance),
                        f"{e.kind} at {e.place or 'a place'} is {distance / 1000:.1f} km from the GPS trace",
                    )
                )  # fmt: skip
        if e.result == "held" and not e.violation_code:
            found.append(Check(HELD_WITHOUT_VIOLATION, e.id, e.at, None, f"{e.plate} held without a violation"))
        if e.kind == "incident" and e.incident_id is not None and e.incident_id not in dispatched_incidents:
            found.append(
                Check(
                    INCIDENT_NOT_DISPATCHED, e.id, e.at, None,
                    f"incident #{e.incident_id} has no dispatch record for this unit",
                )
            )  # fmt: skip
    return tuple(found)
