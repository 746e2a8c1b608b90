"""The storage layer on SQLite and PostgreSQL: schema matches models, data round-trips, rules hold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from console.storage.db import Database, DatabaseError, parse_url, safe_url
from console.storage.migrate import current_revision, head_revision, upgrade
from console.storage.models import (
    Alert,
    AnalyticsNode,
    Base,
    Camera,
    CameraLease,
    CameraRule,
    CandidateEvidence,
    CommercialDriver,
    CommercialVehicle,
    Dispatch,
    DrivingClock,
    DrivingPeriod,
    EvidenceFile,
    Fine,
    HotlistEntry,
    Incident,
    IncidentEvent,
    Operator,
    PatrolLog,
    PatrolLogEntry,
    PatrolUnit,
    PlateRead,
    SyncAuditEntry,
    SyncBundle,
    SyncConflict,
    SyncRow,
    UnitLatestPosition,
    UnitPosition,
    VehicleRegistration,
    ViolationCandidate,
)

T0 = datetime(2026, 11, 29, 7, 30, 15, 123456, tzinfo=UTC)


def test_schema_matches_models(database: Database) -> None:
    with database.engine.connect() as conn:
        # plate_keys (SQLite, 0008) is kept by triggers, not by models: a search aid, like an index.
        context = MigrationContext.configure(
            conn, opts={"include_name": lambda name, kind, _parent: not (kind == "table" and name == "plate_keys")}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    assert current_revision(database) == head_revision()


def test_hot_query_indexes_exist(database: Database) -> None:
    insp = inspect(database.engine)
    cols = {
        table: [tuple(ix["column_names"]) for ix in insp.get_indexes(table)]
        for table in ("plate_reads", "violation_candidates", "unit_positions", "audit_entries")
    }
    assert ("plate", "seen_at") in cols["plate_reads"]
    assert ("status", "detected_at") in cols["violation_candidates"]
    uniques = [tuple(u["column_names"]) for u in insp.get_unique_constraints("unit_positions")]
    assert ("unit_id", "fixed_at") in uniques  # also serves positions-by-unit-and-time


def _world(s: object) -> dict[str, int]:
    """One row in every table, linked the way the real flows link them."""
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    op = Operator(username="vanh", display_name="Nguyễn Văn Anh", role="operator", password_hash="x")
    cam = Camera(
        code="CT01-K184", name="Cao tốc Pháp Vân – Cầu Giẽ Km 184", route="CT.01", route_kind="expressway",
        km=184.2, lat=20.9385, lon=105.8632, direction="Hướng Ninh Bình", main_url="rtsp://10.0.0.5/1",
    )  # fmt: skip
    cam.rules.append(CameraRule(kind="speed", geometry={"lines": [[0.1, 0.6, 0.9, 0.6]]}, params={"metres": 20}))
    s.add_all([op, cam])
    s.flush()
    ev = EvidenceFile(sha256="a" * 64, path="2026/11/29/a.jpg", kind="frame", camera_id=cam.id)
    s.add(ev)
    s.flush()
    read = PlateRead(camera_id=cam.id, seen_at=T0, raw_text="30A12345", plate="30A-123.45", plate_colour="white",
                     confidence=0.97, bbox={"x": 1, "y": 2, "w": 3, "h": 4}, evidence_id=ev.id)  # fmt: skip
    hot = HotlistEntry(plate="30A-123.45", reason="stolen", added_by_id=op.id)
    s.add_all([read, hot])
    s.flush()
    alert = Alert(kind="hotlist_hit", camera_id=cam.id, plate_read_id=read.id, hotlist_entry_id=hot.id)
    cand = ViolationCandidate(camera_id=cam.id, rule_kind="speed", detected_at=T0, plate="30A-123.45",
                              measured={"speed_kmh": 131.5, "limit_kmh": 100})  # fmt: skip
    reg = VehicleRegistration(plate="30A-123.45", plate_colour="white", vehicle_class="car", owner_name="Trần Thị B")
    unit = PatrolUnit(call_sign="CT6-01", name="Tổ 1 – Đội 6", tracker_team="doi6", tracker_device="xe01")
    s.add_all([alert, cand, reg, unit])
    s.flush()
    s.add(CandidateEvidence(candidate_id=cand.id, evidence_id=ev.id, role="frame"))
    fine = Fine(candidate_id=cand.id, plate="30A-123.45", plate_colour="white", vehicle_class="car",
                violation_code="speed_20_35", legal_ref="NĐ 168/2024 Đ6.6.a", amount_min_vnd=6_000_000,
                amount_max_vnd=8_000_000, points=4, registration_id=reg.id, created_by_id=op.id)  # fmt: skip
    unit.latest = UnitLatestPosition(fixed_at=T0, lat=20.94, lon=105.86, speed_kmh=62.0)
    pos = UnitPosition(unit_id=unit.id, fixed_at=T0, lat=20.94, lon=105.86)
    inc = Incident(kind="wanted_vehicle", lat=20.94, lon=105.86, alert_id=alert.id, created_by_id=op.id)
    s.add_all([fine, pos, inc])
    s.flush()
    s.add_all([
        IncidentEvent(incident_id=inc.id, from_status="new", to_status="dispatched", actor_id=op.id, unit_id=unit.id),
        Dispatch(incident_id=inc.id, unit_id=unit.id, dispatched_by_id=op.id, distance_m=1200.0),
    ])  # fmt: skip
    log = PatrolLog(unit_id=unit.id, shift_start=T0, route_area="CT.01 Km 180–200")
    log.entries.append(PatrolLogEntry(at=T0 + timedelta(minutes=5), kind="vehicle_check", plate="29-B1 123.45",
                                      result="warning"))  # fmt: skip
    s.add(log)
    s.add(AnalyticsNode(holder="analytics@srv1:4242", device="CPU", capacity=16))
    s.add(CameraLease(camera_id=cam.id, holder="analytics@srv1:4242", expires_at=T0 + timedelta(seconds=15)))
    truck = CommercialVehicle(plate="29H12345", company="Vận tải Hà Nội")
    driver = CommercialDriver(licence_no="790123456789", name="Trần Văn Bình", company="Vận tải Hà Nội")
    s.add_all([truck, driver])
    s.flush()
    s.add_all([
        DrivingClock(driver_id=driver.id, vehicle_id=truck.id, last_fix_at=T0, continuous_s=3600.0, level="ok"),
        DrivingPeriod(driver_id=driver.id, started_at=T0 - timedelta(hours=1), ended_at=T0, kind="driving",
                      vehicle_id=truck.id),
    ])  # fmt: skip
    bundle = SyncBundle(sha256="b" * 64, kind="station", origin="HN-DD", written_at=T0, report={"plate_reads": 1})
    s.add(bundle)
    s.flush()
    s.add_all([
        SyncRow(origin="HN-DD", table_name="plate_reads", origin_id=7, local_id=read.id, origin_sha256="c" * 64,
                local_sha256="d" * 64, bundle_id=bundle.id),
        SyncConflict(bundle_id=bundle.id, origin="HN-DD", table_name="violation_candidates", origin_id=3,
                     local_id=cand.id, rule="earliest_decision", kept="local"),
        SyncAuditEntry(origin="HN-DD", seq=1, at=T0, actor="vanh", action="review.confirm", object_type="candidate",
                       object_id="3", details="{}", prev_hash="0" * 64, hash="e" * 64, bundle_id=bundle.id),
    ])  # fmt: skip
    s.flush()
    return {"camera": cam.id, "read": read.id, "unit": unit.id, "fine": fine.id, "candidate": cand.id}


def test_every_table_round_trips(database: Database) -> None:
    with database.session() as s:
        ids = _world(s)
    with database.session() as s:
        read = s.get(PlateRead, ids["read"])
        assert read is not None
        assert read.seen_at == T0  # microseconds and UTC survive on both backends
        assert read.bbox == {"x": 1, "y": 2, "w": 3, "h": 4}
        cam = s.get(Camera, ids["camera"])
        assert cam is not None and cam.name == "Cao tốc Pháp Vân – Cầu Giẽ Km 184"
        assert cam.rules[0].params == {"metres": 20}
        unit = s.get(PatrolUnit, ids["unit"])
        assert unit is not None and unit.latest is not None and unit.latest.speed_kmh == 62.0
        fine = s.get(Fine, ids["fine"])
        assert fine is not None and fine.amount_max_vnd == 8_000_000
        log = s.scalars(select(PatrolLog)).one()
        assert [e.plate for e in log.entries] == ["29-B1 123.45"]
        counts = {
            t.name: s.execute(select(text("count(*)")).select_from(t)).scalar() for t in Base.metadata.sorted_tables
        }
    empty = {name for name, n in counts.items() if n == 0}
    assert empty == {"audit_entries"}, f"tables the round trip did not reach: {empty}"


def test_one_fine_per_candidate(database: Database) -> None:
    with database.session() as s:
        ids = _world(s)
    with pytest.raises(IntegrityError), database.session() as s:
        op_id = s.scalars(select(Operator.id)).one()
        fine = Fine(candidate_id=ids["candidate"], plate="30A-123.45", plate_colour="white", vehicle_class="car",
                    violation_code="x", legal_ref="x", amount_min_vnd=1, amount_max_vnd=2,
                    created_by_id=op_id)  # fmt: skip
        s.add(fine)


def test_duplicate_position_fix_is_refused(database: Database) -> None:
    with database.session() as s:
        ids = _world(s)
    with pytest.raises(IntegrityError), database.session() as s:
        s.add(UnitPosition(unit_id=ids["unit"], fixed_at=T0, lat=1.0, lon=1.0))


def test_foreign_keys_are_enforced(database: Database) -> None:
    with pytest.raises(IntegrityError), database.session() as s:
        s.add(PlateRead(camera_id=999_999, seen_at=T0, raw_text="x"))


def test_naive_datetimes_are_refused(database: Database) -> None:
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive datetime"), database.session() as s:
        s.add(PatrolUnit(call_sign="X", name="X", status_changed_at=datetime(2026, 1, 1)))


def test_candidate_version_guards_concurrent_decisions(database: Database) -> None:
    """Operator B opened a candidate, operator A decided it meanwhile: B's decision must fail."""
    from sqlalchemy.orm.exc import StaleDataError

    with database.session() as s:
        cand_id = _world(s)["candidate"]
    with database.sessions() as b:
        seen_by_b = b.get(ViolationCandidate, cand_id)
        assert seen_by_b is not None
        b.commit()  # B looks at the evidence; no transaction is held meanwhile
        with database.session() as a:
            seen_by_a = a.get(ViolationCandidate, cand_id)
            assert seen_by_a is not None
            seen_by_a.status = "confirmed"
        seen_by_b.status = "rejected"
        with pytest.raises(StaleDataError):
            b.commit()
    with database.session() as s:
        final = s.get(ViolationCandidate, cand_id)
        assert final is not None and final.status == "confirmed" and final.version == 2


