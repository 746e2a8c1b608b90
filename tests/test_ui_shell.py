"""The window on real services and a real (SQLite) database seeded with the demo data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from console.bootstrap import Services, build_services
from console.config import Config
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.services.audit_key import new_key
from console.services.context import SYSTEM, Actor, PermissionDenied
from console.services.events import announce
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import Alert, Camera, HotlistEntry, PatrolUnit
from console.ui.bridge import Bridge
from console.ui.login import LoginDialog
from console.ui.main_window import PAGE_KEYS, MainWindow
from console.ui.pages.admin import AdminPage
from console.ui.pages.alerts import AlertsPage
from console.ui.pages.base import PageContext
from console.ui.pages.map_page import MapPage
from console.ui.pages.wall import WallPage

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def services(sqlite_database: Database) -> Services:
    services = build_services(Config(), sqlite_database)
    assert seed_demo(sqlite_database, services.audit) is not None
    return services


def _window(qtbot: QtBot, services: Services, bridge: Bridge, actor: Actor, page: str | None = None) -> MainWindow:
    window = MainWindow(PageContext(services, Queries(services.db), bridge, actor), page)
    qtbot.addWidget(window)
    window.show()
    return window


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_every_page_shows_what_the_database_holds(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = _window(qtbot, services, bridge, actor)
    wall = window.pages[PAGE_KEYS.index("wall")]
    assert isinstance(wall, WallPage)
    cameras = _count(services.db, Camera)
    qtbot.waitUntil(lambda: wall.summary.text().startswith(f"{cameras} "), timeout=5000)

    wall.search.setText("CT.01")
    shown = [item for item in wall.camera_items() if not item.isHidden()]
    assert 0 < len(shown) < cameras

    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    units = window.current_page()
    assert isinstance(units, MapPage)
    qtbot.waitUntil(lambda: units.table.row_count() == _count(services.db, PatrolUnit), timeout=5000)

    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    alerts = window.current_page()
    assert isinstance(alerts, AlertsPage)
    qtbot.waitUntil(lambda: alerts.hotlist.row_count() == _count(services.db, HotlistEntry), timeout=5000)


def test_operator_cannot_manage_users(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    admin = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    services.users.add_user(admin, "ca_truc", "mat-khau-dai", "operator", "Lê Văn Trực")
    operator = services.auth.login("ca_truc", "mat-khau-dai")
    window = _window(qtbot, services, bridge, operator, "admin")
    page = window.current_page()
    assert isinstance(page, AdminPage)
    assert page.tabs.count() == 0  # neither user management nor the audit log
    with pytest.raises(PermissionDenied):
        services.users.add_user(operator, "khac", "mat-khau-dai", "admin")


def test_admin_page_lists_users_and_verifies_the_chain(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = _window(qtbot, services, bridge, actor, "admin")
    page = window.current_page()
    assert isinstance(page, AdminPage)
    users = len(services.users.list_users(actor))
    qtbot.waitUntil(lambda: page.users.row_count() == users, timeout=5000)
    qtbot.waitUntil(lambda: page.audit.row_count() > 0, timeout=5000)
    page._verify()
    qtbot.waitUntil(lambda: "intact" in page.verify_result.text(), timeout=5000)
    assert "audit keygen" in page.verify_result.text()  # the demo database has no audit key: it says so
    with services.db.session() as session:
        keyed = services.audit.start_keying(session, SYSTEM, new_key()).since
    page._verify()
    qtbot.waitUntil(lambda: f"#{keyed}" in page.verify_result.text(), timeout=5000)
    assert "intact" in page.verify_result.text() and "keygen" not in page.verify_result.text()


def test_login_dialog_refuses_then_accepts(qtbot: QtBot, services: Services) -> None:
    dialog = LoginDialog(services.auth.login)
    qtbot.addWidget(dialog)
    dialog.username.setText(DEMO_ADMIN)
    dialog.password.setText("wrong-password")
    dialog._try()
    assert dialog.actor is None and dialog.message.text()
    dialog.password.setText(DEMO_PASSWORD)
    dialog._try()
    assert dialog.actor is not None and dialog.actor.username == DEMO_ADMIN


def test_screenshot_command_renders_the_real_window(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    cmd = [
        sys.executable, str(ROOT / "main.py"), "--demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}",
        "--screenshot", str(shot), "--exit-after", "3", "--page", "wall",
    ]  # fmt: skip
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "TCC_LOGGING__DIR": str(tmp_path / "logs")}
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "still running" not in result.stderr, result.stderr[-2000:]  # every component joined its threads
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1600, 900)
    colours = {image.pixel(x, y) for x in range(0, 1600, 37) for y in range(0, 900, 23)}
    assert len(colours) > 20, "the screenshot is nearly uniform: nothing was drawn"


def test_the_map_starts_as_root_without_chromium_flags_set(tmp_path: Path) -> None:
    """`make demo` as root (a kiosk PC, a container, this CI) exited before its window: Chromium will not
    run its sandbox as root. The console now adds --no-sandbox itself then, and says so in its log."""
    import os

    from console.app import allow_map_as_root

    environ = {"QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu"}
    assert allow_map_as_root(environ, euid=0) and environ["QTWEBENGINE_CHROMIUM_FLAGS"] == "--disable-gpu --no-sandbox"
    assert not allow_map_as_root(environ, euid=0)  # already there: left alone
    bare: dict[str, str] = {}
    assert not allow_map_as_root(bare, euid=1000) and bare == {}  # a normal user keeps the sandbox
    if os.geteuid() != 0:
        pytest.skip("the start as root needs root")
    shot, logs = tmp_path / "map.png", tmp_path / "logs"
    cmd = [sys.executable, str(ROOT / "main.py"), "--demo", "--db", f"sqlite:///{tmp_path / 'demo.db'}",
           "--screenshot", str(shot), "--exit-after", "3", "--page", "map"]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "QTWEBENGINE_CHROMIUM_FLAGS"}
    env.update(QT_QPA_PLATFORM="offscreen", TCC_LOGGING__DIR=str(logs))
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    assert "without Chromium's sandbox" in (logs / "console.log").read_text(encoding="utf-8")


def test_idle_console_locks_and_only_the_operators_password_opens_it(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from console.ui.login import LockDialog

    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = _window(qtbot, services, bridge, actor)
    seen: list[str] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LockDialog) and w.isVisible())
        dialog.reject()  # Escape must not unlock
        dialog.password.setText("not-the-password")
        dialog._try()
        seen.append(dialog.message.text())
        dialog.password.setText(DEMO_PASSWORD)
        dialog._try()

    window.idle.last_input -= 10_000  # as if nobody touched the console for hours
    QTimer.singleShot(100, answer)
    window._check_idle()  # blocks in the lock dialog until answer() unlocks it
    assert seen and seen[0]  # the wrong password was refused with a message
    assert not window._locked


def test_window_fits_a_control_room_screen_and_map_clicks_open_the_wall(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    from datetime import UTC, datetime

    from console.demo.patrol_logs import seed_demo_patrol_logs

    seed_demo_patrol_logs(services.db, services.audit, datetime.now(UTC))  # long rows widen forms
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = _window(qtbot, services, bridge, actor, "patrol")
    qtbot.wait(1500)  # pages fill from the database
    assert window.minimumSizeHint().width() <= 1600  # no page may force a wider window
    with services.db.session() as s:
        camera_id = s.scalars(select(Camera.id).order_by(Camera.id.desc())).first()
    assert camera_id is not None
    window.show_camera(camera_id)
    wall = window.current_page()
    assert isinstance(wall, WallPage)
    qtbot.waitUntil(lambda: camera_id in wall.tile_cameras(), timeout=10_000)
    wall.close_streams()


def test_an_alert_becomes_an_incident_prefilled_at_its_camera(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    from datetime import UTC, datetime

    from console.storage.models import Alert, PlateRead
    from console.ui.pages.incidents import IncidentsPage

    with services.db.session() as s:
        camera = s.scalars(select(Camera).order_by(Camera.id)).first()
        hot = s.scalars(select(HotlistEntry).order_by(HotlistEntry.id)).first()
        assert camera is not None and hot is not None
        read = PlateRead(camera_id=camera.id, seen_at=datetime.now(UTC), raw_text=hot.plate, plate=hot.plate)
        s.add(read)
        s.flush()
        alert = Alert(kind="hotlist_hit", priority=1, camera_id=camera.id, plate_read_id=read.id,
                      hotlist_entry_id=hot.id, message=f"{hot.plate} seen")  # fmt: skip
        s.add(alert)
        s.flush()
        alert_id, lat, lon = alert.id, camera.lat, camera.lon
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = _window(qtbot, services, bridge, actor, "alerts")
    alerts = window.current_page()
    assert isinstance(alerts, AlertsPage)
    qtbot.waitUntil(lambda: alerts.alerts.row_count() == 1, timeout=5000)
    alerts.alerts.view.selectRow(0)
    alerts.to_incident.click()
    incidents = window.current_page()
    assert isinstance(incidents, IncidentsPage)
    qtbot.waitUntil(lambda: incidents.form.lat.value() != 0, timeout=5000)
    assert abs(incidents.form.lat.value() - lat) < 1e-3 and abs(incidents.form.lon.value() - lon) < 1e-3
    assert incidents._links.get("alert_id") == alert_id


def _store_alert(services: Services) -> int:
    """An alert stored and announced as the detection path does (console/services/detections.py)."""
    with services.db.session() as s:
        camera = s.scalars(select(Camera).order_by(Camera.id)).first()
        assert camera is not None
        alert = Alert(kind="hotlist_hit", priority=1, camera_id=camera.id, message="30A-123.45 seen")
        s.add(alert)
        s.flush()
        announce(s, "alert", alert.id)
        return alert.id


def test_live_alerts_are_counted_on_the_alerts_item_until_opened_and_shown_at_once_when_open(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = _window(qtbot, services, bridge, actor, "wall")
    alerts = window.page(AlertsPage)
    assert alerts is not None
    item = window.nav.item(window.pages.index(alerts))
    plain = item.text()
    for _ in range(3):
        _store_alert(services)
    qtbot.waitUntil(lambda: "3" in item.text(), timeout=5000)
    assert item.text() != plain and not item.icon().isNull()
    window.nav.setCurrentRow(window.pages.index(alerts))
    assert item.text() == plain and item.icon().isNull()
    qtbot.waitUntil(lambda: alerts.alerts.row_count() == 3, timeout=5000)
    _store_alert(services)  # stored while the page is open: shown at once, not counted
    qtbot.waitUntil(lambda: alerts.alerts.row_count() == 4, timeout=5000)
    assert item.text() == plain
