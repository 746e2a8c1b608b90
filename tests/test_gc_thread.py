"""Cycles are collected on the GUI thread only, never on a worker (console/ui/gc_thread.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication

from console.ui import gc_thread


class _Cycle:
    """Garbage in a reference cycle that notes which thread collected it."""

    def __init__(self, seen: list[str]) -> None:
        self.me = self
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def _worker_makes_garbage_then_allocates(seen: list[str]) -> None:
    def work() -> None:
        _Cycle(seen)
        keep = [[i] for i in range(50_000)]  # far past the generation-0 threshold
        del keep

    t = threading.Thread(target=work, name="worker")
    t.start()
    t.join()


def test_a_worker_thread_never_collects_and_the_gui_thread_does(qapp: QApplication) -> None:
    collector = gc_thread.install(qapp)
    assert gc_thread.install(qapp) is collector  # one per process
    assert not gc.isenabled()
    seen: list[str] = []
    _worker_makes_garbage_then_allocates(seen)
    assert seen == []  # left for the GUI thread
    for _ in range(5):  # what the timer does every half second
        collector.collect_due()
    gc.collect()
    assert seen == [threading.main_thread().name]


def test_without_it_the_worker_would_have_collected(qapp: QApplication) -> None:
    gc_thread.install(qapp)
    seen: list[str] = []
    gc.collect()
    gc.enable()
    try:
        _worker_makes_garbage_then_allocates(seen)
    finally:
        gc.disable()
    assert seen == ["worker"]
