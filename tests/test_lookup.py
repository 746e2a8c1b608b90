"""Checked-vehicle lookup: one timeline across patrol checks, camera reads and fines, on both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from db_setup import statements_run
from patrol_setup import START, dumps, log_doc, make_people, make_unit

from console.services.audit import AuditLog
from console.services.lookup import LookupService, PlateQueryError, pattern_for
from console.services.patrol_logs import PatrolLogService
from console.storage.db import Database
from console.storage.models import Camera, Fine, PlateRead, ViolationCandidate


def _camera_data(db: Database, operator_id: int | None) -> None:
    with db.session() as s:
        cam = Camera(code="CT01-K193-S", name="Km 193 Thường Tín", route="CT.01", route_kind="expressway",
                     lat=20.865, lon=105.885, direction="S", main_url="rtsp://cam/1")  # fmt: skip
        s.add(cam)
        s.flush()
        s.add_all([
            PlateRead(camera_id=cam.id, seen_at=START + timedelta(minutes=10), raw_text="30A12345", plate="30A-123.45",
                      confidence=0.97),
            PlateRead(camera_id=cam.id, seen_at=START + timedelta(minutes=11), raw_text="30A12346", plate="30A-123.46",
                      confidence=0.9),
        ])  # fmt: skip
        cand = ViolationCandidate(camera_id=cam.id, rule_kind="speed", detected_at=START - timedelta(days=3),
                                  plate="30A-123.45", status="confirmed")  # fmt: skip
        s.add(cand)
        s.flush()
        assert operator_id is not None
        s.add(Fine(candidate_id=cand.id, plate="30A-123.45", plate_colour="white", vehicle_class="car",
                   violation_code="speed_10_20", legal_ref="NĐ 168/2024 Đ6.5.đ", amount_min_vnd=4_000_000,
                   amount_max_vnd=6_000_000, created_by_id=operator_id))  # fmt: skip


def test_timeline_merges_checks_reads_and_fines(database: Database) -> None:
    make_unit(database)
    op, _ = make_people(database)
    log_id = PatrolLogService(database, AuditLog()).import_text(op, dumps(log_doc())).log_id
    _camera_data(database, op.operator_id)
    events = LookupService(database).timeline(op, "30a-123.45")
    assert [(e.source, e.plate) for e in events] == [
        ("patrol_check", "30A-123.45"),  # 00:30, checked by PV-01
        ("camera_read", "30A-123.45"),  # 00:10
        ("fine", "30A-123.45"),  # three days before
    ]
    check = events[0]
    assert (check.result, check.detail, check.ref_id) == ("violation", "speed_10_20", log_id)
    assert "PV-01" in check.place
    assert events[2].detail == "speed_10_20 (NĐ 168/2024 Đ6.5.đ)"


def test_partial_plates_and_wildcards(database: Database) -> None:
    make_unit(database)
    op, _ = make_people(database)
    PatrolLogService(database, AuditLog()).import_text(op, dumps(log_doc()))
    _camera_data(database, op.operator_id)
    lookup = LookupService(database)
    assert {e.plate for e in lookup.timeline(op, "12345")} == {"30A-123.45"}
    assert {e.plate for e in lookup.timeline(op, "30A-123")} == {"30A-123.45", "30A-123.46"}
    assert {e.plate for e in lookup.timeline(op, "30A*46")} == {"30A-123.46"}
    assert {e.plate for e in lookup.timeline(op, "B1 736")} == {"29-B1 736.42"}
    assert lookup.timeline(op, "99Z") == []


def test_too_short_a_query_is_refused() -> None:
    with pytest.raises(PlateQueryError, match="at least 3"):
        pattern_for("3*-")
    assert pattern_for("30a 12") == "%30A12%"
    assert pattern_for("30A?12*") == "30A_12%"


def test_camera_reads_are_found_through_an_index(database: Database) -> None:
    """ "Anywhere in the plate" cannot use a B-tree. PostgreSQL: the trigram index of migration 0008 (its plan
    is tested in test_plate_trace.py). SQLite: plate_keys, then the key index — never a scan of the reads."""
    make_unit(database)
    op, _ = make_people(database)
    _camera_data(database, op.operator_id)
    with statements_run(database, "FROM plate_reads JOIN cameras") as statements:
        events = LookupService(database).timeline(op, "123.4")
    assert {e.plate for e in events if e.source == "camera_read"} == {"30A-123.45", "30A-123.46"}
    if database.kind != "sqlite":
        return
    ((statement, parameters),) = statements
    with database.engine.connect() as conn:
        plan = [str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    assert any("SEARCH plate_reads USING INDEX ix_plate_reads_key_seen (<expr>=?" in line for line in plan), plan
    assert not any(line.startswith("SCAN plate_reads") for line in plan), plan
