"""The running journey feed and its writer: fixes from the broker's thread, written in batches.

One writer thread applies what has queued up every ``interval_s``: a batch is one transaction
whatever its size, which is what lets 10,000 vehicles at a fix per 30 s through (docs/driving_time.md).
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from console.config import BrokerConfig
from console.feeds.journey import JourneyFeed, JourneyValidator
from console.storage.db import Database, DatabaseUnavailable

from .engine import DrivingFix
from .rules import default_rules
from .store import DrivingStore

log = logging.getLogger(__name__)


class DrivingWriter:
    def __init__(self, store: DrivingStore, interval_s: float = 1.0, max_batch: int = 5000) -> None:
        self.store = store
        self.interval_s = interval_s
        self.max_batch = max_batch
        self._queue: queue.Queue[DrivingFix | None] = queue.Queue(maxsize=100_000)  # a stalled database drops, not OOMs
        self.dropped = self.applied = self.failed_batches = self.held_batches = 0
        self._thread = threading.Thread(target=self._run, name="driving-writer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def put(self, fix: DrivingFix) -> None:
        try:
            self._queue.put_nowait(fix)
        except queue.Full:
            self.dropped += 1

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(10)

    def idle(self) -> bool:
        return self._queue.empty()

    def _run(self) -> None:
        running = True
        held: list[DrivingFix] = []
        while running:
            batch, held = held, []
            try:
                # With fixes held back from a failed write, take what has queued without waiting.
                item = self._queue.get_nowait() if batch else self._queue.get(timeout=self.interval_s)
                while item is not None:
                    batch.append(item)
                    if len(batch) >= self.max_batch:
                        break
                    item = self._queue.get_nowait()
                running = item is not None
            except queue.Empty:
                pass
            if batch:
                held = self._write(batch, running)

    def _write(self, batch: list[DrivingFix], running: bool) -> list[DrivingFix]:
        """Apply a batch; returns it when it must be tried again (the database is unreachable)."""
        try:
            self.applied += self.store.apply(batch).applied
        except DatabaseUnavailable as exc:
            if running:
                # Kept and written again once the server answers: a batch whose commit was in doubt is
                # harmless twice, since fixes not later than a driver's last are skipped.
                self.held_batches += 1
                log.warning("driving: %s; %d fixes kept for the next try", exc, len(batch))
                time.sleep(self.interval_s)
                return batch
            self.failed_batches += 1
        except Exception:  # the thread outlives a bad batch; the count shows it
            self.failed_batches += 1
            log.exception("driving: batch of %d fixes not stored", len(batch))
        return []


class LiveDriving:
    def __init__(self, db: Database, topic_prefix: str = "journey") -> None:
        self.store = DrivingStore(db, default_rules())
        # SQLite: every transaction takes the write lock (console/storage/db.py), so batches are kept
        # short enough that other writers of the console do not wait long behind one.
        sqlite = db.kind == "sqlite"
        self.writer = DrivingWriter(self.store, interval_s=2.0 if sqlite else 1.0, max_batch=1000 if sqlite else 5000)
        self.feed = JourneyFeed(JourneyValidator(self.store.identities), self.writer.put, topic_prefix)

    def start(self, broker: BrokerConfig | None) -> None:
        self.writer.start()
        if broker is not None and broker.host:
            self.feed.connect(broker, client_id="")
        log.info("stage: journey feed started (%s)", broker.host if broker and broker.host else "no broker")

    def stop(self) -> None:
        self.feed.close()
        self.writer.stop()


_running: LiveDriving | None = None


def start_live_driving(db: Database, broker: BrokerConfig) -> LiveDriving:
    global _running
    live = LiveDriving(db)
    live.start(broker)
    _running = live
    return live


def stop_live_driving() -> None:
    global _running
    live, _running = _running, None
    if live is not None:
        live.stop()
