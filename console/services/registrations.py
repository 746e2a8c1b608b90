"""Vehicle-registration import from CSV: every row checked first, then all stored or none.

Columns (header row required, UTF-8, the order is free; see docs/fines.md):
plate, plate_colour, vehicle_class, owner_name are required; owner_id_number, owner_address,
owner_phone, brand, model, colour, registered_on (YYYY-MM-DD) are optional. A plate already
registered with the same colour is updated, a new one added.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from console.storage.db import Database
from console.storage.models import VehicleRegistration
from inference.plates.grammar import parse_plate

from .audit import AuditLog
from .context import Actor, Permission

REQUIRED = ("plate", "plate_colour", "vehicle_class", "owner_name")
OPTIONAL = ("owner_id_number", "owner_address", "owner_phone", "brand", "model", "colour", "registered_on")
COLOURS = ("white", "yellow", "blue", "red")
CLASSES = ("car", "motorbike", "bus", "truck")
_WIDTH = {"owner_name": 160, "owner_id_number": 20, "owner_phone": 20, "brand": 64, "model": 64, "colour": 32}


class RegistrationImportError(ValueError):
    """The file was refused; ``problems`` lists each bad row as "line N: …"."""

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(problems[:50]) + (f"\n… and {len(problems) - 50} more" if len(problems) > 50 else "")
        super().__init__(f"nothing was imported; {len(problems)} problem(s):\n{shown}")
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int


def _check_row(line: int, row: dict[str, str]) -> tuple[dict[str, Any] | None, list[str]]:
    problems: list[str] = []
    values: dict[str, Any] = {k: (row.get(k) or "").strip() for k in (*REQUIRED, *OPTIONAL)}
    for key in REQUIRED:
        if not values[key]:
            problems.append(f"line {line}: {key} is empty")
    plate = parse_plate(values["plate"]) if values["plate"] else None
    if values["plate"] and plate is None:
        problems.append(f"line {line}: '{values['plate']}' is not a valid Vietnamese plate")
    if values["plate_colour"] and values["plate_colour"] not in COLOURS:
        problems.append(f"line {line}: plate_colour '{values['plate_colour']}' must be one of {', '.join(COLOURS)}")
    if values["vehicle_class"] and values["vehicle_class"] not in CLASSES:
        problems.append(f"line {line}: vehicle_class '{values['vehicle_class']}' must be one of {', '.join(CLASSES)}")
    for key, width in _WIDTH.items():
        if len(values[key]) > width:
            problems.append(f"line {line}: {key} is longer than {width} characters")
    registered: date | None = None
    if values["registered_on"]:
        try:
            registered = date.fromisoformat(values["registered_on"])
        except ValueError:
            problems.append(f"line {line}: registered_on '{values['registered_on']}' is not a date (YYYY-MM-DD)")
    if problems or plate is None:
        return None, problems
    values["plate"] = plate.text
    values["registered_on"] = registered
    return values, []


def parse_csv(text: str) -> list[dict[str, Any]]:
    """Checked rows ready to store; RegistrationImportError lists every problem with its line."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _parse(reader)
    except csv.Error as exc:  # a field over the csv module's size limit, a stray quote at the end…
        raise RegistrationImportError([f"line {reader.line_num}: not readable as CSV ({exc})"]) from None


def _parse(reader: csv.DictReader[str]) -> list[dict[str, Any]]:
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in (*REQUIRED, *OPTIONAL)]
    if not header or missing or unknown:
        parts = []
        if missing or not header:
            parts.append(f"missing column(s): {', '.join(missing or REQUIRED)}")
        if unknown:
            parts.append(f"unknown column(s): {', '.join(unknown)}")
        raise RegistrationImportError([f"line 1: {'; '.join(parts)}"])
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(f"line {line}: more fields than columns")
            continue
        if not any((v or "").strip() for v in row.values()):
            continue
        values, bad = _check_row(line, row)
        problems.extend(bad)
        if values is None:
            continue
        key = (values["plate"], values["plate_colour"])
        if key in seen:
            problems.append(f"line {line}: {key[0]} ({key[1]}) already given on line {seen[key]}")
            continue
        seen[key] = line
        rows.append(values)
    if problems:
        raise RegistrationImportError(problems)
    if not rows:
        raise RegistrationImportError(["the file holds no registrations"])
    return rows


class RegistrationService:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def import_file(self, actor: Actor, path: Path) -> ImportResult:
        try:
            # utf-8-sig: spreadsheet programs put a byte-order mark in front of UTF-8 CSV.
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise RegistrationImportError([f"{path.name} is not UTF-8 text; save the CSV as UTF-8"]) from None
        except OSError as exc:
            raise RegistrationImportError([f"cannot read {path}: {exc.strerror}"]) from None
        return self.import_text(actor, text, source=path.name)

    def import_text(self, actor: Actor, text: str, source: str = "") -> ImportResult:
        actor.require(Permission.CAMERA_CONFIGURE)
        rows = parse_csv(text)
        added = updated = 0
        with self.db.session() as s:
            plates = sorted({r["plate"] for r in rows})
            existing: dict[tuple[str, str], VehicleRegistration] = {}
            # Chunks keep each IN list under SQLite's limit on bound parameters.
            for start in range(0, len(plates), 5000):
                chunk = plates[start : start + 5000]
                for r in s.scalars(select(VehicleRegistration).where(VehicleRegistration.plate.in_(chunk))):
                    existing[(r.plate, r.plate_colour)] = r
            for values in rows:
                current = existing.get((values["plate"], values["plate_colour"]))
                if current is None:
                    s.add(VehicleRegistration(**values))
                    added += 1
                else:
                    for key, value in values.items():
                        setattr(current, key, value)
                    updated += 1
            self.audit.append(
                s, actor, "registrations.import", "vehicle_registration", "",
                {"source": source, "added": added, "updated": updated},
            )  # fmt: skip
        return ImportResult(added, updated)
