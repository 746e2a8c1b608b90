"""A second operator console in a process of its own, for tests/test_centre_end_to_end.py.

    python tests/console_process.py DATABASE_URL USERNAME PASSWORD

Builds the real MainWindow on its own Database connection (its own services, its own live-event
listener), opens it on the Alerts page and prints one JSON line whenever what it shows changes:
``{"t": unix time, "alerts": [[alert id, message], ...]}`` from the Alerts page's rows, and after it
is told ``map`` on stdin, ``{"t": ..., "incidents": {id: tooltip}, "units": {id: state}}`` read from
the map page's Leaflet state in the real QWebEngineView. ``quit`` (or stdin closing: the test went
away) closes the window and exits 0. The first line is ``{"ready": ...}`` once it listens for events.

Nothing here refreshes a page: what it prints changed only because the console itself re-read it.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from console.bootstrap import build_services
from console.config import Config
from console.services.queries import Queries
from console.storage.db import Database
from console.ui import gc_thread
from console.ui.bridge import Bridge
from console.ui.main_window import MainWindow
from console.ui.pages.alerts import AlertsPage
from console.ui.pages.base import PageContext
from console.ui.pages.map_page import MapPage

POLL_MS = 50  # how finely the delays the test prints are resolved; reading a table model is cheap
MAP_STATE = (
    "JSON.stringify(window.csgt && csgt.ready ? {"
    "incidents: Object.fromEntries(Array.from(csgt.incidents, ([id, m]) => [id, m.getTooltip().getContent()])),"
    "units: Object.fromEntries(Object.entries(csgt.unitState()).map(([id, u]) => [id, u.st]))} : null)"
)


def emit(line: dict[str, Any]) -> None:
    print(json.dumps(line, ensure_ascii=False), flush=True)


class Commands(QObject):
    # Emitted from the stdin thread; Qt queues the delivery onto the GUI thread.
    received = Signal(str)


class Reporter:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        alerts, map_page = window.page(AlertsPage), window.page(MapPage)
        assert alerts is not None and map_page is not None
        self.alerts, self.map_page = alerts, map_page
        self.shown_alerts: list[list[Any]] | None = None
        self.shown_map: Any = None
        self.ready = False
        self.asking = False

    def tick(self) -> None:
        if not self.ready and self.window.live_events.listener.connected.is_set():
            self.ready = True
            emit({"ready": time.time(), "pid": os.getpid()})
        model = self.alerts.alerts.model
        rows = [[model.key(r), str(model.data(model.index(r, 5)))] for r in range(model.rowCount())]
        if rows != self.shown_alerts:
            self.shown_alerts = rows
            emit({"t": time.time(), "alerts": rows})
        if self.map_page.map.loaded and not self.asking:
            self.asking = True  # one question in flight: answers arrive in order and none pile up
            self.map_page.map.evaluate(MAP_STATE, self._map_state)

    def _map_state(self, result: Any) -> None:
        self.asking = False
        state = json.loads(result) if isinstance(result, str) else None
        if state is not None and state != self.shown_map:
            self.shown_map = state
            emit({"t": time.time(), **state})

    def command(self, text: str) -> None:
        if text == "map":
            self.window.nav.setCurrentRow(self.window.pages.index(self.map_page))
        elif text == "quit":
            self.window.close()
            QApplication.quit()


def main() -> int:
    url, username, password = sys.argv[1:4]
    app = QApplication(sys.argv[:1])
    gc_thread.install(app)  # as the console does: cycles holding Qt objects are collected on this thread
    db = Database.open(url)
    services = build_services(Config(), db)
    bridge = Bridge()
    actor = services.auth.login(username, password)
    window = MainWindow(PageContext(services, Queries(db), bridge, actor), "alerts")
    window.resize(1400, 850)
    window.show()
    reporter = Reporter(window)
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(reporter.tick)
    timer.start()
    commands = Commands()
    commands.received.connect(reporter.command)

    def read_stdin() -> None:
        for line in sys.stdin:
            commands.received.emit(line.strip())
        commands.received.emit("quit")  # the test is gone: do not linger as an orphan

    threading.Thread(target=read_stdin, name="commands", daemon=True).start()
    code = app.exec()
    timer.stop()
    bridge.shutdown()
    db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
