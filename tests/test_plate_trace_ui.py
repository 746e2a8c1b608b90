"""Plate trace in the real window: the map page draws the trail in its QWebEngineView, the intercept is
dispatched, the Alerts page's trace action opens it; the demo data holds a trail to trace."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_map_page import js

from console import i18n
from console.bootstrap import Services, build_services
from console.config import Config
from console.demo.plate_trace import PLATE, seed_demo_trace
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import Alert, Camera, Incident, PatrolUnit, ViolationCandidate
from console.ui.bridge import Bridge
from console.ui.main_window import MainWindow
from console.ui.pages.alerts import AlertsPage
from console.ui.pages.base import PageContext
from console.ui.pages.map_page import MapPage
from console.ui.pages.review import ReviewPage
from console.ui.theme import apply_theme


@pytest.fixture
def services(sqlite_database: Database) -> Services:
    services = build_services(Config(), sqlite_database)
    assert seed_demo(sqlite_database, services.audit) is not None
    assert seed_demo_trace(sqlite_database, datetime.now(UTC)) == 3
    assert seed_demo_trace(sqlite_database, datetime.now(UTC)) == 0  # a restarted demo adds nothing
    return services


@pytest.fixture
def window(qtbot: QtBot, qapp: QApplication, services: Services) -> Iterator[MainWindow]:
    # In Vietnamese, as operators see it (and as the screenshot in docs/plate_trace.md shows).
    i18n.install_translation(qapp, "vi")
    family = i18n.load_fonts()
    if os.environ.get("TRACE_SCREENSHOT"):  # the documentation's picture, in the console's own theme
        apply_theme(qapp, family)
    bridge = Bridge()
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    w = MainWindow(PageContext(services, Queries(services.db), bridge, actor), "alerts")
    qtbot.addWidget(w)
    w.resize(1600, 900)
    w.show()
    yield w
    bridge.shutdown()
    i18n.remove_translations(qapp)


def _map(window: MainWindow, qtbot: QtBot) -> MapPage:
    page = window.page(MapPage)
    assert page is not None
    qtbot.waitUntil(lambda: page.map.loaded, timeout=20000)
    return page


def test_the_alerts_trace_action_draws_the_trail_and_an_intercept_is_dispatched(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    alerts = window.current_page()
    assert isinstance(alerts, AlertsPage)
    qtbot.waitUntil(lambda: alerts.alerts.row_count() == 1, timeout=5000)
    alerts.alerts.view.selectRow(0)
    alerts.trace.click()
    page = _map(window, qtbot)
    assert window.current_page() is page
    qtbot.waitUntil(lambda: js(page.map, "csgt.plateTraceState()") is not None, timeout=10000)
    state = js(page.map, "csgt.plateTraceState()")
    assert state["plate"] == PLATE and state["n"] == [1, 2, 3] and state["line"] == 3
    assert state["latest"] == 1 and state["onMap"] and not any(state["bad"])
    assert all("km/h" in label for label in state["labels"][1:])
    panel = page.tracing.panel
    assert panel.sightings.rowCount() == 3 and panel.intercept_button.isVisible()

    panel.intercept_button.click()
    qtbot.waitUntil(lambda: panel.plan is not None, timeout=10000)
    assert panel.plan is not None and [t.call_sign for t in panel.plan.teams] == ["HP-01"]
    qtbot.waitUntil(lambda: (js(page.map, "csgt.plateTraceState()") or {}).get("intercept") is not None, timeout=5000)
    if os.environ.get("TRACE_SCREENSHOT"):  # docs/img/plate_trace.png: the compositor needs a moment to paint
        qtbot.wait(2500)
        window.grab().save(os.environ["TRACE_SCREENSHOT"])

    panel.dispatch_button.click()
    qtbot.waitUntil(lambda: page.panel.isVisible() and page.panel.incident is not None, timeout=10000)
    with services.db.session() as s:
        wanted = Incident.kind == "wanted_vehicle", Incident.source == "alert"
        incident = s.scalars(select(Incident).where(*wanted)).one()
        alert_id = s.scalars(select(Alert.id)).one()
        assert incident.alert_id == alert_id and PLATE in incident.description
        hp = s.scalars(select(PatrolUnit).where(PatrolUnit.call_sign == "HP-01")).one()
        assert hp.status == "dispatched"
    assert page.panel.incident is not None and page.panel.incident.id == incident.id

    panel.clear_button.click()
    qtbot.waitUntil(lambda: js(page.map, "csgt.plateTraceState()") is None, timeout=5000)


def test_the_map_search_box_lists_a_patterns_plates_and_rejects_bad_text(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.trace_plate("not a plate")
    page = _map(window, qtbot)
    panel = page.tracing.panel
    qtbot.waitUntil(lambda: "không phải biển số Việt Nam" in panel.message.text(), timeout=5000)
    assert js(page.map, "csgt.plateTraceState()") is None

    panel.box.setText("30G-75?.*")
    QTest.keyClick(panel.box, Qt.Key.Key_Return)  # Enter runs the search
    qtbot.waitUntil(lambda: panel.matches.count() == 1, timeout=5000)
    assert PLATE in panel.matches.item(0).text() and "3" in panel.matches.item(0).text()
    panel.matches.itemActivated.emit(panel.matches.item(0))
    qtbot.waitUntil(lambda: (js(page.map, "csgt.plateTraceState()") or {}).get("plate") == PLATE, timeout=10000)
    assert panel.box.text() == PLATE


def test_a_review_cases_trace_action_opens_its_plate_on_the_map(
    qtbot: QtBot, services: Services, qapp: QApplication
) -> None:
    with services.db.session() as s:
        camera = s.scalars(select(Camera).where(Camera.code == "CT04-K35-E")).one()
        measured = {"speed_kmh": 131, "limit_kmh": 120}
        s.add(ViolationCandidate(camera_id=camera.id, rule_kind="speed", detected_at=datetime.now(UTC),
                                 plate_raw="30G75903", plate=PLATE, measured=measured))  # fmt: skip
    bridge = Bridge()
    actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
    window = MainWindow(PageContext(services, Queries(services.db), bridge, actor), "review")
    qtbot.addWidget(window)
    window.show()
    try:
        review = window.current_page()
        assert isinstance(review, ReviewPage)
        qtbot.waitUntil(lambda: review.queue.row_count() == 1, timeout=5000)
        review.queue.view.selectRow(0)
        qtbot.waitUntil(lambda: review.panel.current() is not None, timeout=5000)
        review.trace_button.click()
        page = _map(window, qtbot)
        assert window.current_page() is page
        qtbot.waitUntil(lambda: (js(page.map, "csgt.plateTraceState()") or {}).get("plate") == PLATE, timeout=10000)
        assert js(page.map, "csgt.plateTraceState()")["n"] == [1, 2, 3]
    finally:
        bridge.shutdown()
