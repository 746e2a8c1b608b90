"""`main.py analytics`: two processes on the real PostgreSQL share four real RTSP cameras, one is killed.

Real everything: a local RTSP server serving a rendered expressway on four mounts, OpenVINO on the
CPU, the camera leases in PostgreSQL. Proven: the two processes split the cameras two and two and
never hold one camera together; each analyses frames of its own cameras; after `kill -9` of one,
the other takes its cameras over within one lease period (plus one renewal step) and analyses them;
on SIGTERM the survivor gives every lease back at once.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import pytest
from analytics_setup import LEASE_S, Analytics
from video_servers import serving

from console.demo.scenes import build_scene
from console.services.leases import LeaseService
from console.storage.db import Database
from console.storage.models import Camera
from console.video.rtsp_server import ServerSpec, StreamServer


@pytest.fixture(scope="module")
def four_cameras(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamServer]:
    folder = tmp_path_factory.mktemp("expressway")
    scene = build_scene("expressway", 2)
    for n, i in enumerate(range(150, 175)):
        image, _records = scene.frame(i)
        assert image is not None
        cv2.imwrite(str(folder / f"frame_{n:05d}.jpg"), cv2.resize(image, (640, 360)))
    spec = ServerSpec()
    for k in range(4):
        spec = spec.jpeg_mount(f"cam{k}", folder, fps=10)
    with serving(spec) as server:
        yield server


def _wait(condition: Callable[[], bool], timeout: float, procs: list[Analytics]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for p in procs:
            p.poll()
            assert p.proc.poll() is None or p.proc.returncode == -9, p.log.read_text()[-3000:]
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.postgres
def test_two_analytics_processes_share_the_cameras_and_one_takes_over_when_the_other_dies(
    db_url: str, tmp_path: Path, four_cameras: StreamServer
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("many analytics processes share cameras on the centre's PostgreSQL")
    db = Database.open(db_url)
    with db.session() as s:
        cams = [Camera(code=f"T-{k}", name=f"Test {k}", route="CT.01", route_kind="expressway", lat=20.9, lon=105.8,
                       main_url=four_cameras.url(f"cam{k}")) for k in range(4)]  # fmt: skip
        s.add_all(cams)
        s.flush()
        ids = sorted(c.id for c in cams)
    watcher = LeaseService(db, "watcher")
    a, b = Analytics(db_url, tmp_path, "a"), Analytics(db_url, tmp_path, "b")
    procs = [a, b]
    overlaps: list[str] = []
    try:

        def split_and_analysing() -> bool:
            held = watcher.holders()
            for p in procs:
                for other in procs:
                    if p is not other and set(p.frames) & set(other.frames):
                        overlaps.append(f"{sorted(set(p.frames) & set(other.frames))} reported by both")
            counts = sorted(list(held.values()).count(h) for h in set(held.values()))
            return counts == [2, 2] and all(len(p.frames) == 2 and min(p.frames.values()) > 0 for p in procs)

        assert _wait(split_and_analysing, 120, procs), f"held {watcher.holders()}, a {a.frames}, b {b.frames}"
        assert overlaps == []
        before = dict(b.frames)
        a.proc.kill()
        died = time.monotonic()
        assert _wait(lambda: set(watcher.holders().values()) == {b.holder} and len(watcher.holders()) == 4, 30, [b])
        took_over = time.monotonic() - died
        print(f"take-over after kill -9: {took_over:.1f} s (lease {LEASE_S:.0f} s)")
        assert took_over <= LEASE_S + LEASE_S / 3 + 2.0, f"{took_over:.1f} s to take over"
        # …and analyses them: frames from all four cameras, the two it had going on counting.
        assert _wait(lambda: len(b.frames) == 4 and all(b.frames[c] > 0 for c in ids), 60, [b]), b.frames
        assert all(b.frames[c] >= n for c, n in before.items())
        b.proc.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        assert b.proc.wait(30) == 0, b.log.read_text()[-3000:]
        assert time.monotonic() - stopping < 15
        assert watcher.holders() == {}  # given back at once, not left to expire
    finally:
        for p in procs:
            if p.proc.poll() is None:
                p.proc.kill()
        db.dispose()
