"""Status bar: database, broker, inference device and the signed-in operator, checked off-thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from console.feeds.broker import BrokerStatus, probe_broker
from console.services.context import Actor
from console.storage.db import check_connection, safe_url
from console.ui.labels import label
from console.ui.theme import ERROR, LIVE, STALE, WARNING
from inference.devices import DeviceInfo, probe_devices

from .pages.base import PageContext

DB_CHECK_MS = 10_000
BROKER_CHECK_MS = 30_000


class ConsoleStatus(QObject):
    def __init__(self, bar: QStatusBar, ctx: PageContext) -> None:
        super().__init__(bar)
        self.ctx = ctx
        self.bar = bar
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
        self._db_timer.start(DB_CHECK_MS)
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

    def check_database(self) -> None:
        db = self.ctx.services.db
        kind = "SQLite" if db.kind == "sqlite" else "PostgreSQL"

        def ok(_: None) -> None:
            self._set(self.database, self.tr("Database: %1 OK").replace("%1", kind), LIVE)

        def failed(error: BaseException) -> None:
            self._set(
                self.database,
                self.tr("Database: %1 unreachable").replace("%1", kind),
                ERROR,
            )
            self.database.setToolTip(str(error))

        self.ctx.bridge.run(lambda: check_connection(db.engine), ok, failed)

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
