"""The citizen intake through real HTTP: a server on a free local port, real databases, real files."""

from __future__ import annotations

import socket
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from gps_setup import add_units
from intake_setup import SCENE, Running, add_cameras, photo, report, running_intake
from sqlalchemy import func, select

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.evidence import EvidenceStore
from console.services.fines import FineService
from console.services.review import QueueFilter, ReviewService
from console.storage.db import Database
from console.storage.models import (
    Alert,
    AuditEntry,
    CandidateEvidence,
    EvidenceFile,
    Incident,
    IncidentEvent,
    ViolationCandidate,
)

STORED = (ViolationCandidate, EvidenceFile, CandidateEvidence, Incident, Alert, AuditEntry)


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {m.__name__: int(s.scalar(select(func.count()).select_from(m)) or 0) for m in STORED}


def _nothing_stored(db: Database, run: Running) -> None:
    assert set(_counts(db).values()) == {0}
    assert not run.evidence.exists() or not any(p.is_file() for p in run.evidence.rglob("*"))


@pytest.fixture
def world(database: Database) -> Database:
    add_cameras(database)
    add_units(database, [("NEAR", "t", "near", "available"), ("FAR", "t", "far", "available"),
                         ("BUSY", "t", "busy", "on_scene")],
              {"NEAR": (20.95, 105.85, 5), "FAR": (21.03, 105.85, 5), "BUSY": (20.9363, 105.8547, 5)})  # fmt: skip
    return database


def test_report_becomes_a_citizen_candidate_with_its_photo_in_the_review_queue(world: Database, tmp_path: Path) -> None:
    with running_intake(world, tmp_path) as run:
        status, body, _ = run.post("/v1/reports", report(), run.tokens["citizen-app"])
    assert status == 201, body
    assert body["camera"] == "HN-NTS" and body["status"] == "queued"  # the camera nearest the reported place
    review = ReviewService(world, AuditLog(), FineService(world, AuditLog()), run.evidence)
    assert [r.id for r in review.queue(SYSTEM, QueueFilter()).rows] == [body["candidate"]]
    detail = review.detail(SYSTEM, body["candidate"])
    assert (detail.source, detail.reporter, detail.rule_kind, detail.plate) == (
        "citizen", "citizen-app", "red_light", "30A-123.45")  # fmt: skip
    assert detail.track["note"] == "Vượt đèn đỏ ở ngã tư" and detail.track["reported_lat"] == 21.0035
    (frame,) = detail.evidence
    assert frame.role == "frame" and frame.sha256 == body["photo_sha256"]
    assert EvidenceStore(run.evidence).verify(_evidence_row(world)) and frame.path.read_bytes()[:3] == b"\xff\xd8\xff"
    with world.session() as s:
        actors = set(s.scalars(select(AuditEntry.actor)))
    assert actors == {"intake:citizen-app"}  # the calling system, named in the audit log
    assert AuditLog().verify(world).ok


def _evidence_row(db: Database) -> EvidenceFile:
    with db.session() as s:
        row = s.scalars(select(EvidenceFile)).one()
        s.expunge(row)
        return row


def test_help_request_opens_an_incident_with_nearest_teams_and_an_alert(world: Database, tmp_path: Path) -> None:
    with running_intake(world, tmp_path) as run:
        status, body, _ = run.post("/v1/help", {"kind": "accident", "lat": SCENE[0], "lon": SCENE[1],
                                                "phone": "0912 345 678", "description": "Hai xe máy va chạm"},
                                   run.tokens["hotline"])  # fmt: skip
    assert status == 201, body
    assert [t["call_sign"] for t in body["suggested"]] == ["NEAR", "FAR"]  # BUSY is not available
    with world.session() as s:
        incident = s.get(Incident, body["incident"])
        alert = s.get(Alert, body["alert"])
        notes = [e.note for e in s.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == body["incident"]))]
        actors = set(s.scalars(select(AuditEntry.actor)))
    assert incident is not None and alert is not None
    assert (incident.kind, incident.priority, incident.source, incident.alert_id) == ("crash", 1, "citizen", alert.id)
    assert "0912345678" in incident.description and incident.place == "0.0 km từ Km 186"
    assert alert.kind == "citizen_help" and alert.status == "new" and alert.priority == 1
    assert alert.message.startswith("Tai nạn — 0.0 km từ Km 186: Hai xe máy va chạm")
    assert any(n.startswith("Đội gần nhất: NEAR") for n in notes)
    assert actors == {"intake:hotline"}


