"""The Review page shows a citizen's report as one: the source first, the citizen's photo as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from console.bootstrap import Services, build_services
from console.config import Config, EvidenceConfig
from console.demo.candidates import seed_demo_candidates
from console.demo.citizen import seed_demo_citizen
from console.demo.seed import seed_demo
from console.services.context import Actor, Role
from console.services.queries import Queries
from console.storage.db import Database
from console.ui.bridge import Bridge
from console.ui.pages.base import PageContext
from console.ui.pages.review import ReviewPage


@pytest.fixture
def services(sqlite_database: Database, tmp_path: Path) -> Services:
    cfg = Config(evidence=EvidenceConfig(dir=str(tmp_path / "evidence")))
    services = build_services(cfg, sqlite_database)
    assert seed_demo(sqlite_database, services.audit) is not None
    assert seed_demo_candidates(sqlite_database, services.audit, tmp_path / "evidence") > 10
    assert seed_demo_citizen(cfg, sqlite_database, services.audit) == 3
    return services


def test_a_citizen_report_is_marked_in_the_queue_and_in_the_case(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    page = ReviewPage(PageContext(services, Queries(services.db), bridge, Actor("admin", Role.ADMIN, 1)))
    qtbot.addWidget(page)
    page.resize(1500, 850)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.queue.row_count() > 0, timeout=5000)
    # The demo's reports are the oldest waiting items, so they lead the queue and the preview.
    assert page._rows[0][1].startswith("Citizen · ") and page._rows[1][1].startswith("Citizen · ")
    assert not page._rows[2][1].startswith("Citizen")
    qtbot.waitUntil(lambda: page.panel.current() is not None, timeout=5000)
    view = page.panel.current()
    assert view is not None
    facts = dict(view.facts)
    assert "Citizen report via app-csgt" in facts["Source"] and "Vượt đèn đỏ" in facts["Source"]
    assert not page.viewer.view.scene().itemsBoundingRect().isEmpty()  # the citizen's photo is on screen
    page.queue.view.setFocus()
    QTest.keyClick(page.queue.view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: (v := page.panel.current()) is not None and v.decidable, timeout=5000)
