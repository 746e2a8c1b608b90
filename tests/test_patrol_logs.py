"""Patrol logs on both backends: import (valid, malformed, duplicate), review, sign-off, revisions, checks."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from patrol_setup import END, LAT0, LON0, START, at, dumps, log_doc, make_people, make_unit
from sqlalchemy import func, select

from console.services.audit import AuditLog
from console.services.context import PermissionDenied
from console.services.patrol.checks import FAR_FROM_TRACE, HELD_WITHOUT_VIOLATION, MISSING_END, OUTSIDE_SHIFT
from console.services.patrol.model import EntryInput, LogInput
from console.services.patrol.schema import LogFileError
from console.services.patrol_logs import PatrolLogError, PatrolLogService
from console.storage.db import Database
from console.storage.models import AuditEntry, PatrolLog, PatrolLogEntry


@pytest.fixture
def svc(database: Database) -> PatrolLogService:
    make_unit(database)
    return PatrolLogService(database, AuditLog())


def _count(db: Database, model: type[PatrolLog] | type[PatrolLogEntry]) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_valid_file_imports_normalised_and_submitted(svc: PatrolLogService, database: Database) -> None:
    op, _sup = make_people(database)
    result = svc.import_text(op, dumps(log_doc()), "pv01.json")
    assert result.created and result.entries == 6  # five entries, the alcohol session split into count + positive
    view = svc.view(op, result.log_id)
    assert view.status == "submitted" and view.source == "import" and view.unit == "PV-01"
    plates = [e.plate for e in view.entries if e.plate]
    assert plates == ["30A-123.45", "29-B1 736.42", "29A-5613"]  # stored in the grammar's normal form
    positive = next(e for e in view.entries if e.reading_mg_l is not None)
    assert positive.violation_code == "alcohol_2" and positive.result == "violation"
    assert view.checks == ()  # a clean log raises nothing


def test_same_file_twice_creates_nothing_twice(svc: PatrolLogService, database: Database) -> None:
    op, _ = make_people(database)
    first = svc.import_text(op, dumps(log_doc()))
    # Re-saved with other indentation: the same content, so the same log.
    second = svc.import_text(op, json.dumps(log_doc(), ensure_ascii=False))
    assert not second.created and second.log_id == first.log_id
    assert _count(database, PatrolLog) == 1 and _count(database, PatrolLogEntry) == 6


@pytest.mark.parametrize(
    ("text", "needle", "field", "reason"),
    [
        ('{\n  "schema": "csgt.patrol_log/1",\n  "unit": "PV-01"\n  "shift": {}\n}', '"shift"', "", "not valid JSON"),
        (dumps(log_doc(unit="")), '"unit"', "unit", "must not be empty"),
        (dumps(log_doc(shift={"start": "2026-11-20T07:00:00"})), '"start"', "shift.start", "no UTC offset"),
        (dumps(log_doc(colour="red")), '"colour"', "colour", "unknown field"),
        (dumps({k: v for k, v in log_doc().items() if k != "entries"}), "{", "entries", "required but missing"),
    ],
)
def test_malformed_file_names_line_and_field(
    svc: PatrolLogService, database: Database, text: str, needle: str, field: str, reason: str
) -> None:
    op, _ = make_people(database)
    with pytest.raises(LogFileError) as err:
        svc.import_text(op, text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if needle in t)
    assert err.value.line == line, str(err.value)
    assert err.value.field == field
    assert reason in str(err.value)
    assert _count(database, PatrolLog) == 0


def test_bad_entry_deep_in_the_file_rejects_the_whole_file(svc: PatrolLogService, database: Database) -> None:
    op, _ = make_people(database)
    doc = log_doc()
    doc["entries"][2]["plate"] = "30A-12"  # not a plate
    text = dumps(doc)
    with pytest.raises(LogFileError) as err:
        svc.import_text(op, text)
    expected_line = next(i for i, t in enumerate(text.splitlines(), 1) if '"30A-12"' in t)
    assert (err.value.line, err.value.field) == (expected_line, "entries[2].plate")
    doc = log_doc()
    doc["entries"][3]["positives"][0]["reading_mg_l"] = "high"
    with pytest.raises(LogFileError, match=r"entries\[3\]\.positives\[0\]\.reading_mg_l: must be number"):
        svc.import_text(op, dumps(doc))
    doc = log_doc()
    doc["entries"][1]["violation"] = "speeding_a_lot"
    with pytest.raises(LogFileError, match=r"entries\[1\]\.violation: 'speeding_a_lot' is not a Decree 168"):
        svc.import_text(op, dumps(doc))
    with pytest.raises(LogFileError, match="no patrol unit has the call sign 'XX-99'"):
        svc.import_text(op, dumps(log_doc(unit="XX-99")))
    assert _count(database, PatrolLog) == 0 and _count(database, PatrolLogEntry) == 0


def test_supervisor_returns_then_signs_and_operator_cannot(svc: PatrolLogService, database: Database) -> None:
    op, sup = make_people(database)
    log_id = svc.import_text(op, dumps(log_doc())).log_id
    with pytest.raises(PermissionDenied):
        svc.sign(op, log_id)
    with pytest.raises(PermissionDenied):
        svc.return_log(op, log_id, "thiếu số liệu")
    with pytest.raises(PatrolLogError, match="needs a comment"):
        svc.return_log(sup, log_id, "  ")
    svc.return_log(sup, log_id, "Ghi rõ vị trí chốt")
    view = svc.view(op, log_id)
    assert (view.status, view.review_comment) == ("returned", "Ghi rõ vị trí chốt")
    svc.add_entry(op, log_id, EntryInput(at=START + timedelta(minutes=90), kind="note", note="Chốt Km 197"))
    svc.submit(op, log_id)
    svc.sign(sup, log_id)
    view = svc.view(sup, log_id)
    assert view.status == "signed" and view.signed_by == "Thúy" and view.signed_at is not None
    with database.session() as s:
        actions = list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    assert actions == [
        "patrol_log.import", "auth.denied", "auth.denied", "patrol_log.return", "patrol_log.entry_add",
        "patrol_log.submit", "patrol_log.sign",
    ]  # fmt: skip


def test_signed_log_is_frozen_and_a_correction_is_a_new_revision(svc: PatrolLogService, database: Database) -> None:
    op, sup = make_people(database)
    log_id = svc.import_text(op, dumps(log_doc())).log_id
    svc.sign(sup, log_id)
    with pytest.raises(PatrolLogError, match="frozen"):
        svc.add_entry(op, log_id, EntryInput(at=START, kind="note", note="late addition"))
    new_id = svc.revise(op, log_id)
    with pytest.raises(PatrolLogError, match=f"already corrected as log #{new_id}"):
        svc.revise(op, log_id)
    svc.add_entry(op, new_id, EntryInput(at=START + timedelta(minutes=45), kind="note", note="Bổ sung"))
    old, new = svc.view(op, log_id), svc.view(op, new_id)
    assert (old.status, old.revision, len(old.entries), old.superseded_by_id) == ("signed", 1, 6, new_id)
    assert (new.status, new.revision, new.supersedes_id, len(new.entries)) == ("open", 2, log_id, 7)
    assert [r.id for r in svc.list_logs(op)] == [new_id]  # the queue shows the latest revision only
    assert {r.id for r in svc.list_logs(op, include_superseded=True)} == {log_id, new_id}
    with database.session() as s:
        revise = s.scalars(select(AuditEntry).where(AuditEntry.action == "patrol_log.revise")).one()
    assert revise.object_id == str(new_id) and json.loads(revise.details)["supersedes"] == log_id
    assert AuditLog().verify(database).ok


def test_station_entry_validates_plates_and_results(svc: PatrolLogService, database: Database) -> None:
    op, _ = make_people(database)
    data = LogInput(
        "PV-01", START, END, entries=(EntryInput(START + timedelta(minutes=5), "checkpoint", "Km 184", LAT0, LON0),)
    )
    log_id = svc.create(op, data)
    bad = [
        (EntryInput(START, "vehicle_check", plate="ABC", result="warning"), "plate: 'ABC' is not a Vietnamese plate"),
        (EntryInput(START, "vehicle_check", plate="30A12345"), "needs its result"),
        (EntryInput(START, "vehicle_check", plate="30A12345", result="violation"), "Decree 168 rule code"),
        (EntryInput(START, "incident", incident_id=999), "no incident #999"),
        (EntryInput(START, "checkpoint", lat=20.9), "both latitude and longitude"),
    ]
    for entry, message in bad:
        with pytest.raises(PatrolLogError, match=message):
            svc.add_entry(op, log_id, entry)
    assert len(svc.view(op, log_id).entries) == 1
    with pytest.raises(PatrolLogError, match="already has log"):
        svc.create(op, data)


def test_consistency_checks_fire_on_a_crafted_log(svc: PatrolLogService, database: Database) -> None:
    op, _ = make_people(database)
    doc = log_doc(shift={"start": START.isoformat()})  # no end
    doc["entries"] += [
        {"at": at(-30), "kind": "note", "note": "before the shift"},
        {"at": at(10), "kind": "checkpoint", "place": "Cầu Giấy", "lat": 21.0312, "lon": 105.8018},  # ~14 km away
        {"at": at(50), "kind": "vehicle_check", "plate": "30A-517.26", "result": "held", "lat": LAT0 + 0.1,
         "lon": LON0},
    ]  # fmt: skip
    view = svc.view(op, svc.import_text(op, dumps(doc)).log_id)
    codes = sorted(c.code for c in view.checks)
    assert codes == sorted([MISSING_END, OUTSIDE_SHIFT, FAR_FROM_TRACE, HELD_WITHOUT_VIOLATION])
    far = next(c for c in view.checks if c.code == FAR_FROM_TRACE)
    assert far.value is not None and 5_000 < far.value < 20_000


def test_route_comes_from_the_units_gps_history(svc: PatrolLogService, database: Database) -> None:
    op, _ = make_people(database)
    view = svc.view(op, svc.import_text(op, dumps(log_doc())).log_id)
    # 20 km north at one fix a minute, then parked: see test_patrol_route for the exact length.
    assert view.route.distance_km == pytest.approx(20.015, abs=0.01)
    assert view.route.moving_s == 20 * 60 and view.route.stopped_s == 220 * 60
    assert view.route.gaps == ()


def test_station_rewrites_an_open_log_but_not_one_under_review(svc: PatrolLogService, database: Database) -> None:
    op, _ = make_people(database)
    log_id = svc.create(op, LogInput("PV-01", START, None, route_area="Km 184"))
    fixed = LogInput(
        "PV-01", START, END, plan_ref="KH 125/CT6", route_area="Km 184 – Km 208",
        entries=(EntryInput(START + timedelta(minutes=30), "vehicle_check", plate="29-B1 73642", result="warning"),),
    )  # fmt: skip
    svc.update(op, log_id, fixed)
    view = svc.view(op, log_id)
    assert (view.shift_end, view.plan_ref, [e.plate for e in view.entries]) == (END, "KH 125/CT6", ["29-B1 736.42"])
    svc.submit(op, log_id)
    with pytest.raises(PatrolLogError, match="waiting for review"):
        svc.update(op, log_id, fixed)
    with pytest.raises(PatrolLogError, match="not signed"):
        svc.revise(op, log_id)


def test_removing_an_entry_is_audited_and_refused_once_signed(svc: PatrolLogService, database: Database) -> None:
    op, sup = make_people(database)
    log_id = svc.create(op, LogInput("PV-01", START, END))
    entry_id = svc.add_entry(op, log_id, EntryInput(START + timedelta(minutes=9), "note", note="nhầm"))
    with pytest.raises(PatrolLogError, match="has no entry #999"):
        svc.remove_entry(op, log_id, 999)
    svc.remove_entry(op, log_id, entry_id)
    assert svc.view(op, log_id).entries == ()
    keep = svc.add_entry(op, log_id, EntryInput(START + timedelta(minutes=9), "note", note="giữ"))
    svc.submit(op, log_id)
    svc.sign(sup, log_id)
    with pytest.raises(PatrolLogError, match="frozen"):
        svc.remove_entry(op, log_id, keep)
    with database.session() as s:
        removed = s.scalars(select(AuditEntry).where(AuditEntry.action == "patrol_log.entry_remove")).one()
    assert json.loads(removed.details)["entry_id"] == entry_id
