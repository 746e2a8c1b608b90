"""Wall layouts per operator and snapshots into the evidence store, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import select

from console.services.audit import AuditLog
from console.services.context import SYSTEM, Actor, Role
from console.services.evidence import EvidenceStore
from console.services.users import UserService
from console.services.wall import WallError, WallLayout, WallService, stream_sources
from console.storage.db import Database
from console.storage.models import AuditEntry, Camera, EvidenceFile, Operator


@pytest.fixture
def wall(database: Database, tmp_path: Path) -> WallService:
    return WallService(database, AuditLog(), EvidenceStore(tmp_path / "evidence"))


def make_operator(database: Database, name: str) -> Actor:
    op = UserService(database, AuditLog()).add_user(SYSTEM, name, "mật-khẩu-dài", Role.OPERATOR)
    return Actor(op.username, Role.OPERATOR, op.id)


def make_cameras(database: Database, n: int) -> list[int]:
    with database.session() as s:
        cams = [
            Camera(code=f"C{i}", name=f"Cam {i}", route="QL1A", route_kind="national_highway", lat=21.0, lon=105.8,
                   main_url=f"rtsp://10.0.0.{i}/s", stream_username="u", stream_password=f"pw{i}")
            for i in range(n)
        ]  # fmt: skip
        s.add_all(cams)
        s.flush()
        return [c.id for c in cams]


def test_layouts_are_saved_and_restored_per_operator(database: Database, wall: WallService) -> None:
    lan, minh = make_operator(database, "lan"), make_operator(database, "minh")
    cams = make_cameras(database, 5)
    assert wall.load_layout(lan) is None
    wall.save_layout(lan, WallLayout(3, (cams[0], None, cams[4])))
    wall.save_layout(minh, WallLayout(1, (cams[2],)))
    assert wall.load_layout(lan) == WallLayout(3, (cams[0], None, cams[4]))
    assert wall.load_layout(minh) == WallLayout(1, (cams[2],))
    with database.session() as s:
        prefs = s.scalar(select(Operator.preferences).where(Operator.id == lan.operator_id))
        saved = s.scalars(select(AuditEntry).where(AuditEntry.action == "wall.layout_saved")).all()
    assert prefs is not None and prefs["wall"] == {"grid": 3, "cameras": [cams[0], None, cams[4]]}
    assert len(saved) == 2
    wall.save_layout(lan, WallLayout(3, (cams[0], None, cams[4])))  # unchanged: no new audit entry
    with database.session() as s:
        assert len(s.scalars(select(AuditEntry).where(AuditEntry.action == "wall.layout_saved")).all()) == 2


def test_bad_layouts_are_refused_and_change_nothing(database: Database, wall: WallService) -> None:
    lan = make_operator(database, "lan")
    cams = make_cameras(database, 2)
    wall.save_layout(lan, WallLayout(2, (cams[0],)))
    with pytest.raises(WallError, match="5x5"):
        WallLayout(5, ())
    with pytest.raises(WallError, match="do not fit"):
        WallLayout(1, (cams[0], cams[1]))
    with pytest.raises(WallError, match="no camera with id 999"):
        wall.save_layout(lan, WallLayout(2, (999,)))
    assert wall.load_layout(lan) == WallLayout(2, (cams[0],))
    assert WallLayout.from_json({"grid": 7}) is None and WallLayout.from_json("2x2") is None


def test_snapshot_writes_evidence_with_its_sha256(database: Database, wall: WallService, tmp_path: Path) -> None:
    lan = make_operator(database, "lan")
    cam = make_cameras(database, 1)[0]
    image = np.zeros((72, 128, 3), np.uint8)
    cv2.putText(image, "29A-123.45", (5, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 255, 255), 1)
    jpeg = cv2.imencode(".jpg", image)[1].tobytes()
    shot = wall.snapshot(lan, cam, jpeg, 128, 72)
    assert shot.sha256 == hashlib.sha256(jpeg).hexdigest()
    stored = tmp_path / "evidence" / shot.path
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == shot.sha256
    with database.session() as s:
        row = s.get(EvidenceFile, shot.evidence_id)
        assert row is not None and (row.kind, row.camera_id, row.width, row.height) == ("snapshot", cam, 128, 72)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "camera.snapshot")).one()
        assert entry.actor == "lan" and json.loads(entry.details)["sha256"] == shot.sha256


def test_snapshot_refuses_non_jpeg_and_unknown_camera(database: Database, wall: WallService) -> None:
    lan = make_operator(database, "lan")
    with pytest.raises(WallError, match="JPEG"):
        wall.snapshot(lan, 1, b"not an image", 1, 1)
    with pytest.raises(WallError, match="no camera"):
        wall.snapshot(lan, 12345, b"\xff\xd8\xff\xe0rest", 1, 1)
    with database.session() as s:
        assert s.scalars(select(EvidenceFile)).all() == []


def test_stream_sources_carry_credentials_but_never_print_them(database: Database) -> None:
    cams = make_cameras(database, 2)
    sources = stream_sources(database, SYSTEM, cams)
    assert sources[cams[1]].password == "pw1" and sources[cams[1]].username == "u"
    assert "pw1" not in repr(sources[cams[1]]) and "pw1" not in str(sources)
