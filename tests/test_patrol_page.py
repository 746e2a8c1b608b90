"""The patrol-log page on real services and a seeded SQLite file: review, return, sign, enter, report."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from console.bootstrap import Services, build_services
from console.config import Config
from console.demo.patrol_logs import seed_demo_patrol_logs
from console.demo.seed import DEMO_PASSWORD, seed_demo
from console.services.context import Actor, PermissionDenied
from console.services.queries import Queries
from console.storage.db import Database
from console.ui.bridge import Bridge
from console.ui.main_window import MainWindow
from console.ui.pages.base import PageContext
from console.ui.pages.patrol import PatrolPage


@pytest.fixture
def services(sqlite_database: Database) -> Services:
    services = build_services(Config(), sqlite_database)
    assert seed_demo(sqlite_database, services.audit) is not None
    assert seed_demo_patrol_logs(sqlite_database, services.audit, datetime.now(UTC)) is not None
    return services


def _page(qtbot: QtBot, services: Services, bridge: Bridge, actor: Actor) -> PatrolPage:
    window = MainWindow(PageContext(services, Queries(services.db), bridge, actor), "patrol")
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    page = window.current_page()
    assert isinstance(page, PatrolPage)
    qtbot.waitUntil(lambda: page.table.row_count() > 0, timeout=5000)
    return page


def _open(qtbot: QtBot, page: PatrolPage, row: int) -> int:
    page.table.view.selectRow(row)
    key = int(page.table.current_key())
    qtbot.waitUntil(lambda: page.detail._log is not None and page.detail._log.id == key, timeout=5000)
    return key


def test_supervisor_reviews_returns_and_signs(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    sup = services.auth.login("thuy", DEMO_PASSWORD)
    page = _page(qtbot, services, bridge, sup)
    queue = page.table.row_count()
    assert queue >= 6  # the submitted logs of the last days
    returned = _open(qtbot, page, 0)
    page.detail.return_requested.emit(returned, "Ghi rõ vị trí chốt")
    qtbot.waitUntil(lambda: page.table.row_count() == queue - 1, timeout=5000)
    # Sign a clean one with the button, as a supervisor would.
    for row in range(page.table.row_count()):
        key = _open(qtbot, page, row)
        assert page.detail._log is not None
        if not page.detail._log.checks:
            break
    assert page.detail.sign.isEnabled()
    QTest.mouseClick(page.detail.sign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.row_count() == queue - 2, timeout=5000)
    logs = page.logs
    assert logs.view(sup, returned).status == "returned"
    assert logs.view(sup, key).status == "signed"
    # The open log is reloaded after the action: the reviewer sees it signed, and the buttons follow.
    qtbot.waitUntil(lambda: "Signed off by" in page.detail.header.text(), timeout=5000)
    assert not page.detail.sign.isEnabled() and page.detail.revise.isEnabled()


def test_operator_cannot_sign_and_enters_checks_from_the_keyboard(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    op = services.auth.login("vanh", DEMO_PASSWORD)
    page = _page(qtbot, services, bridge, op)
    _open(qtbot, page, 0)
    assert not page.detail.sign.isEnabled() and not page.detail.give_back.isEnabled()
    submitted = page.detail._log
    assert submitted is not None
    with pytest.raises(PermissionDenied):
        page.logs.sign(op, submitted.id)
    page.status.setCurrentIndex(page.status.findData("open"))
    # Wait for the open logs themselves: the submitted list can still be on screen for a moment.
    open_ids = {row.id for row in page.logs.list_logs(op, "open")}
    assert open_ids
    qtbot.waitUntil(lambda: set(page.table.model._keys) == open_ids, timeout=5000)
    log_id = _open(qtbot, page, 0)
    assert page.detail.form.isEnabled()
    before = len(page.detail._log.entries) if page.detail._log else 0
    form = page.detail.form
    form.plate.setFocus()
    QTest.keyClicks(form.plate, "30A12")
    assert "not a valid plate" in form.plate_hint.text()
    QTest.keyClick(form.plate, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not a Vietnamese plate" in form.message.text(), timeout=5000)
    form.plate.clear()
    QTest.keyClicks(form.plate, "30a 518 66")
    assert "30A-518.66" in form.plate_hint.text()
    form.result.setCurrentIndex(form.result.findData("warning"))
    QTest.keyClick(form.plate, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail._log is not None and len(page.detail._log.entries) == before + 1, timeout=5000)
    assert form.plate.text() == "" and form.message.text() == ""
    view = page.logs.view(op, log_id)
    assert any(e.plate == "30A-518.66" and e.result == "warning" for e in view.entries)


def test_report_tab_draws_charts_and_exports(qtbot: QtBot, services: Services, bridge: Bridge, tmp_path: Path) -> None:
    sup = services.auth.login("thuy", DEMO_PASSWORD)
    page = _page(qtbot, services, bridge, sup)
    page.tabs.setCurrentIndex(1)
    page.refresh_report()
    qtbot.waitUntil(lambda: page._report is not None and page.totals.row_count() == 7, timeout=10000)
    assert len(page.charts.km.getPlotItem().items) == 1
    assert len(page.charts.rules.getPlotItem().items) == 1
    pdf = tmp_path / "report.pdf"
    page.export_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    page.tabs.setCurrentIndex(2)
    page.lookup.lookup("35A-480.92")
    qtbot.waitUntil(lambda: page.lookup.table.row_count() >= 1, timeout=5000)


def test_new_log_dialog_creates_an_open_log(qtbot: QtBot, services: Services) -> None:
    from console.services.patrol_logs import PatrolLogService
    from console.ui.pages.patrol_entry import NewLogDialog

    op = services.auth.login("vanh", DEMO_PASSWORD)
    dialog = NewLogDialog([("TH-01", "Tổ tuần tra QL1A – Bỉm Sơn", "Ford Ranger")])
    qtbot.addWidget(dialog)
    dialog.no_end.setChecked(True)
    dialog.plan.setText("KH 9/PC08-TH")
    data = dialog.log_input()
    assert data.unit == "TH-01" and data.shift_end is None and data.vehicle == "Ford Ranger"
    logs = PatrolLogService(services.db, services.audit)
    view = logs.view(op, logs.create(op, data))
    assert (view.status, view.source, view.plan_ref, view.shift_end) == ("open", "station", "KH 9/PC08-TH", None)
