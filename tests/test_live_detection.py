"""Live detection on the wall: a real RTSP camera serving a rendered expressway, real OpenVINO models."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from video_servers import serving

from console.bootstrap import Services, build_services
from console.config import Config, EvidenceConfig
from console.demo.scenes import build_scene
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import Camera
from console.ui.bridge import Bridge
from console.ui.pages.base import PageContext
from console.ui.pages.wall import WallPage
from console.video.rtsp_server import ServerSpec, StreamServer
from inference.models import MODELS_DIR


@pytest.fixture(scope="module")
def expressway_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamServer]:
    folder = tmp_path_factory.mktemp("expressway")
    scene = build_scene("expressway", 2)
    for n, i in enumerate(range(150, 200)):  # two seconds with cars in every lane, looped by the server
        image, _records = scene.frame(i)
        assert image is not None
        cv2.imwrite(str(folder / f"frame_{n:05d}.jpg"), image)
    with serving(ServerSpec().jpeg_mount("cam", folder, fps=25)) as server:
        yield server


def test_wall_tile_gets_detection_boxes_and_the_worker_ends_with_the_tile(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path, bridge: Bridge, expressway_server: StreamServer
) -> None:
    services: Services = build_services(Config(evidence=EvidenceConfig(dir=str(tmp_path))), sqlite_database)
    seed_demo(sqlite_database, services.audit)
    with services.db.session() as s:
        cam_id = s.scalars(select(Camera.id).where(Camera.code == "CT01-K184-S")).one()
        s.execute(update(Camera).where(Camera.id == cam_id).values(main_url=expressway_server.url("cam")))
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    page = WallPage(PageContext(services, Queries(services.db), bridge, actor))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: len(page.camera_items()) > 0, timeout=5000)
    page.assign(0, cam_id)
    qtbot.waitUntil(lambda: bool(page.live.threads()), timeout=10000)
    (thread,) = page.live.threads()
    assert thread.is_alive()
    tile = page.wall.tiles[0]
    qtbot.waitUntil(lambda: any(o.boxes for o in tile._overlays), timeout=10000)
    frame = tile.frame
    assert frame is not None
    boxes = [b for o in tile._overlays for b in o.boxes]
    # Boxes are in the pixels of the frame they were computed on (1280×720), labelled with class or plate.
    assert all(0 <= b.x < frame.width and 0 <= b.y < frame.height and b.w > 0 and b.h > 0 for b in boxes)
    assert all(b.label for b in boxes)
    assert page.streams.open_count() == 1  # the tile and the detector share one decode
    # The vehicles drive: once tracked, their boxes carry a velocity (frame px/s) for the tile to move
    # them by; the expressway's cars cross the picture in a few seconds, neither parked nor teleporting.
    qtbot.waitUntil(lambda: any(abs(b.vx) + abs(b.vy) > 5 for o in tile._overlays for b in o.boxes), timeout=10000)
    speeds = [abs(b.vx) + abs(b.vy) for o in tile._overlays for b in o.boxes]
    assert max(speeds) < 2 * frame.width

    page.assign(0, None)
    assert not thread.is_alive() and page.live.threads() == []
    qtbot.waitUntil(lambda: page.streams.open_count() == 0, timeout=5000)


def test_a_corrupt_detector_leaves_the_wall_playing_and_says_detection_is_off(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path, bridge: Bridge, expressway_server: StreamServer
) -> None:
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    (models / "vehicle-nanodet" / "model.bin").write_bytes(b"not a model")
    services: Services = build_services(Config(evidence=EvidenceConfig(dir=str(tmp_path / "ev"))), sqlite_database)
    seed_demo(sqlite_database, services.audit)
    with services.db.session() as s:
        cam_id = s.scalars(select(Camera.id).where(Camera.code == "CT01-K184-S")).one()
        s.execute(update(Camera).where(Camera.id == cam_id).values(main_url=expressway_server.url("cam")))
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    page = WallPage(PageContext(services, Queries(services.db), bridge, actor))
    qtbot.addWidget(page)
    page.live.model_dirs = [models]
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: len(page.camera_items()) > 0, timeout=5000)
    page.assign(0, cam_id)
    qtbot.waitUntil(lambda: "Detection is off" in page.message.text(), timeout=10000)
    assert "model.bin" in page.message.text()  # the refused file is named
    qtbot.waitUntil(lambda: page.wall.tiles[0].frame is not None, timeout=10000)  # the video still plays
    assert page.live.threads() == []
