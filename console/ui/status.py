"""Status bar: database, broker, inference device and the signed-in operator, checked off-thread.

The database is checked every ``db_check_ms``; a page's work that fails with DatabaseUnavailable
(reported by the bridge) turns the item red at once, and while the database is down it is checked
every DB_RETRY_MS so that the item turns back to OK soon after the server answers again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from console.feeds.broker import BrokerStatus, probe_broker
from console.services.context import Actor
from console.storage.db import DatabaseUnavailable, check_connection, safe_url
from console.ui.labels import label
from console.ui.theme import ERROR, LIVE, STALE, WARNING
from inference.devices import DeviceInfo, probe_devices

from .pages.base import PageContext

DB_CHECK_MS = 10_000
DB_RETRY_MS = 2_000
BROKER_CHECK_MS = 30_000


class ConsoleStatus(QObject):
    def __init__(
        self, bar: QStatusBar, ctx: PageContext, db_check_ms: int = DB_CHECK_MS, db_retry_ms: int = DB_RETRY_MS
    ) -> None:
        super().__init__(bar)
        self.ctx = ctx
        self.bar = bar
        self.db_check_ms = db_check_ms
        self.db_retry_ms = min(db_retry_ms, db_check_ms)
        self.database_ok: bool | None = None  # None until the first check has answered
        self._db_checking = False
        # Bumped when a failure is reported: a check that started before it must not paint it OK.
        self._db_epoch = 0
        self.database = QLabel()
        self.broker = QLabel()
        self.device = QLabel()
        self.operator = QLabel()
        for w in (self.database, self.broker, self.device, self.operator):
            w.setObjectName("statusItem")
            bar.addPermanentWidget(w)
        self.set_operator(ctx.actor)
        self._set(
            self.database,
            self.tr("Database: %1 …").replace("%1", ctx.services.db.kind),
            STALE,
        )
        self._set(self.broker, self.tr("Broker: …"), STALE)
        self._set(self.device, self.tr("Inference: …"), STALE)
        self.database.setToolTip(safe_url(ctx.services.db.engine.url))
        self._db_timer = QTimer(self)
        self._db_timer.timeout.connect(self.check_database)
        self._db_timer.start(db_check_ms)
        ctx.bridge.database_unreachable.connect(self._database_lost)
        self._broker_timer = QTimer(self)
        self._broker_timer.timeout.connect(self.check_broker)
        self._broker_timer.start(BROKER_CHECK_MS)
        self.check_database()
        self.check_broker()
        self.check_device()

    @staticmethod
    def _set(widget: QLabel, text: str, colour: str) -> None:
        widget.setText(f"<span style='color:{colour}'>●</span> {text}")

    def set_operator(self, actor: Actor) -> None:
        self.operator.setText(f"{actor.username} — {label(actor.role.value)}")

    def _kind(self) -> str:
        return "SQLite" if self.ctx.services.db.kind == "sqlite" else "PostgreSQL"

    def check_database(self) -> None:
        if self._db_checking:
            # A server that does not answer holds a check for the connect timeout: never pile them
            # up on the bridge's few workers, which the pages need.
            return
        self._db_checking = True
        db = self.ctx.services.db
        epoch = self._db_epoch

        def ok(_: None) -> None:
            self._db_checking = False
            if epoch == self._db_epoch:
                self._show_database(True, safe_url(db.engine.url))

        def failed(error: BaseException) -> None:
            self._db_checking = False
            self._show_database(False, str(error))

        self.ctx.bridge.run(lambda: check_connection(db.engine), ok, failed)

    def _database_lost(self, error: DatabaseUnavailable) -> None:
        self._db_epoch += 1
        self._show_database(False, str(error))

    def _show_database(self, ok: bool, tooltip: str) -> None:
        if ok:
            self._set(self.database, self.tr("Database: %1 OK").replace("%1", self._kind()), LIVE)
        else:
            self._set(self.database, self.tr("Database: %1 unreachable").replace("%1", self._kind()), ERROR)
        self.database.setToolTip(tooltip)
        if ok != self.database_ok:
            self._db_timer.setInterval(self.db_check_ms if ok else self.db_retry_ms)
        self.database_ok = ok

    def check_broker(self) -> None:
        cfg = self.ctx.services.config.broker
        self.ctx.bridge.run(lambda: probe_broker(cfg), self._show_broker)

    def _show_broker(self, status: BrokerStatus) -> None:
        if not status.configured:
            self._set(self.broker, self.tr("Broker: not configured"), STALE)
        elif status.ok:
            self._set(self.broker, self.tr("Broker: connected"), LIVE)
        else:
            self._set(self.broker, self.tr("Broker: unreachable"), ERROR)
        self.broker.setToolTip(status.message)

    def check_device(self) -> None:
        requested = self.ctx.services.config.inference.device
        self.ctx.bridge.run(lambda: probe_devices(requested), self._show_device)

    def _show_device(self, info: DeviceInfo) -> None:
        if info.error:
            self._set(self.device, self.tr("Inference: unavailable"), ERROR)
            self.device.setToolTip(info.error)
            return
        text = f"{info.requested} → {info.effective}" if info.requested.upper() == "AUTO" else info.effective
        # The CPU is a working fallback, not a fault: same colour as a GPU.
        colour = LIVE if info.effective else WARNING
        self._set(self.device, self.tr("Inference: %1").replace("%1", text), colour)
        self.device.setToolTip("\n".join(f"{d}: {n}" for d, n in info.names.items()))