def test_sqlite_writers_wait_for_each_other(sqlite_database: Database) -> None:
    """A read-then-write transaction is never failed by another writer committing meanwhile."""
    import threading

    with sqlite_database.session() as s:
        unit_id = _world(s)["unit"]
    errors: list[BaseException] = []

    def bump(times: int) -> None:
        try:
            for _ in range(times):
                with sqlite_database.session() as s:
                    unit = s.get(PatrolUnit, unit_id)
                    assert unit is not None
                    unit.station = str(int(unit.station or "0") + 1)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=bump, args=(50,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite_database.session() as s:
        unit = s.get(PatrolUnit, unit_id)
        assert unit is not None and unit.station == "200"  # no lost update


def test_upgrade_keeps_existing_data(database: Database) -> None:
    with database.session() as s:
        _world(s)
    before, after = upgrade(database)  # already at head: must be a no-op that keeps rows
    assert before == after == head_revision()
    with database.session() as s:
        assert s.scalars(select(Camera.code)).all() == ["CT01-K184"]


def test_sqlite_pragmas(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


@pytest.mark.parametrize(
    "raw, message",
    [
        ("not a url", "is not a database URL"),
        ("mysql://root@localhost/x", "not supported"),
        ("oracle://x", "not supported"),
    ],
)
def test_bad_urls_are_explained(raw: str, message: str) -> None:
    with pytest.raises(DatabaseError, match=message):
        parse_url(raw)


def test_passwords_never_shown() -> None:
    assert "s3cret" not in safe_url("postgresql+psycopg://u:s3cret@db.example:5432/c")
    assert parse_url("postgresql://u@h/d").drivername == "postgresql+psycopg"


def test_0002_adds_camera_detector_and_keeps_cameras(tmp_path: Path) -> None:
    db = Database.open(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(db, "0001")  # a station database from before cameras named their detector
        with db.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO cameras (code, name, route, route_kind, lat, lon, direction, main_url, enabled,"
                    " created_at) VALUES ('QL1A-K1', 'Km 1', 'QL1A', 'national_highway', 21.0, 105.8, '',"
                    " 'rtsp://cam/1', 1, '2026-11-29 07:00:00')"
                )
            )
        before, after = upgrade(db)
        assert (before, after) == ("0001", head_revision())
        with db.session() as s:
            camera = s.scalars(select(Camera)).one()
            assert (camera.code, camera.detector) == ("QL1A-K1", None)
    finally:
        db.dispose()
