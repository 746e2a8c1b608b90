"""The Review page on the demo data, driven from the keyboard like an operator would."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.bootstrap import Services, build_services
from console.config import Config, EvidenceConfig
from console.demo.candidates import seed_demo_candidates
from console.demo.seed import seed_demo
from console.services.context import Actor, Role
from console.services.queries import Queries
from console.storage.db import Database
from console.storage.models import AuditEntry, Fine, Operator, ViolationCandidate
from console.ui.bridge import Bridge
from console.ui.pages.base import PageContext
from console.ui.pages.review import ReviewPage


@pytest.fixture
def services(sqlite_database: Database, tmp_path: Path) -> Services:
    cfg = Config(evidence=EvidenceConfig(dir=str(tmp_path / "evidence")))
    services = build_services(cfg, sqlite_database)
    assert seed_demo(sqlite_database, services.audit) is not None
    assert seed_demo_candidates(sqlite_database, services.audit, tmp_path / "evidence") > 10
    assert seed_demo_candidates(sqlite_database, services.audit, tmp_path / "evidence") == 0  # idempotent
    return services


def _actor(db: Database, username: str) -> Actor:
    with db.session() as s:
        op = s.scalars(select(Operator).where(Operator.username == username)).one()
        return Actor(op.username, Role(op.role), op.id)


def _page(qtbot: QtBot, services: Services, bridge: Bridge, actor: Actor) -> ReviewPage:
    page = ReviewPage(PageContext(services, Queries(services.db), bridge, actor))
    qtbot.addWidget(page)
    page.resize(1500, 850)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.refresh()
    qtbot.waitUntil(lambda: page.queue.row_count() > 0, timeout=5000)
    page.queue.view.setFocus()
    return page


def _claimed(page: ReviewPage, other_than: int | None = None) -> bool:
    view = page.panel.current()
    return view is not None and view.decidable and view.candidate_id != other_than


def test_operator_confirms_rejects_and_corrects_with_the_keyboard(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    page = _page(qtbot, services, bridge, _actor(services.db, "vanh"))
    QTest.keyClick(page.queue.view, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: _claimed(page), timeout=5000)
    first = page.panel.current()
    assert first is not None
    assert not page.viewer.view.scene().itemsBoundingRect().isEmpty()  # the evidence frame is on screen

    QTest.keyClick(page.queue.view, Qt.Key.Key_C)
    qtbot.waitUntil(lambda: _claimed(page, first.candidate_id), timeout=5000)
    assert f"#{first.candidate_id}" in page.panel.message.text()
    second = page.panel.current()
    assert second is not None

    # R opens the reasons menu; its entries are numbered, and 3 is "detection error".
    def pick_third() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is not None
        QTest.keyClick(menu, Qt.Key.Key_3)

    QTimer.singleShot(300, pick_third)
    QTest.keyClick(page.queue.view, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: _claimed(page, second.candidate_id), timeout=5000)
    third = page.panel.current()
    assert third is not None

    QTest.keyClick(page.queue.view, Qt.Key.Key_P)
    assert page.panel.plate.hasFocus()
    page.panel.plate.clear()
    QTest.keyClicks(page.panel.plate, "00Z-1")
    QTest.keyClick(page.panel.plate, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "cannot be a Vietnamese plate" in page.panel.message.text(), timeout=5000)
    page.panel.plate.clear()
    QTest.keyClicks(page.panel.plate, "30a 77788")
    QTest.keyClick(page.panel.plate, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.panel.plate.text() == "30A-777.88", timeout=5000)

    with services.db.session() as s:
        wanted = [first.candidate_id, second.candidate_id, third.candidate_id]
        states: dict[int, str] = {
            cid: status
            for cid, status in s.execute(
                select(ViolationCandidate.id, ViolationCandidate.status).where(ViolationCandidate.id.in_(wanted))
            )
        }
        corrected = s.get(ViolationCandidate, third.candidate_id)
        actions = set(s.scalars(select(AuditEntry.action)))
    assert states == {first.candidate_id: "confirmed", second.candidate_id: "rejected", third.candidate_id: "claimed"}
    with services.db.session() as s:
        rejected = s.get(ViolationCandidate, second.candidate_id)
        assert rejected is not None and rejected.reject_reason == "detection_error"
    assert corrected is not None and corrected.corrected_plate == "30A-777.88"

    # Opening another row from the list (Enter) gives the held candidate back: one claim at a time.
    listed = [page.queue.model.key(row) for row in range(page.queue.model.rowCount())]
    other = next(k for k in listed if k not in wanted)
    page.queue.activated.emit(other)
    qtbot.waitUntil(lambda: _claimed(page, third.candidate_id), timeout=5000)
    view = page.panel.current()
    assert view is not None and view.candidate_id == other
    assert page.review.detail(page.ctx.actor, third.candidate_id).status == "pending"
    assert {"review.confirm", "review.reject", "review.correct_plate"} <= actions


def test_supervisor_approves_a_high_fine_and_an_operator_sees_no_approvals(
    qtbot: QtBot, services: Services, bridge: Bridge
) -> None:
    operator_page = _page(qtbot, services, bridge, _actor(services.db, "tuan"))
    assert operator_page.tabs.indexOf(operator_page.approvals) == -1
    page = _page(qtbot, services, bridge, _actor(services.db, "thuy"))
    page.tabs.setCurrentWidget(page.approvals)
    qtbot.waitUntil(lambda: page.approvals.table.row_count() >= 1, timeout=5000)
    page.approvals.table.view.selectRow(0)
    fine_id = page.approvals.table.current_key()
    page.approvals.approve_selected()
    qtbot.waitUntil(lambda: page.approvals.table.row_count() == 0, timeout=5000)
    with services.db.session() as s:
        fine = s.get(Fine, fine_id)
        assert fine is not None and fine.status == "final" and fine.amount_max_vnd > 10_000_000


def test_notices_for_all_final_fines_are_written_and_recorded(
    qtbot: QtBot, services: Services, bridge: Bridge, tmp_path: Path
) -> None:
    page = _page(qtbot, services, bridge, _actor(services.db, "thuy"))
    page.tabs.setCurrentWidget(page.fines_tab)
    qtbot.waitUntil(lambda: page.fines_tab.table.row_count() > 0, timeout=5000)
    with services.db.session() as s:
        final = set(s.scalars(select(Fine.id).where(Fine.status == "final")))
    assert final  # the demo's older speeding fines
    page.fines_tab.notices_for_all_final()
    qtbot.waitUntil(lambda: page.fines_tab.notices_written == len(final), timeout=10000)

    def recorded() -> bool:
        with services.db.session() as s:
            return {f.id for f in s.scalars(select(Fine).where(Fine.status == "notified"))} == final

    qtbot.waitUntil(recorded, timeout=10000)
    with services.db.session() as s:
        for fine in s.scalars(select(Fine).where(Fine.id.in_(final))):
            assert fine.notice_path is not None
            pdf = tmp_path / "evidence" / fine.notice_path
            assert pdf.read_bytes().startswith(b"%PDF") and hashlib.sha256(pdf.read_bytes()).hexdigest() == (
                fine.notice_sha256
            )


def test_track_points_from_the_demo_and_from_the_detection_engine() -> None:
    from console.ui.pages.review import _track_points

    assert _track_points({"points": [[0.1, 0.2], [0.3, 0.4]]}) == [(0.1, 0.2), (0.3, 0.4)]
    assert _track_points({"id": 7, "points": [[12.5, 0.1, 0.2], [12.6, 0.3, 0.4]]}) == [(0.1, 0.2), (0.3, 0.4)]
    assert _track_points({}) == [] and _track_points({"points": [[1]]}) == []
