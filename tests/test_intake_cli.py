"""`main.py intake serve` as an operator starts it: a subprocess on a free port; and the demo's reports."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from gps_setup import free_port
from sqlalchemy import select

from console.config import Config, EvidenceConfig
from console.demo.citizen import seed_demo_citizen
from console.demo.seed import seed_demo
from console.services.audit import AuditLog
from console.storage.db import Database
from console.storage.models import Alert, CandidateEvidence, Incident, ViolationCandidate

ROOT = Path(__file__).resolve().parent.parent


def test_intake_serve_answers_over_http_until_stopped(tmp_path: Path) -> None:
    token = secrets.token_urlsafe(32)
    (tmp_path / "hotline.token").write_text(token, encoding="utf-8")
    (tmp_path / "site.toml").write_text(
        f'[intake]\ntoken_files = ["{tmp_path / "hotline.token"}"]\n[evidence]\ndir = "{tmp_path / "ev"}"\n'
        f'[logging]\ndir = "{tmp_path / "logs"}"\n',
        encoding="utf-8",
    )
    port = free_port()
    cmd = [sys.executable, str(ROOT / "main.py"), "--config", str(tmp_path / "site.toml"),
           "--db", f"sqlite:///{tmp_path / 'c.db'}", "intake", "serve", "--port", str(port)]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=os.environ | {"PYTHONUNBUFFERED": "1"})  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # blocks until it listens (or exits)
        assert f"127.0.0.1:{port}/v1/ for hotline" in line, line + (proc.stderr.read() if proc.stderr else "")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/v1/help", json.dumps({"kind": "breakdown", "lat": 21.0, "lon": 105.8}),
                     {"Content-Type": "application/json", "Authorization": f"Bearer {token}"})  # fmt: skip
        resp = conn.getresponse()
        body = json.loads(resp.read())
        conn.close()
        assert resp.status == 201 and body["suggested"] == [], body  # no teams registered
    finally:
        proc.terminate()
        proc.wait(30)
    db = Database.open(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        with db.session() as s:
            incident = s.scalars(select(Incident)).one()
            assert (incident.source, incident.kind, incident.place) == (
                "citizen",
                "stopped_vehicle",
                "21.00000, 105.80000",
            )
    finally:
        db.dispose()


def test_demo_citizen_reports_go_through_the_intake_once(sqlite_database: Database, tmp_path: Path) -> None:
    audit = AuditLog()
    assert seed_demo(sqlite_database, audit) is not None
    cfg = Config(evidence=EvidenceConfig(dir=str(tmp_path / "ev")))
    assert seed_demo_citizen(cfg, sqlite_database, audit) == 3
    assert seed_demo_citizen(cfg, sqlite_database, audit) == 0
    with sqlite_database.session() as s:
        citizen = s.scalars(select(ViolationCandidate).where(ViolationCandidate.source == "citizen")).all()
        assert {c.reporter for c in citizen} == {"app-csgt"} and len(citizen) == 2
        assert s.scalars(
            select(CandidateEvidence).where(CandidateEvidence.candidate_id.in_([c.id for c in citizen]))
        ).all()
        incident = s.scalars(select(Incident).where(Incident.alert_id.is_not(None))).one()
        alert = s.get(Alert, incident.alert_id)
        assert incident.source == "citizen" and alert is not None and alert.kind == "citizen_help"
