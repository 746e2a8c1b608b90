"""The wall page on a real database and a real local RTSP camera: live tiles, layouts, snapshot, overlays."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from video_servers import serving

from console.bootstrap import Services, build_services
from console.config import Config, EvidenceConfig
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.services.context import Actor, Role
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import Camera, EvidenceFile
from console.ui.bridge import Bridge
from console.ui.pages.base import PageContext
from console.ui.pages.wall import WallPage
from console.video.health import State
from console.video.ring import Frame
from console.video.rtsp_server import ServerSpec, StreamServer
from widgets.video_tile import OVERLAY_HOLD_S, OVERLAY_LEAD_S, Overlay, OverlayBox, VideoTile, box_at, camera_mime


@pytest.fixture
def services(sqlite_database: Database, tmp_path: Path) -> Services:
    services = build_services(Config(evidence=EvidenceConfig(dir=str(tmp_path / "evidence"))), sqlite_database)
    seed_demo(sqlite_database, services.audit)
    return services


@pytest.fixture(scope="module")
def camera_server() -> Iterator[StreamServer]:
    with serving(ServerSpec().test_mount("cam", width=320, height=240, pattern="smpte")) as server:
        yield server


def local_camera(services: Services, server: StreamServer) -> int:
    """Point one registered camera at the local server, as an installer would configure it."""
    with services.db.session() as s:
        cam = s.scalars(select(Camera).order_by(Camera.id)).first()
        assert cam is not None
        s.execute(update(Camera).where(Camera.id == cam.id).values(main_url=server.url("cam"), stream_username=None))
        return cam.id


def open_page(qtbot: QtBot, services: Services, bridge: Bridge, actor: Actor) -> WallPage:
    page = WallPage(PageContext(services, Queries(services.db), bridge, actor))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: len(page.camera_items()) > 0, timeout=5000)
    return page


def test_tile_goes_live_paints_frames_and_snapshots_to_evidence(
    qtbot: QtBot, services: Services, bridge: Bridge, camera_server: StreamServer, tmp_path: Path
) -> None:
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    cam_id = local_camera(services, camera_server)
    page = open_page(qtbot, services, bridge, actor)
    try:
        page.assign(0, cam_id)
        tile = page.wall.tiles[0]
        qtbot.waitUntil(lambda: tile.health is not None and tile.health.state == State.LIVE, timeout=10000)
        qtbot.waitUntil(lambda: tile.shown >= 10, timeout=5000)
        picture = tile.grab().toImage()
        centre = picture.pixelColor(picture.width() // 2, picture.height() // 2)
        assert centre != QColor("#000000")  # the SMPTE bars are painted, not a black tile
        tile.setFocus()
        page.snapshot()
        qtbot.waitUntil(lambda: "Snapshot" in page.message.text() or "evidence" in page.message.text(), timeout=5000)
        with services.db.session() as s:
            row = s.scalars(select(EvidenceFile)).one()
            stored = tmp_path / "evidence" / row.path
            assert hashlib.sha256(stored.read_bytes()).hexdigest() == row.sha256
            assert (row.camera_id, row.width, row.height) == (cam_id, 320, 240)
    finally:
        page.close_streams()


def test_layout_is_restored_for_the_same_operator_only(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    lan = services.users.add_user(services.auth.login(DEMO_ADMIN, DEMO_PASSWORD), "lan", "mật-khẩu-dài", Role.OPERATOR)
    lan_actor = Actor("lan", Role.OPERATOR, lan.id)
    admin = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    page = open_page(qtbot, services, bridge, lan_actor)
    ids = [int(item.data(0, Qt.ItemDataRole.UserRole)) for item in page.camera_items()[:2]]
    page.set_grid(3)
    mime = camera_mime(ids[1])  # referenced here: the event holds only a C++ pointer to it
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    page.wall.tiles[4].dropEvent(event)  # a camera dragged from the tree onto the centre tile
    assert page.wall.tiles[4].camera is not None and page.wall.tiles[4].camera.camera_id == ids[1]
    qtbot.waitUntil(lambda: page.service.load_layout(lan_actor) is not None, timeout=5000)
    page.close_streams()

    again = open_page(qtbot, services, bridge, lan_actor)
    qtbot.waitUntil(lambda: again.wall.grid == 3 and again.wall.tiles[4].camera is not None, timeout=5000)
    assert again.tile_cameras()[4] == ids[1] and again.tile_cameras()[0] is None
    again.close_streams()
    other = open_page(qtbot, services, bridge, admin)
    qtbot.wait(300)
    assert other.wall.grid == 2 and all(c is None for c in other.tile_cameras())
    other.close_streams()


def test_maximise_and_layout_shortcut_change_what_is_shown(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    page = open_page(qtbot, services, bridge, services.auth.login(DEMO_ADMIN, DEMO_PASSWORD))
    page.set_grid(4)
    assert len(page.wall.visible_tiles()) == 16
    QTest.mouseDClick(page.wall.tiles[5], Qt.MouseButton.LeftButton)
    assert [t.index for t in page.wall.visible_tiles()] == [5]
    QTest.mouseDClick(page.wall.tiles[5], Qt.MouseButton.LeftButton)
    assert len(page.wall.visible_tiles()) == 16
    QTest.keyClick(page, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert page.wall.grid == 1 and page.grid_buttons[0].isChecked()
    page.close_streams()


def test_overlay_is_drawn_only_over_its_own_or_a_later_frame(qtbot: QtBot) -> None:
    tile = VideoTile(0)
    qtbot.addWidget(tile)
    picture = np.zeros((100, 200, 3), np.uint8)
    f10, f11 = Frame(10, 100.0, picture), Frame(11, 100.04, picture)
    tile.add_overlay(Overlay(11, 100.04, (OverlayBox(10, 10, 50, 30, "30A-123.45"),)))
    assert tile.overlay_for(f10) is None  # boxes of frame 11 never appear over frame 10
    assert tile.overlay_for(f11) is not None
    assert tile.overlay_for(Frame(12, 100.08, picture)) is not None  # held briefly on the next frame
    assert tile.overlay_for(Frame(40, 101.2, picture)) is None  # stale boxes are not drawn
    tile.resize(400, 200)
    tile.show_frame(f11)
    image = tile.grab().toImage()
    rect = tile.image_rect()
    x = int(rect.x() + 10 * rect.width() / 200)
    y = int(rect.y() + 25 * rect.height() / 100)
    assert image.pixelColor(x, y) != QColor("#000000")  # the box's left edge is painted over the video


def test_overlay_boxes_move_with_their_vehicles_onto_the_shown_frame(qtbot: QtBot) -> None:
    # A car found on frame 10 heading right at 200 px/s and up at 40 px/s; detection runs ~4 times a second,
    # so its boxes are drawn over the next six or more frames of video.
    car = OverlayBox(10, 40, 50, 30, "car", vx=200, vy=-40)
    assert box_at(car, 0.25) == pytest.approx((60, 30, 50, 30))  # where the car is a quarter second later
    assert box_at(car, 5.0) == box_at(car, OVERLAY_LEAD_S)  # carried along no further than the cap
    assert box_at(car, -0.1) == (10, 40, 50, 30)  # never moved backwards
    assert box_at(OverlayBox(10, 40, 50, 30), 0.5) == (10, 40, 50, 30)  # a box without motion stays put

    tile = VideoTile(0)
    qtbot.addWidget(tile)
    tile.resize(400, 200)
    picture = np.zeros((100, 200, 3), np.uint8)
    overlay = Overlay(10, 100.0, (car,))
    tile.add_overlay(overlay)
    later = Frame(16, 100.25, picture)
    tile.show_frame(later)
    target = tile.image_rect()
    assert (target.width(), target.height()) == (400, 200)  # twice the picture's size, no letterbox
    ((rect, _),) = tile.overlay_rects(overlay, later)
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == pytest.approx((120, 60, 100, 60))
    assert tile.overlay_for(Frame(40, 100.0 + OVERLAY_HOLD_S + 0.05, picture)) is None  # too old: hidden

    image = tile.grab().toImage()
    mid = int(rect.y() + rect.height() / 2)
    assert image.pixelColor(int(rect.x()), mid) != QColor("#000000")  # drawn where the car is now
    assert image.pixelColor(20, mid) == QColor("#000000")  # not where it was on frame 10
