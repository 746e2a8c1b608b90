"""Issue 13 end to end: one analytics process and two console processes on the real PostgreSQL.

Real everything: a local RTSP camera serving the demo expressway scene where its wanted vehicle drives
up to the camera, the demo's own set-up of that camera (the scene's rules, the `vehicle-scenes`
detector, that vehicle's plate on the hotlist), `main.py analytics` reading the plate with OpenVINO on
the CPU, and two consoles: one in this process (pytest-qt), the other a process of its own
(tests/console_process.py), each with its own database connection, services and live-event listener.
Proven: the analytics process holds the camera's lease and stores every read (the first console
puts the camera on its wall, which opens its stream and declines to analyse it); the hotlist alert
it raises appears on both consoles' Alerts pages with nobody refreshing them; a dispatch made
through the first console's Alerts → Incidents path shows on the second console's map (its Leaflet
state, read from the real QWebEngineView); SIGTERM stops the analytics process with exit 0 and its
leases given back, and the second console exits 0 leaving no process (QtWebEngine's helpers
included) behind. Delays are printed as figures, not bounds.
"""

from __future__ import annotations

import json
import logging
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import cv2
import pytest
from analytics_setup import Analytics
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from video_servers import serving

from console.bootstrap import build_services
from console.config import Config, EvidenceConfig
from console.demo.scene_rules import configure_demo_scenes, wanted_vehicle
from console.demo.scenes import build_scene, ground_truth
from console.demo.seed import DEMO_OPERATORS, DEMO_PASSWORD, seed_demo
from console.services.leases import LeaseService
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import Alert, AuditEntry, Camera, Dispatch, HotlistEntry, PlateRead
from console.ui.bridge import Bridge
from console.ui.labels import label
from console.ui.main_window import MainWindow
from console.ui.pages.alerts import AlertsPage
from console.ui.pages.base import PageContext
from console.ui.pages.incidents import IncidentsPage
from console.ui.pages.wall import WallPage
from console.video.rtsp_server import ServerSpec, StreamServer

CAMERA = "CT01-K184-S"  # the demo camera that shows expressway seed 2 (console/demo/cameras.py)
SCENE = ("expressway", 2)
# The wanted vehicle re-enters at the bottom near frame 424 and its plate is in clear view 429–464:
# 60 frames served at 10 fps and analysed at 2 fps give ~7 clear looks a loop, at a fifth of the CPU
# the demo's 25 fps → 4 fps would take.
CLIP = range(424, 484)
SERVE_FPS = 10
ANALYSE_FPS = 2
CHILD = Path(__file__).resolve().parent / "console_process.py"


