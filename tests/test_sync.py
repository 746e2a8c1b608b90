"""Station (real SQLite) ↔ centre (real PostgreSQL): a week of data there and back, 0 lost, 0 duplicated."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from db_setup import pg_database
from sqlalchemy import select
from sync_setup import SYNCED, WEEK_AGO, counts, seed_centre, seed_station

from console.services.audit import AuditLog
from console.services.sync import service
from console.services.sync.centre_import import ImportReport
from console.services.sync.chain import verify_station_chain
from console.services.sync.key import SyncKey
from console.storage.db import Database
from console.storage.migrate import upgrade
from console.storage.models import (
    AuditHead,
    Base,
    HotlistEntry,
    Operator,
    SyncRow,
    VehicleRegistration,
)

pytestmark = pytest.mark.postgres
KEY = SyncKey(bytes(range(32)))
STATION = "HN-DD"
MODELS = {t.name: t for t in Base.metadata.sorted_tables}


@dataclass
class Sites:
    station: Database
    centre: Database
    station_evidence: Path
    centre_evidence: Path
    tmp: Path


@pytest.fixture(scope="module", name="station_template")
def station_template_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("station")
    db = Database.open(f"sqlite:///{folder / 'station.db'}")
    upgrade(db)
    seed_station(db, folder / "evidence")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return folder


@pytest.fixture(name="sites")
def sites_fixture(station_template: Path, pg_template: str, tmp_path: Path) -> Iterator[Sites]:
    shutil.copytree(station_template, tmp_path / "station")
    station = Database.open(f"sqlite:///{tmp_path / 'station' / 'station.db'}")
    with pg_database("tcc_sync", template=pg_template) as (_name, url):
        centre = Database.open(url)
        seed_centre(centre)
        yield Sites(station, centre, tmp_path / "station" / "evidence", tmp_path / "centre_evidence", tmp_path)
        centre.dispose()
    station.dispose()


def _export(s: Sites, name: str) -> Path:
    service.export_station(s.station, AuditLog(), s.station_evidence, STATION, KEY, WEEK_AGO, s.tmp / name)
    return s.tmp / name


def _import(s: Sites, path: Path) -> ImportReport:
    return service.import_station(s.centre, AuditLog(), s.centre_evidence, KEY, path)


def _station_rows(s: Sites, table: str) -> int:
    with s.centre.sessions() as session:
        rows = session.scalars(select(SyncRow.id).where(SyncRow.origin == STATION, SyncRow.table_name == table))
        return len(rows.all())


def test_a_week_goes_to_the_centre_and_back(sites: Sites) -> None:
    station_before = counts(sites.station, {t: MODELS[t] for t in SYNCED})
    centre_before = counts(sites.centre, {t: MODELS[t] for t in SYNCED})
    started = time.monotonic()
    first = _export(sites, "week.zip")
    exported = time.monotonic()
    report = _import(sites, first)
    imported = time.monotonic()
    assert report.conflicts == 0 and not report.set_aside
    centre_after = counts(sites.centre, {t: MODELS[t] for t in SYNCED})
    # Every row of the week arrived once: the centre grew by exactly the station's rows.
    for table in ("plate_reads", "violation_candidates", "fines", "patrol_logs", "patrol_log_entries"):
        assert report.inserted[table] == _station_rows(sites, table), table
    assert centre_after["plate_reads"] - centre_before["plate_reads"] == station_before["plate_reads"]
    assert centre_after["patrol_logs"] == station_before["patrol_logs"]
    assert centre_after["patrol_log_entries"] == station_before["patrol_log_entries"]
    assert centre_after["candidate_evidence"] == report.inserted["candidate_evidence"]
    assert centre_after["evidence_files"] == report.inserted["evidence_files"]
    for digest in (p.name.split(".")[0] for p in sites.station_evidence.rglob("*.jpg")):
        assert list(sites.centre_evidence.rglob(f"{digest}.jpg")), "evidence file not copied"

    # The same bundle again, and a second overlapping export: nothing changes.
    assert _import(sites, first).already_imported
    again = _import(sites, _export(sites, "week-again.zip"))
    assert not again.inserted.keys() - {"audit_entries"} and again.inserted["audit_entries"] == 1  # its sync.export
    assert not again.updated and again.conflicts == 0
    assert counts(sites.centre, {t: MODELS[t] for t in SYNCED}) == centre_after

    # Both chains verify: the centre's own (one sync.import entry per bundle), and the station's as received.
    assert AuditLog().verify(sites.centre).ok
    chain = verify_station_chain(sites.centre, STATION)
    assert chain.ok and chain.first_seq == 1 and chain.checked == chain.last_seq

    # And back: the centre's hotlist, cameras and registrations reach the station, once.
    with sites.centre.session() as s:
        s.add(HotlistEntry(plate="51F-123.45", reason="wanted", priority=1, source="C08/2026"))
    back = service.export_centre(sites.centre, AuditLog(), KEY, sites.tmp / "centre.zip")
    applied = service.import_centre(sites.station, AuditLog(), KEY, back.path)
    assert applied.inserted == {"cameras": 1, "vehicle_registrations": 1, "hotlist": 2}
    with sites.station.sessions() as s:
        assert s.scalar(select(HotlistEntry).where(HotlistEntry.plate == "51F-123.45")) is not None
        assert s.scalar(select(VehicleRegistration).where(VehicleRegistration.plate == "30A-999.99")) is not None
    assert service.import_centre(sites.station, AuditLog(), KEY, back.path).already_imported
    # A hotlist entry withdrawn at the centre is withdrawn at the station by the next bundle.
    with sites.centre.session() as s:
        s.delete(s.scalars(select(HotlistEntry).where(HotlistEntry.plate == "51F-123.45")).one())
    later = service.export_centre(sites.centre, AuditLog(), KEY, sites.tmp / "centre-2.zip")
    second = service.import_centre(sites.station, AuditLog(), KEY, later.path)
    assert second.inserted == {} and second.updated == {"hotlist": 1}
    with sites.station.sessions() as s:
        assert s.scalars(select(HotlistEntry.active).where(HotlistEntry.plate == "51F-123.45")).one() is False
    assert AuditLog().verify(sites.station).ok and AuditLog().verify(sites.centre).ok
    print(
        f"\nweek: {report.inserted} export {exported - started:.2f}s, import {imported - exported:.2f}s, "
        f"bundle {first.stat().st_size:,} bytes"
    )


def test_accounts_made_for_station_operators_cannot_sign_in(sites: Sites) -> None:
    _import(sites, _export(sites, "week.zip"))
    with sites.centre.sessions() as s:
        made = s.scalars(select(Operator).where(Operator.username == "vanh")).one()
    assert made.active is False and made.password_hash.startswith("!sync")


def test_ids_never_collide(sites: Sites) -> None:
    _import(sites, _export(sites, "week.zip"))
    with sites.centre.sessions() as s:
        mapped = s.execute(select(SyncRow.origin_id, SyncRow.local_id).where(SyncRow.table_name == "plate_reads"))
        pairs = mapped.tuples().all()
        head = s.get(AuditHead, 1)
    # The centre had reads 1-5 of its own: the station's read 1 is another row, and each maps to one row.
    assert len({local for _, local in pairs}) == len(pairs)
    assert all(local > 5 for _, local in pairs)
    assert head is not None and head.seq == 2  # its seed entry, then one sync.import