def _refuse_inserts(db: Database, table: str) -> None:
    """The database refuses the request's second write (a full disk, a constraint, a dropped connection
    would look the same to the service): a fault at the database, not a stand-in for our code."""
    with db.engine.begin() as conn:
        if db.engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                                 "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")  # fmt: skip
        else:
            conn.exec_driver_sql("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                                 "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$")  # fmt: skip
            conn.exec_driver_sql(f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                                 "FOR EACH ROW EXECUTE FUNCTION refuse()")  # fmt: skip


def _allow_inserts(db: Database, table: str) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TRIGGER refuse_{table}" + (f" ON {table}" if db.kind == "postgresql" else ""))


@pytest.mark.parametrize(("path", "refused"), [("/v1/help", "incidents"), ("/v1/reports", "violation_candidates")])
def test_a_request_whose_second_write_fails_keeps_nothing_and_a_retry_stores_it_once(
    world: Database, tmp_path: Path, path: str, refused: str
) -> None:
    """Help: the alert and its incident; report: the photo's evidence row and the candidate. Each pair
    commits together, so the caller's retry after a 500 does not leave operators a second alert."""
    body = report() if path == "/v1/reports" else {"kind": "accident", "lat": SCENE[0], "lon": SCENE[1]}
    token = "citizen-app" if path == "/v1/reports" else "hotline"
    before = _counts(world)
    _refuse_inserts(world, refused)
    with running_intake(world, tmp_path) as run:
        status, answer, _ = run.post(path, body, run.tokens[token])
        assert status == 500 and "try again" in answer["error"]["message"], answer
        assert _counts(world) == before
        _allow_inserts(world, refused)
        status, answer, _ = run.post(path, body, run.tokens[token])
    assert status == 201, answer
    after = _counts(world)
    changed = {name for name in after if after[name] != before[name]}
    stored = (
        {"Alert", "Incident"} if path == "/v1/help" else {"ViolationCandidate", "EvidenceFile", "CandidateEvidence"}
    )
    assert changed == stored | {"AuditEntry"} and all(after[n] == before[n] + 1 for n in stored)
    assert AuditLog().verify(world).ok


def test_health_needs_no_token(world: Database, tmp_path: Path) -> None:
    import http.client

    with running_intake(world, tmp_path) as run:
        conn = http.client.HTTPConnection("127.0.0.1", run.port, timeout=10)
        conn.request("GET", "/v1/health")
        assert conn.getresponse().status == 200
        conn.close()


def _zip() -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("run.sh", "#!/bin/sh\nrm -rf /\n")
    return buf.getvalue()


def test_a_png_with_a_payload_is_stored_only_re_encoded(world: Database, tmp_path: Path) -> None:
    polyglot = photo(".png") + b"<?php system($_GET['c']); ?>" + _zip()  # PNG, PHP and ZIP at once
    with running_intake(world, tmp_path) as run:
        status, body, _ = run.post("/v1/reports", report(polyglot), run.tokens["citizen-app"])
        assert status == 201, body
        (stored,) = [p for p in run.evidence.rglob("*") if p.is_file()]
    data = stored.read_bytes()
    assert data[:3] == b"\xff\xd8\xff" and stored.suffix == ".jpg"
    assert b"<?php" not in data and b"PK\x03\x04" not in data and b"run.sh" not in data


def test_a_jpeg_with_exif_is_stored_without_it(world: Database, tmp_path: Path) -> None:
    jpeg = photo()
    exif = b"Exif\x00\x00" + b"MM\x00*\x00\x00\x00\x08" + b"GPS owner Nguyen Van A" * 4
    tagged = jpeg[:2] + b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif + jpeg[2:]
    with running_intake(world, tmp_path) as run:
        status, body, _ = run.post("/v1/reports", report(tagged), run.tokens["citizen-app"])
        assert status == 201, body
        (stored,) = [p for p in run.evidence.rglob("*") if p.is_file()]
    assert b"Nguyen Van A" not in stored.read_bytes()


BAD = [
    ("no token", "/v1/reports", lambda: report(), None, 401, None),
    ("wrong token", "/v1/reports", lambda: report(), "x" * 43, 401, None),
    ("not json", "/v1/reports", lambda: b"{violation:", "T", 400, None),
    ("array", "/v1/help", lambda: [1, 2], "T", 400, None),
    ("missing lat", "/v1/help", lambda: {"kind": "accident", "lon": 105.8}, "T", 422, "lat"),
    ("lat as text", "/v1/help", lambda: {"kind": "accident", "lat": "21", "lon": 105.8}, "T", 422, "lat"),
    ("lat of 400 digits", "/v1/help", lambda: b'{"kind": "other", "lat": 1' + b"0" * 400 + b', "lon": 105.8}', "T",
     422, "lat"),
    ("integer past the parser", "/v1/help", lambda: b'{"kind": "other", "lat": ' + b"1" * 5000 + b"}", "T", 400,
     None),
    ("nested too deep", "/v1/help", lambda: b"[" * 100_000 + b"]" * 100_000, "T", 400, None),
    ("lat out of range", "/v1/help", lambda: {"kind": "other", "lat": 91, "lon": 105.8}, "T", 422, "lat"),
    ("unknown kind", "/v1/help", lambda: {"kind": "fire", "lat": 21, "lon": 105.8}, "T", 422, "kind"),
    ("extra field", "/v1/help", lambda: {"kind": "other", "lat": 21, "lon": 105.8, "admin": True}, "T", 422, "admin"),
    ("bad phone", "/v1/help", lambda: {"kind": "other", "lat": 21, "lon": 105.8, "phone": "call me"}, "T", 422,
     "phone"),
    ("bad plate", "/v1/reports", lambda: report(plate="ABC-1234567"), "T", 422, "plate"),
    ("speed is not reportable", "/v1/reports", lambda: report(violation="speed_5_10"), "T", 422, "violation"),
    ("naive time", "/v1/reports", lambda: report(time="2026-12-06T08:00:00"), "T", 422, "time"),
    ("future time", "/v1/reports", lambda: report(time="2099-01-01T00:00:00+07:00"), "T", 422, "time"),
    ("photo not base64", "/v1/reports", lambda: report(photo="@@@not base64@@@"), "T", 422, "photo"),
    ("photo missing", "/v1/reports", lambda: report(photo=None), "T", 422, "photo"),
    ("an exe as photo", "/v1/reports", lambda: report(b"MZ\x90\x00" + b"\x00" * 400), "T", 415, None),
    ("jpeg magic, no jpeg", "/v1/reports", lambda: report(b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x07" * 500),
     "T", 422, None),
    ("claims a huge png", "/v1/reports", lambda: report(photo(".png")[:16] + (60000).to_bytes(4, "big") * 2
                                                        + photo(".png")[24:]), "T", 413, None),
]  # fmt: skip


@pytest.mark.parametrize(("case", "path", "body", "token", "status", "field"), BAD, ids=[b[0] for b in BAD])
def test_bad_requests_are_refused_with_their_status_and_store_nothing(
    world: Database, tmp_path: Path, case: str, path: str, body: object, token: str | None, status: int,
    field: str | None,
) -> None:  # fmt: skip
    with running_intake(world, tmp_path) as run:
        made = body()  # type: ignore[operator]
        key = run.tokens["citizen-app"] if token == "T" else token
        raw = made if isinstance(made, bytes) else None
        got, answer, headers = run.post(path, made, key, raw=raw)
        assert got == status, answer
        assert answer["error"]["status"] == status and answer["error"]["message"]
        assert answer["error"].get("field") == field
        if status == 401:
            assert headers["WWW-Authenticate"].startswith("Bearer")
        _nothing_stored(world, run)


def test_wrong_content_type_and_oversize_image_are_refused(world: Database, tmp_path: Path) -> None:
    with running_intake(world, tmp_path, max_image_bytes=2000) as run:
        token = run.tokens["hotline"]
        assert run.post("/v1/reports", None, token, "text/plain", raw=b"hello")[0] == 415
        assert run.post("/v1/reports", report(photo()), token)[0] == 413  # the photo is over 2000 bytes
        _nothing_stored(world, run)


def test_an_oversize_body_is_refused_before_it_is_read(world: Database, tmp_path: Path) -> None:
    with running_intake(world, tmp_path, max_body_bytes=100_000) as run:
        head = (f"POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                f"Authorization: Bearer {run.tokens['citizen-app']}\r\nContent-Length: 50000000\r\n\r\n")  # fmt: skip
        with socket.create_connection(("127.0.0.1", run.port), timeout=30) as sock:
            sock.sendall(head.encode() + b'{"photo": "' + b"A" * 1000)  # 1 kB of the announced 50 MB
            answer = sock.recv(4096).decode()
        assert answer.startswith("HTTP/1.1 413") and "Connection: close" in answer
        _nothing_stored(world, run)


def test_a_flood_is_cut_off_after_the_burst(world: Database, tmp_path: Path) -> None:
    # A rate so slow that nothing refills during the test: exactly the burst gets through.
    with running_intake(world, tmp_path, rate_burst=4, rate_per_minute=0.001) as run:
        help_body = {"kind": "breakdown", "lat": SCENE[0], "lon": SCENE[1]}
        statuses = [run.post("/v1/help", help_body, run.tokens["hotline"])[:3:2] for _ in range(12)]
        assert [s for s, _ in statuses] == [201] * 4 + [429] * 8
        assert all(int(h["Retry-After"]) > 0 for s, h in statuses if s == 429)
        with world.session() as s:
            assert s.scalar(select(func.count()).select_from(Incident)) == 4


def test_a_flood_of_wrong_tokens_is_limited_by_address(world: Database, tmp_path: Path) -> None:
    with running_intake(world, tmp_path, rate_burst=3, rate_per_minute=0.001) as run:
        statuses = [run.post("/v1/help", {}, "guess-" + str(i) * 40)[0] for i in range(8)]
        assert statuses == [401] * 3 + [429] * 5
        _nothing_stored(world, run)


def test_config_without_tokens_refuses_to_serve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from console.cli import main

    assert main(["intake", "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}"]) == 2
    assert "token_files is empty" in capsys.readouterr().err


def test_connections_beyond_the_limit_are_answered_busy_at_once(world: Database, tmp_path: Path) -> None:
    with running_intake(world, tmp_path, max_connections=2) as run:
        idle = [socket.create_connection(("127.0.0.1", run.port), timeout=30) for _ in range(2)]  # say nothing
        try:
            with socket.create_connection(("127.0.0.1", run.port), timeout=30) as third:
                third.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
                assert third.recv(4096).startswith(b"HTTP/1.1 503")
        finally:
            for sock in idle:
                sock.close()
