from __future__ import annotations

from sqlalchemy import select

from console.config import CameraConfig
from console.services.audit import AuditLog
from console.services.cameras import split_credentials, sync_config_cameras
from console.services.redact import redact_url
from console.storage.db import Database
from console.storage.models import AuditEntry, Camera

CAM = CameraConfig(
    code="HN-NTS", name="Ngã tư Sở", route="Hà Nội", route_kind="city", lat=21.0031, lon=105.8197,
    main_url="rtsp://viewer:p%40ss@10.1.2.3:554/Streaming/Channels/101",
)  # fmt: skip


def test_config_cameras_are_inserted_then_updated_without_credentials_in_urls(database: Database) -> None:
    audit = AuditLog()
    assert sync_config_cameras(database, audit, [CAM]).added == 1
    assert sync_config_cameras(database, audit, [CAM]) == sync_config_cameras(database, audit, [CAM])
    moved = CameraConfig(**{**CAM.__dict__, "lat": 21.0032, "detector": "vehicle-site-7"})
    result = sync_config_cameras(database, audit, [moved])
    assert (result.added, result.updated) == (0, 1)
    with database.session() as s:
        cam = s.scalars(select(Camera)).one()
        assert cam.main_url == "rtsp://10.1.2.3:554/Streaming/Channels/101"
        assert (cam.stream_username, cam.stream_password) == ("viewer", "p%40ss")
        assert (cam.lat, cam.detector) == (21.0032, "vehicle-site-7")
        actions = s.scalars(select(AuditEntry.action)).all()
    assert actions == ["camera.sync_config", "camera.sync_config"]


def test_redaction_and_splitting() -> None:
    assert split_credentials("http://cam.local/x.mjpg") == ("http://cam.local/x.mjpg", None, None)
    assert redact_url("rtsp://admin:hunter2@10.0.0.1/ch1") == "rtsp://admin:***@10.0.0.1/ch1"
    assert "hunter2" not in redact_url("rtsp://:hunter2@10.0.0.1/ch1")
