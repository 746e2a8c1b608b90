"""A patrol-log JSON file -> LogInput, or LogFileError naming the line and the field.

Only reads and validates; storing (and refusing duplicates) is PatrolLogService.import_text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from console.services.audit import canonical_json

from .model import EntryError, EntryInput, LogInput, check_header, normalise_entry
from .schema import Located, LogFileError, PathKey, check, parse_time
from .violations import alcohol_code

MAX_BYTES = 5_000_000


def content_hash(doc: Located) -> str:
    """Hash of the content, not the bytes: the same log re-indented or re-saved is still a duplicate."""
    return hashlib.sha256(canonical_json(doc.value).encode("utf-8")).hexdigest()


def read_text(text: str) -> tuple[Located, LogInput]:
    if len(text) > MAX_BYTES:
        raise LogFileError(f"the file is {len(text)} characters long; a shift log is never above {MAX_BYTES}")
    doc = Located(text)
    check(doc)
    raw: dict[str, Any] = doc.value
    shift = raw["shift"]
    data = LogInput(
        unit=raw["unit"].strip(),
        shift_start=parse_time(shift["start"]),
        shift_end=parse_time(shift["end"]) if shift.get("end") else None,
        plan_ref=raw.get("plan_ref", "").strip(),
        route_area=raw.get("route_area", "").strip(),
        vehicle=raw.get("vehicle", "").strip(),
        members=tuple({k: str(v).strip() for k, v in m.items()} for m in raw.get("members", [])),
        entries=tuple(_entries(doc, raw["entries"])),
    )
    try:
        check_header(data)
    except EntryError as exc:
        raise doc.fail(("shift", "end") if "end" in exc.field else ("shift",), exc.reason) from None
    return doc, data


def _entries(doc: Located, items: list[dict[str, Any]]) -> list[EntryInput]:
    out: list[EntryInput] = []
    for i, item in enumerate(items):
        at = parse_time(item["at"])
        entry = EntryInput(
            at=at,
            kind=item["kind"],
            place=item.get("place", ""),
            lat=item.get("lat"),
            lon=item.get("lon"),
            plate=item.get("plate"),
            vehicle_class=item.get("vehicle_class"),
            result=item.get("result"),
            violation_code=item.get("violation"),
            tests_count=item.get("tests_count"),
            incident_id=item.get("incident_id"),
            note=item.get("note", ""),
        )
        out.append(_normalised(doc, entry, ("entries", i)))
        positives = item.get("positives", [])
        if positives and item["kind"] != "alcohol_test":
            raise doc.fail(("entries", i, "positives"), "only an alcohol_test entry lists positive readings")
        for j, pos in enumerate(positives):
            reading = float(pos["reading_mg_l"])
            positive = EntryInput(
                at=at,
                kind="alcohol_test",
                place=entry.place,
                lat=entry.lat,
                lon=entry.lon,
                plate=pos["plate"],
                vehicle_class=pos.get("vehicle_class"),
                result=pos.get("result", "violation"),
                # The band follows from the reading; a device may still name it explicitly.
                violation_code=pos.get("violation") or alcohol_code(reading),
                reading_mg_l=reading,
                note=pos.get("note", ""),
            )
            out.append(_normalised(doc, positive, ("entries", i, "positives", j)))
    return out


def _normalised(doc: Located, entry: EntryInput, path: PathKey) -> EntryInput:
    try:
        return normalise_entry(entry)
    except EntryError as exc:
        raise doc.fail((*path, exc.field), exc.reason) from None