@pytest.fixture(scope="module")
def wanted_scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[StreamServer, dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("expressway-wanted")
    scene, truth = build_scene(*SCENE), ground_truth(*SCENE).data
    for n, i in enumerate(CLIP):
        image, _records = scene.frame(i)
        assert image is not None
        cv2.imwrite(str(folder / f"frame_{n:05d}.jpg"), image)  # full size: the plate needs its pixels
    with serving(ServerSpec().jpeg_mount("cam", folder, fps=SERVE_FPS)) as server:
        yield server, truth


class OtherConsole:
    """tests/console_process.py: its JSON lines read on a thread, commands written to its stdin."""

    def __init__(self, url: str, username: str, log: Path) -> None:
        self.log = log
        with log.open("w") as err:
            cmd = [sys.executable, str(CHILD), url, username, DEMO_PASSWORD]
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True)
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))

    def first(self, match: Callable[[dict[str, Any]], bool], timeout: float) -> dict[str, Any]:
        """The first line (already seen or still to come) that matches."""
        deadline = time.monotonic() + timeout
        while True:
            while not self.lines.empty():
                self.seen.append(self.lines.get())
            found = next((line for line in self.seen if match(line)), None)
            if found is not None:
                return found
            assert self.proc.poll() is None, f"console 2 exited {self.proc.returncode}: {self.log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"second console never showed it; last: {self.seen[-2:]}"
            time.sleep(0.05)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` now (QtWebEngine's renderer and GPU helpers, a decoder's children)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _epoch(at: datetime) -> float:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()


def _alert_keys(page: AlertsPage) -> list[int]:
    model = page.alerts.model
    return [int(model.key(r)) for r in range(model.rowCount())]


@pytest.mark.postgres
def test_an_analytics_alert_reaches_both_consoles_and_a_dispatch_on_one_shows_on_the_others_map(
    qtbot: QtBot,
    db_url: str,
    tmp_path: Path,
    wanted_scene: tuple[StreamServer, dict[str, Any]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("analytics processes and consoles meet on the centre's PostgreSQL")
    server, truth = wanted_scene
    db = Database.open(db_url)
    services = build_services(Config(evidence=EvidenceConfig(dir=str(tmp_path / "evidence"))), db)
    seed_demo(db, services.audit)
    # The camera is set up as the demo sets up a camera showing this scene; only its stream is ours.
    with db.session() as s:
        camera_id = s.scalars(select(Camera.id).where(Camera.code == CAMERA)).one()
        s.execute(update(Camera).where(Camera.id == camera_id).values(main_url=server.url("cam")))
    setup = configure_demo_scenes(db, services.audit, {CAMERA: truth}, datetime.now(UTC))
    vehicle = wanted_vehicle(truth)
    assert vehicle is not None and setup.wanted == [vehicle["plate"]]
    with db.session() as s:
        entry_id = s.scalars(select(HotlistEntry.id).where(HotlistEntry.plate == vehicle["plate"])).one()

    bridge = Bridge()
    other = OtherConsole(db_url, DEMO_OPERATORS[1], tmp_path / "console2.stderr")
    analytics: Analytics | None = None
    window: MainWindow | None = None
    try:
        actor = services.auth.login(DEMO_OPERATORS[0], DEMO_PASSWORD)
        window = MainWindow(PageContext(services, Queries(db), bridge, actor), "alerts")
        qtbot.addWidget(window)
        window.resize(1400, 850)
        window.show()
        alerts, incidents = window.page(AlertsPage), window.page(IncidentsPage)
        assert alerts is not None and incidents is not None
        assert window.live_events.listener.connected.wait(10)
        other.first(lambda line: "ready" in line, 60)
        other.first(lambda line: "alerts" in line, 30)  # its first load: what was there before analytics

        started = time.time()
        analytics = Analytics(db_url, tmp_path, "analytics", cameras=CAMERA, fps=ANALYSE_FPS, seconds=300)
        watcher = LeaseService(db, "watcher")

        def alert_stored() -> Alert | None:
            with db.session() as s:
                return s.scalars(select(Alert).where(Alert.hotlist_entry_id == entry_id)).first()

        alert: Alert | None = None

        def raised() -> bool:
            nonlocal alert
            assert analytics is not None
            analytics.poll()
            assert analytics.proc.poll() is None, analytics.log_tail()
            alert = alert_stored()
            return alert is not None

        # Bounded generously: model loading, stream start-up and the first loops on a loaded 2-core machine.
        qtbot.waitUntil(raised, timeout=120_000)
        assert alert is not None
        stored_at = _epoch(alert.created_at)
        # The lease is the analytics process's, and it is the one that read the plate.
        assert watcher.holders() == {camera_id: analytics.holder}
        assert analytics.frames.get(camera_id, 0) > 0, analytics.frames

        seen_here: list[float] = []

        def shown_here() -> bool:
            if alert.id in _alert_keys(alerts) and not seen_here:
                seen_here.append(time.time())
            return bool(seen_here)

        qtbot.waitUntil(shown_here, timeout=15_000)
        there = other.first(lambda line: alert.id in [row[0] for row in line.get("alerts", [])], 15)
        assert vehicle["plate"] in dict(there["alerts"])[alert.id]
        here_ms, there_ms = (seen_here[0] - stored_at) * 1000, (there["t"] - stored_at) * 1000
        print(f"\nalert {alert.id} ({vehicle['plate']}) stored {stored_at - started:.1f} s after analytics started"
              f" → on console 1's Alerts page after {here_ms:.0f} ms, console 2's after {there_ms:.0f} ms")  # fmt: skip

        # Console 1 puts the camera on its wall: it plays it, but leaves the analysing to the lease holder.
        caplog.set_level(logging.INFO, logger="console.ui.live_detection")
        wall = window.page(WallPage)
        assert wall is not None
        window.show_camera(camera_id)

        def wall_declined() -> bool:
            return any("not on this wall" in r.msg and isinstance(r.args, tuple) and r.args[:1] == (camera_id,)
                       for r in caplog.records)  # fmt: skip

        qtbot.waitUntil(wall_declined, timeout=60_000)  # after the wall's own engine has loaded
        assert wall.live.threads() == [] and wall.streams.open_count() == 1  # shown, not analysed
        wall.assign(wall.wall.focused_index, None)
        window.nav.setCurrentRow(window.pages.index(alerts))

        # Console 2 turns to its map; console 1 makes an incident of the alert and dispatches a team.
        other.send("map")
        before = other.first(lambda line: "units" in line and len(line["units"]) > 0, 60)
        row = _alert_keys(alerts).index(alert.id)
        alerts.alerts.view.selectRow(alerts.alerts.proxy.mapFromSource(alerts.alerts.model.index(row, 0)).row())
        assert alerts.alerts.current_key() == alert.id
        alerts.to_incident.click()
        qtbot.waitUntil(incidents.form.isVisible, timeout=10_000)
        incidents.form.create_button.click()
        qtbot.waitUntil(lambda: incidents.panel.isVisible() and incidents.panel.suggestions.rowCount() > 0,
                        timeout=15_000)  # fmt: skip
        incident = incidents.panel.incident
        team = incidents.panel.selected_unit()
        assert incident is not None and team is not None
        assert str(incident.id) not in before["incidents"] and before["units"][str(team)] == "available"
        incidents.panel.dispatch_button.click()

        def dispatched() -> Dispatch | None:
            with db.session() as s:
                return s.scalars(select(Dispatch).where(Dispatch.incident_id == incident.id)).first()

        qtbot.waitUntil(lambda: dispatched() is not None, timeout=15_000)
        order = dispatched()
        assert order is not None and order.unit_id == team

        def on_map(line: dict[str, Any]) -> bool:
            pin = line.get("incidents", {}).get(str(incident.id), "")
            return line.get("units", {}).get(str(team)) == "dispatched" and label("dispatched") in pin

        shown = other.first(on_map, 20)
        print(f"dispatch {order.id} (team {team} to incident {incident.id}) stored → on console 2's map after "
              f"{(shown['t'] - _epoch(order.dispatched_at)) * 1000:.0f} ms")  # fmt: skip

        # Reads stored by the analytics process only: it audits them as the system, a console's wall as
        # its operator.
        with db.session() as s:
            readers = set(s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "detection.reads")).all())
            reads = s.scalars(select(PlateRead.id).where(PlateRead.camera_id == camera_id)).all()
        assert reads and readers == {"system"}, readers

        # Clean shutdown: SIGTERM → exit 0 with the lease given back; the second console quits whole.
        helpers = _descendants(analytics.proc.pid) | _descendants(other.proc.pid)
        analytics.proc.send_signal(signal.SIGTERM)
        assert analytics.proc.wait(30) == 0, analytics.log_tail()
        assert watcher.holders() == {}
        other.send("quit")
        assert other.proc.wait(30) == 0, other.log.read_text()[-3000:]
        deadline = time.monotonic() + 10
        while _alive(helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive(helpers) == set(), f"left behind: {_alive(helpers)}"
    finally:
        if window is not None:
            window.close()
        for proc in (other.proc, analytics.proc if analytics is not None else None):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait(10)
        bridge.shutdown()
        db.dispose()
