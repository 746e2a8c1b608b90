"""A district station with a week of data (SQLite) and a centre with data of its own, for tests/test_sync*.py."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import FromClause, func, insert, select

from console.demo.candidates import seed_demo_candidates
from console.demo.patrol_logs import seed_demo_patrol_logs
from console.demo.seed import seed_demo
from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.storage.db import Database
from console.storage.models import (
    Camera,
    EvidenceFile,
    HotlistEntry,
    Operator,
    PlateRead,
    VehicleRegistration,
)

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
WEEK_AGO = NOW - timedelta(days=7)
READS_PER_DAY = 400
# Tables a station sends, compared row for row between the two ends.
SYNCED = ("plate_reads", "violation_candidates", "candidate_evidence", "fines", "patrol_logs", "patrol_log_entries",
          "evidence_files")  # fmt: skip


def seed_station(db: Database, evidence: Path) -> None:
    audit = AuditLog()
    assert seed_demo(db, audit, clock=lambda: NOW) is not None
    seed_demo_candidates(db, audit, evidence, clock=lambda: NOW)
    seed_demo_patrol_logs(db, audit, NOW)
    rng = random.Random(14)
    with db.session() as s:
        cameras = list(s.scalars(select(Camera.id).order_by(Camera.id)))
        frames = list(s.scalars(select(EvidenceFile.id).where(EvidenceFile.kind == "plate_crop")))
        plates = list(s.scalars(select(VehicleRegistration.plate)))
        rows = []
        for day in range(7):
            for i in range(READS_PER_DAY):
                plate = rng.choice(plates)
                seen = WEEK_AGO + timedelta(days=day, seconds=i * 211 + rng.randrange(200))
                rows.append({
                    "camera_id": rng.choice(cameras), "seen_at": seen, "raw_text": plate.replace(".", ""),
                    "plate": plate, "plate_colour": "white", "rows": 1, "confidence": rng.uniform(0.6, 0.99),
                    "vehicle_class": "car", "track_id": f"t{day}-{i}", "bbox": {"x": 0.4, "y": 0.6, "w": 0.1},
                    "evidence_id": rng.choice(frames) if i % 10 == 0 else None,
                })  # fmt: skip
        s.execute(insert(PlateRead), rows)
        audit.append(s, SYSTEM, "test.seed_reads", "plate_reads", "", {"rows": len(rows)})


def seed_centre(db: Database) -> None:
    """The centre's own registry and reads first, so station ids land on different centre ids."""
    with db.session() as s:
        s.add(Operator(username="centre.lead", display_name="Trực ban Trung tâm", role="supervisor", password_hash="x"))
        cam = Camera(code="TT-01", name="Trung tâm 01", route="Hà Nội", route_kind="city", lat=21.0, lon=105.8,
                     main_url="rtsp://10.0.0.1/1")  # fmt: skip
        s.add(cam)
        s.flush()
        s.add_all(PlateRead(camera_id=cam.id, seen_at=NOW, raw_text="30A99999", plate="30A-999.99") for _ in range(5))
        s.add(HotlistEntry(plate="30A-999.99", reason="stolen", priority=1, source="C08"))
        s.add(VehicleRegistration(plate="30A-999.99", plate_colour="white", vehicle_class="car", owner_name="Lê Văn C"))
        AuditLog().append(s, SYSTEM, "test.seed_centre", "database", "", {})


def counts(db: Database, models: Mapping[str, FromClause]) -> dict[str, int]:
    with db.sessions() as s:
        return {name: s.scalar(select(func.count()).select_from(model)) or 0 for name, model in models.items()}
