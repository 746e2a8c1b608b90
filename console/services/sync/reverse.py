"""Centre → station: the camera registry, the hotlist and vehicle registrations, as a full snapshot.

The centre owns these tables, so at the station the centre's version stands: cameras and
registrations are matched by their natural keys (code; plate and colour) and updated in place, hotlist
entries by their centre id (``sync_rows``), and an entry gone from the centre's list is deactivated.
Camera credentials never travel; a station keeps its own.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Table, insert, select, update
from sqlalchemy.orm import Session

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.storage.db import Database
from console.storage.models import Camera, HotlistEntry, Operator, SyncBundle, SyncRow, VehicleRegistration

from .bundle import Bundle, BundleError, from_json, to_json
from .centre_import import ImportReport
from .rows import RowApplier, origin_kept
from .station_export import CAMERA_COLUMNS

CENTRE = "centre"
CENTRE_TABLES = ("cameras", "hotlist", "vehicle_registrations")


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def collect_centre(s: Session) -> dict[str, list[dict[str, Any]]]:
    cams = _table(Camera)
    users = dict(s.execute(select(Operator.id, Operator.username)).tuples().all())
    hotlist = [to_json(dict(r._mapping)) for r in s.execute(select(_table(HotlistEntry)).order_by(HotlistEntry.id))]
    for row in hotlist:  # operators are matched by username at the station
        row["added_by"] = users.get(row.pop("added_by_id"))
    return {
        "cameras": [
            to_json(dict(r._mapping))
            for r in s.execute(select(*(cams.c[c] for c in CAMERA_COLUMNS)).order_by(Camera.id))
        ],
        "hotlist": hotlist,
        "vehicle_registrations": [
            to_json(dict(r._mapping))
            for r in s.execute(select(_table(VehicleRegistration)).order_by(VehicleRegistration.id))
        ],
    }


def import_centre_bundle(db: Database, audit: AuditLog, bundle: Bundle) -> ImportReport:
    if bundle.kind != CENTRE:
        raise BundleError(f"{bundle.path}: a {bundle.kind} bundle; a station imports the centre's bundles")
    report = ImportReport(bundle.sha256, bundle.kind, bundle.origin)
    with db.session() as s:
        if s.scalar(select(SyncBundle.id).where(SyncBundle.sha256 == bundle.sha256)) is not None:
            report.already_imported = True
            return report
        record = SyncBundle(sha256=bundle.sha256, kind=bundle.kind, origin=CENTRE, written_at=bundle.written_at)
        s.add(record)
        s.flush()
        ap = RowApplier(s, CENTRE, record.id)
        _natural(s, ap, Camera, "cameras", bundle.rows("cameras"), ("code",))
        _natural(s, ap, VehicleRegistration, "vehicle_registrations", bundle.rows("vehicle_registrations"),
                 ("plate", "plate_colour"))  # fmt: skip
        users = dict(s.execute(select(Operator.username, Operator.id)).tuples().all())

        def remap(v: dict[str, Any]) -> dict[str, Any]:
            return {k: x for k, x in v.items() if k != "added_by"} | {"added_by_id": users.get(v["added_by"])}

        rows = bundle.rows("hotlist")
        ap.apply("hotlist", _table(HotlistEntry), rows, remap, origin_kept)
        gone = select(SyncRow.local_id).where(
            SyncRow.origin == CENTRE,
            SyncRow.table_name == "hotlist",
            SyncRow.origin_id.not_in([r["id"] for r in rows] or [-1]),
        )
        retire = update(HotlistEntry).where(HotlistEntry.id.in_(gone), HotlistEntry.active.is_(True))
        retired = cast(CursorResult[Any], s.execute(retire.values(active=False))).rowcount
        if retired:
            ap.tally.updated["hotlist"] += retired
        t = ap.tally
        report.inserted, report.updated, report.unchanged = dict(t.inserted), dict(t.updated), dict(t.unchanged)
        report.set_aside, report.conflicts = dict(t.set_aside), len(t.conflicts)
        record.report = report.as_dict()
        audit.append(
            s, SYSTEM, "sync.import_centre", "sync_bundle", bundle.sha256,
            {k: v for k, v in report.as_dict().items() if k != "bundle_sha256"},
        )  # fmt: skip
    return report


def _natural(
    s: Session, ap: RowApplier, model: Any, name: str, rows: list[dict[str, Any]], key: tuple[str, ...]
) -> None:
    table = _table(model)
    for row in rows:
        values = from_json(table, {k: v for k, v in row.items() if k != "id"})
        found = s.execute(
            select(table.c.id, *(table.c[c] for c in values)).where(*(table.c[c] == values[c] for c in key))
        ).first()
        if found is None:
            s.execute(insert(table).values(**values))
            ap.tally.inserted[name] += 1
            continue
        local = to_json({k: v for k, v in found._mapping.items() if k != "id"})
        if local == to_json(values):
            ap.tally.unchanged[name] += 1
        else:
            s.execute(update(table).where(table.c.id == found.id).values(**values))
            ap.tally.updated[name] += 1
