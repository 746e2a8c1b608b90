"""What a patrol log holds, as plain values: the input a form or a file gives, the view a page shows.

Validation of one entry lives here too, so the station form and the JSON import refuse the same
things with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from inference.plates.grammar import parse_plate

from .checks import Check
from .route import RouteSummary
from .violations import codes

KINDS = ("checkpoint", "vehicle_check", "alcohol_test", "incident", "note")
RESULTS = ("no_violation", "warning", "violation", "held")
VEHICLE_CLASSES = ("car", "motorbike", "bus", "truck")
STATUSES = ("open", "submitted", "returned", "signed")


@dataclass(frozen=True)
class EntryInput:
    at: datetime
    kind: str
    place: str = ""
    lat: float | None = None
    lon: float | None = None
    plate: str | None = None
    vehicle_class: str | None = None
    result: str | None = None
    violation_code: str | None = None
    tests_count: int | None = None
    reading_mg_l: float | None = None
    incident_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class LogInput:
    unit: str  # call sign
    shift_start: datetime
    shift_end: datetime | None
    plan_ref: str = ""
    route_area: str = ""
    vehicle: str = ""
    members: tuple[dict[str, str], ...] = ()
    entries: tuple[EntryInput, ...] = ()


class EntryError(ValueError):
    """One entry cannot be recorded; ``field`` names the offending field."""

    def __init__(self, field_: str, reason: str) -> None:
        super().__init__(f"{field_}: {reason}")
        self.field = field_
        self.reason = reason


def normalise_entry(entry: EntryInput) -> EntryInput:
    """The entry as it is stored (plate in its normalised form), or EntryError saying what is wrong."""
    if entry.at.tzinfo is None:
        raise EntryError("at", "time has no UTC offset")
    if entry.kind not in KINDS:
        raise EntryError("kind", f"'{entry.kind}' is not one of: {', '.join(KINDS)}")
    if (entry.lat is None) != (entry.lon is None):
        raise EntryError("lat" if entry.lat is None else "lon", "give both latitude and longitude, or neither")
    plate = entry.plate
    if plate is not None and plate.strip():
        parsed = parse_plate(plate)
        if parsed is None:
            raise EntryError("plate", f"'{plate}' is not a Vietnamese plate (e.g. 30A-123.45, 29-B1 123.45)")
        plate = parsed.text
    else:
        plate = None
    if entry.vehicle_class is not None and entry.vehicle_class not in VEHICLE_CLASSES:
        raise EntryError("vehicle_class", f"'{entry.vehicle_class}' is not one of: {', '.join(VEHICLE_CLASSES)}")
    if entry.result is not None and entry.result not in RESULTS:
        raise EntryError("result", f"'{entry.result}' is not one of: {', '.join(RESULTS)}")
    code = entry.violation_code or None
    if code is not None and code not in codes():
        raise EntryError("violation", f"'{code}' is not a Decree 168 violation code known to the console")
    if entry.kind == "vehicle_check":
        if plate is None:
            raise EntryError("plate", "a vehicle check needs the plate")
        if entry.result is None:
            raise EntryError("result", "a vehicle check needs its result")
    if entry.result == "violation" and code is None:
        raise EntryError("violation", "a violation needs its Decree 168 rule code")
    if entry.result in ("no_violation", "warning") and code is not None:
        raise EntryError("violation", f"a result of '{entry.result}' cannot carry a violation code")
    if entry.kind == "alcohol_test":
        if entry.tests_count is None and entry.reading_mg_l is None:
            raise EntryError("tests_count", "an alcohol test needs the number of drivers tested or a reading")
        if entry.reading_mg_l is not None and entry.reading_mg_l > 0 and plate is None:
            raise EntryError("plate", "a positive alcohol reading needs the driver's plate")
    if entry.kind == "incident" and entry.incident_id is None:
        raise EntryError("incident_id", "an attended incident needs the console's incident number")
    return EntryInput(
        at=entry.at, kind=entry.kind, place=entry.place.strip(), lat=entry.lat, lon=entry.lon, plate=plate,
        vehicle_class=entry.vehicle_class, result=entry.result, violation_code=code, tests_count=entry.tests_count,
        reading_mg_l=entry.reading_mg_l, incident_id=entry.incident_id, note=entry.note.strip(),
    )  # fmt: skip


def check_header(data: LogInput) -> None:
    if data.shift_start.tzinfo is None or (data.shift_end is not None and data.shift_end.tzinfo is None):
        raise EntryError("shift", "shift times need their UTC offset")
    if data.shift_end is not None and data.shift_end <= data.shift_start:
        raise EntryError("shift.end", "the shift ends before it starts")


@dataclass(frozen=True)
class EntryView:
    id: int
    at: datetime
    kind: str
    place: str
    lat: float | None
    lon: float | None
    plate: str | None
    vehicle_class: str | None
    result: str | None
    violation_code: str | None
    tests_count: int | None
    reading_mg_l: float | None
    incident_id: int | None
    note: str


@dataclass(frozen=True)
class LogRow:
    id: int
    unit: str
    shift_start: datetime
    shift_end: datetime | None
    route_area: str
    status: str
    revision: int
    superseded: bool
    source: str
    entries: int


@dataclass(frozen=True)
class LogView:
    id: int
    unit_id: int
    unit: str
    unit_name: str
    shift_start: datetime
    shift_end: datetime | None
    plan_ref: str
    route_area: str
    vehicle: str
    members: tuple[dict[str, Any], ...]
    status: str
    revision: int
    supersedes_id: int | None
    superseded_by_id: int | None
    review_comment: str
    signed_by: str | None
    signed_at: datetime | None
    source: str
    entries: tuple[EntryView, ...]
    route: RouteSummary
    checks: tuple[Check, ...] = field(default=())

    @property
    def frozen(self) -> bool:
        return self.status == "signed"
