"""Main or sub-stream per layout, end to end: real local RTSP and HTTP MJPEG cameras behind the wall page.

Each stream has a picture size of its own, so the frames a tile shows tell which stream it plays.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from test_video_wall_ui import open_page
from video_servers import MjpegServer, serving

from console.bootstrap import Services, build_services
from console.config import Config, EvidenceConfig
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.storage.db import Database
from console.storage.models import Camera
from console.ui.bridge import Bridge
from console.video.rtsp_server import ServerSpec, StreamServer

MAIN = (320, 240)
RTSP_SUB = (160, 120)
HTTP_SUB = (192, 108)


@pytest.fixture(scope="module")
def rtsp() -> Iterator[StreamServer]:
    spec = ServerSpec()
    for name, (w, h) in (("a-main", MAIN), ("a-sub", RTSP_SUB), ("b-main", MAIN), ("c-main", MAIN)):
        spec.test_mount(name, width=w, height=h, pattern="smpte")
    with serving(spec) as server:
        yield server


@pytest.fixture(scope="module")
def http_sub(tmp_path_factory: pytest.TempPathFactory, rtsp: StreamServer) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("mjpeg")
    w, h = HTTP_SUB
    for n in range(25):  # a moving bar, so the watchdog never calls the picture frozen
        image = np.full((h, w, 3), 90, np.uint8)
        image[:, (n * 7) % w : (n * 7) % w + 12] = (0, 220, 255)
        cv2.imwrite(str(folder / f"frame_{n:05d}.jpg"), image)
    server = MjpegServer(folder).start()
    try:
        yield server.url()
    finally:
        server.stop()


def stream_threads(url: str) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == f"stream {url}" and t.is_alive()]


def test_tiles_play_sub_streams_on_3x3_and_4x4_and_the_main_stream_when_large(
    qtbot: QtBot, sqlite_database: Database, tmp_path: Path, bridge: Bridge, rtsp: StreamServer, http_sub: str
) -> None:
    services: Services = build_services(Config(evidence=EvidenceConfig(dir=str(tmp_path))), sqlite_database)
    seed_demo(sqlite_database, services.audit)
    urls = {
        "a": (rtsp.url("a-main"), rtsp.url("a-sub")),  # RTSP main and sub (FFmpeg here)
        "b": (rtsp.url("b-main"), None),  # no sub-stream: main everywhere
        "c": (rtsp.url("c-main"), http_sub),  # an HTTP MJPEG sub-stream (libVLC)
    }
    with services.db.session() as s:
        ids = list(s.scalars(select(Camera.id).order_by(Camera.id)).all()[:3])
        for cam_id, (main, sub) in zip(ids, urls.values(), strict=True):
            s.execute(
                update(Camera).where(Camera.id == cam_id).values(main_url=main, sub_url=sub, stream_username=None)
            )
    page = open_page(qtbot, services, bridge, services.auth.login(DEMO_ADMIN, DEMO_PASSWORD))
    tiles = page.wall.tiles
    blank: list[int] = []  # tiles seen without a picture while they changed stream

    def showing(sizes: dict[int, tuple[int, int]]) -> bool:
        blank.extend(i for i in sizes if tiles[i].frame is None and tiles[i].shown)
        return all((f := tiles[i].frame) is not None and (f.width, f.height) == size for i, size in sizes.items())

    def settled(plays: dict[int, str]) -> bool:
        # Every stream let go has stopped its decoder thread; nothing but what the tiles play is open.
        gone = all(not stream_threads(u) for pair in urls.values() for u in pair if u and u not in plays.values())
        return gone and page.streams.open_count() == len(set(plays.values()))

    try:
        page.set_grid(2)
        for index, cam_id in enumerate(ids):
            page.assign(index, cam_id)
        main_everywhere = {0: urls["a"][0], 1: urls["b"][0], 2: urls["c"][0]}
        qtbot.waitUntil(lambda: all(page.playing(i) is not None for i in range(3)), timeout=10000)
        assert {i: page.playing(i) for i in range(3)} == main_everywhere
        qtbot.waitUntil(lambda: showing({0: MAIN, 1: MAIN, 2: MAIN}), timeout=20000)

        QTest.keyClick(page, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # 4×4: small tiles, sub-streams
        assert page.wall.grid == 4
        subs = {0: urls["a"][1], 1: urls["b"][0], 2: http_sub}
        assert {i: page.playing(i) for i in range(3)} == subs
        # Until the sub-stream's first frame the tile keeps the main stream's last picture, not black.
        assert tiles[0].held and tiles[2].held and not tiles[1].held
        picture = tiles[0].grab().toImage()
        assert picture.pixelColor(picture.width() // 2, picture.height() // 2) != QColor("#000000")
        qtbot.waitUntil(lambda: showing({0: RTSP_SUB, 1: MAIN, 2: HTTP_SUB}), timeout=20000)
        assert not tiles[0].held and not tiles[2].held
        qtbot.waitUntil(lambda: settled(subs), timeout=20000)

        QTest.mouseDClick(tiles[2], Qt.MouseButton.LeftButton)  # maximised: the main stream again
        assert page.wall.maximised == 2 and page.playing(2) == urls["c"][0]
        assert page.playing(0) == urls["a"][1]  # hidden behind the maximised tile: unchanged
        qtbot.waitUntil(lambda: showing({2: MAIN}), timeout=20000)
        QTest.mouseDClick(tiles[2], Qt.MouseButton.LeftButton)  # back to the 4×4 wall
        assert page.wall.maximised is None and page.playing(2) == http_sub
        qtbot.waitUntil(lambda: showing({2: HTTP_SUB}), timeout=20000)

        QTest.keyClick(page, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # 3×3 keeps the sub-streams
        assert {i: page.playing(i) for i in range(3)} == subs and not any(t.held for t in tiles)

        QTest.keyClick(page, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # 1×1: one large tile, main
        assert page.playing(0) == urls["a"][0] and page.playing(1) is None and page.playing(2) is None
        qtbot.waitUntil(lambda: showing({0: MAIN}), timeout=20000)
        qtbot.waitUntil(lambda: settled({0: urls["a"][0]}), timeout=20000)
        assert not blank
    finally:
        page.close_streams()
    assert not any(stream_threads(u) for pair in urls.values() for u in pair if u)
