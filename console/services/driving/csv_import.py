"""A transport company's journey export (CSV) into the driving-time tables: all rows or none.

Columns (header required, any order): plate, driver_licence, driver_name, company, time, lat, lon,
speed_kmh. ``time`` is ISO 8601; without a UTC offset it is Vietnam time, as the companies' exports
are. Drivers and vehicles not yet registered are registered from the file. Rows not later than a
driver's last stored fix are skipped and counted, so importing a file twice changes nothing.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.services.audit import AuditLog
from console.services.context import Actor, Permission
from console.storage.models import CommercialDriver, CommercialVehicle

from .engine import DrivingFix
from .store import ApplyResult, DrivingStore, normalise_plate

COLUMNS = ("plate", "driver_licence", "driver_name", "company", "time", "lat", "lon", "speed_kmh")
VIETNAM = timezone(timedelta(hours=7))
MAX_ERRORS = 20


class ImportFileError(ValueError):
    """The file is not imported; the message lists what is wrong, by line."""


@dataclass(frozen=True)
class Row:
    plate: str
    licence: str
    name: str
    company: str
    tst: float
    lat: float
    lon: float
    speed: float | None


@dataclass(frozen=True)
class ImportResult:
    rows: int
    new_drivers: int
    new_vehicles: int
    stored: ApplyResult


def _row(line: dict[str, str]) -> Row:
    plate, licence = normalise_plate(line["plate"] or ""), (line["driver_licence"] or "").strip()
    if not plate or len(plate) > 16:
        raise ValueError(f"plate {line['plate']!r} is empty or too long")
    if not licence or len(licence) > 32:
        raise ValueError(f"driver_licence {licence!r} is empty or too long")
    try:
        at = datetime.fromisoformat((line["time"] or "").strip())
    except ValueError:
        raise ValueError(f"time {line['time']!r} is not ISO 8601 (2026-12-06T07:30:00+07:00)") from None
    at = at if at.tzinfo else at.replace(tzinfo=VIETNAM)
    try:
        lat, lon = float(line["lat"]), float(line["lon"])
        speed = float(line["speed_kmh"]) if (line["speed_kmh"] or "").strip() else None
    except (TypeError, ValueError):
        raise ValueError("lat, lon and speed_kmh must be numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"position {lat}, {lon} is not on Earth")
    if speed is not None and not 0 <= speed <= 300:
        raise ValueError(f"speed_kmh {speed} is out of range 0–300")
    name, company = (line["driver_name"] or "").strip()[:160], (line["company"] or "").strip()[:160]
    return Row(plate, licence, name, company, at.timestamp(), lat, lon, speed)


def read_rows(path: Path) -> list[Row]:
    """Every row of the file, or ImportFileError naming the bad lines (nothing is stored then)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ImportFileError(f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}")
            rows, errors, seen = [], [], set()
            for line in reader:
                try:
                    row = _row(line)
                    if (row.licence, row.tst) in seen:
                        raise ValueError(f"a second row for driver {row.licence} at the same time")
                    seen.add((row.licence, row.tst))
                    rows.append(row)
                except ValueError as exc:
                    errors.append(f"line {reader.line_num}: {exc}")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: not UTF-8 text") from None
    except csv.Error as exc:
        raise ImportFileError(f"{path}: not a CSV file ({exc})") from None
    if errors:
        more = f"\n… and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        raise ImportFileError(f"{path}: {len(errors)} bad row(s), nothing imported:\n" + "\n".join(errors[:MAX_ERRORS])
                              + more)  # fmt: skip
    if not rows:
        raise ImportFileError(f"{path}: no rows")
    return rows


def import_csv(store: DrivingStore, audit: AuditLog, actor: Actor, path: Path) -> ImportResult:
    actor.require(Permission.VIEW)  # data entry, as the patrol log import; the audit entry names who
    rows = read_rows(path)
    with store.db.session() as s:
        drivers, new_drivers = _register(s, CommercialDriver, "licence_no", {r.licence: r for r in rows})
        vehicles, new_vehicles = _register(s, CommercialVehicle, "plate", {r.plate: r for r in rows})
        fixes = [DrivingFix(drivers[r.licence], vehicles[r.plate], r.tst, r.lat, r.lon, r.speed) for r in rows]
        stored = store.apply(fixes, session=s)
        details = {"file": path.name, "rows": len(rows), "applied": stored.applied, "skipped": stored.skipped,
                   "alerts": stored.alerts, "new_drivers": new_drivers, "new_vehicles": new_vehicles}  # fmt: skip
        audit.append(s, actor, "driving.import", "driving_file", path.name, details)
    return ImportResult(len(rows), new_drivers, new_vehicles, stored)


def _register(s: Session, model: type[CommercialDriver] | type[CommercialVehicle], key: str,
              wanted: dict[str, Row]) -> tuple[dict[str, int], int]:  # fmt: skip
    column = getattr(model, key)
    known = {k: i for i, k in s.execute(select(model.id, column).where(column.in_(list(wanted))))}
    new = 0
    for k, row in wanted.items():
        if k not in known:
            extra = {"name": row.name} if model is CommercialDriver else {}
            obj = model(**{key: k, "company": row.company, **extra})
            s.add(obj)
            s.flush()
            known[k] = obj.id
            new += 1
    return known, new
