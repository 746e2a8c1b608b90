"""Python's cycle collector runs on the GUI thread only.

CPython collects reference cycles in whichever thread happens to allocate past the threshold. When that
is a worker thread and the garbage holds Qt objects (a closed window's menus and actions kept alive by a
lambda cycle), their C++ destructors run on that worker: one takes the object's Qt lock and then waits
for the GIL, while the GUI thread, holding the GIL, deletes a sibling and waits for that lock. The test
suite hung on exactly this (a patrol-report query on a worker collected a previous test's window, and
both threads waited for ever). So automatic collection is switched off and a timer on the GUI thread
collects, generation by generation, with the interpreter's own thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Install once, on the GUI thread, after the QApplication exists; keep a reference."""

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the generations that automatic collection would have; returns the objects found."""
        count0, count1, count2 = gc.get_count()
        if count0 <= self._threshold[0]:
            return 0
        generation = 0
        if count1 > self._threshold[1]:
            generation = 2 if count2 > self._threshold[2] else 1
        return gc.collect(generation)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()


_installed: GuiThreadCollector | None = None


def install(app: QObject) -> GuiThreadCollector:
    """The process's collector, made on first call (held here, so it lives as long as the process)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(parent=app)
    return _installed
