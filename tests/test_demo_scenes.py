"""Demo cameras showing a rendered scene take its exact rules and the scene detector; the hotlist gets a
vehicle each scene shows clearly. Real ground truth, real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from console.demo.scene_rules import SCENE_DETECTOR, configure_demo_scenes, wanted_vehicle
from console.demo.scenes import ground_truth
from console.services.audit import AuditLog
from console.storage.db import Database
from console.storage.models import AuditEntry, Camera, CameraRule, HotlistEntry

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def expressway() -> dict[str, object]:
    return ground_truth("expressway", 2).data  # what demo camera CT01-K184-S shows


def test_a_demo_camera_takes_the_scene_rules_detector_and_a_wanted_vehicle_once(
    database: Database, expressway: dict[str, object]
) -> None:
    with database.session() as s:
        registry_rule = CameraRule(kind="speed", name="registry", geometry={}, params={"limit_kmh": 120})
        s.add(Camera(code="CT01-K184-S", name="Km 184", route="CT.01", route_kind="expressway", lat=20.9, lon=105.9,
                     main_url="rtsp://x/1", speed_limit_kmh=120, rules=[registry_rule]))  # fmt: skip
    audit = AuditLog()
    setup = configure_demo_scenes(database, audit, {"CT01-K184-S": expressway, "NO-SUCH-CAM": expressway}, NOW)
    vehicle = wanted_vehicle(expressway)
    assert vehicle is not None and setup.cameras == 1 and setup.wanted == [vehicle["plate"]]
    with database.session() as s:
        camera = s.scalars(select(Camera)).one()
        assert camera.detector == SCENE_DETECTOR and camera.speed_limit_kmh == 100
        rules = s.scalars(select(CameraRule).order_by(CameraRule.id)).all()
        truth_rules = expressway["rules"]
        assert isinstance(truth_rules, list)
        assert [(r.kind, r.geometry, r.params) for r in rules] == [
            (r["kind"], r["geometry"], r["params"]) for r in truth_rules
        ]
        listed = s.scalars(select(HotlistEntry)).one()
        assert (listed.plate, listed.priority, listed.active) == (vehicle["plate"], 1, True)
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)).all()
    assert actions == ["camera.rules_from_scene", "hotlist.add"]
    # A second start finds everything in place and changes nothing.
    assert configure_demo_scenes(database, audit, {"CT01-K184-S": expressway}, NOW) == type(setup)(0, [])


def test_the_wanted_vehicle_is_one_whose_plate_the_camera_sees_large_and_unhidden(
    expressway: dict[str, object],
) -> None:
    vehicle = wanted_vehicle(expressway)
    assert vehicle is not None
    clear = [p for p in vehicle["track"] if (p["plate_char_px"] or 0) >= 12 and (p["plate_visible"] or 0) >= 0.95]
    assert len(clear) >= 10  # at 4 analysed frames a second, a few reads while the plate is readable
    assert wanted_vehicle({"vehicles": []}) is None
