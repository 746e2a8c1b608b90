"""Live events into the window: the listener's calls become one Qt signal on the GUI thread.

console/services/events.py listens on a thread of its own; emitting a signal of this GUI-thread
object from there queues the delivery onto the GUI thread (the same documented pattern as the
wall's overlays). The window coalesces what arrives within a quarter second and refreshes the page
in front if it shows any of those kinds; other pages re-read when they are opened, as always.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from console.services.events import Event, EventListener
from console.storage.db import Database


class LiveEvents(QObject):
    arrived = Signal(object)  # console.services.events.Event (not "event": that is QObject.event())

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listener = EventListener(db, self._heard)

    def _heard(self, e: Event) -> None:
        self.arrived.emit(e)

    def start(self) -> None:
        self.listener.start()

    def stop(self) -> None:
        self.listener.stop()
