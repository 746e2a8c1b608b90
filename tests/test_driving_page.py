"""The driving-time page on real services and the demo fleet (SQLite): list, timeline, keyboard."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from console.bootstrap import Services, build_services
from console.config import Config
from console.demo.driving import seed_demo_driving
from console.services.context import Actor, Role
from console.services.queries import Queries
from console.storage.db import Database
from console.ui.bridge import Bridge
from console.ui.main_window import MainWindow
from console.ui.pages.base import PageContext
from console.ui.pages.driving import DrivingTimePage

OPERATOR = Actor(username="vanh", role=Role.OPERATOR)


@pytest.fixture
def services(sqlite_database: Database) -> Services:
    assert seed_demo_driving(sqlite_database, datetime.now(UTC)) > 0
    return build_services(Config(), sqlite_database)


def test_drivers_over_and_near_the_limit_with_their_timeline(qtbot: QtBot, services: Services, bridge: Bridge) -> None:
    window = MainWindow(PageContext(services, Queries(services.db), bridge, OPERATOR), "driving")
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    page = window.current_page()
    assert isinstance(page, DrivingTimePage)
    qtbot.waitUntil(lambda: page.table.row_count() == 2, timeout=5000)
    cells = [[page.table.model.data(page.table.model.index(r, c)) for c in (0, 1, 5)] for r in range(2)]
    assert cells == [["Over limit", "Nguyễn Văn Hùng", "4:07"], ["Near limit", "Trần Quốc Toản", "3:45"]]
    # The first driver is selected and drawn: his bars are driving with two short stops inside, then nothing.
    qtbot.waitUntil(lambda: len(page.timeline.bars) > 0, timeout=5000)
    assert "Nguyễn Văn Hùng" in page.timeline.plot.getPlotItem().titleLabel.text
    # Keyboard only: down to the next driver, then the week view with its mnemonic.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    page.table.view.setFocus()
    QTest.keyClick(page.table.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: "Trần Quốc Toản" in page.timeline.plot.getPlotItem().titleLabel.text, timeout=5000)
    assert len(page.timeline.bars) == 2  # driving and rest (his 45 min break)
    QTest.keyClick(page.table.view, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert page.week_button.isChecked()
    qtbot.waitUntil(lambda: page.timeline.plot.getViewBox().viewRange()[0][1]
                    - page.timeline.plot.getViewBox().viewRange()[0][0] > 6 * 86400, timeout=5000)  # fmt: skip
