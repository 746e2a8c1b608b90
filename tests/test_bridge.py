from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from console.ui.bridge import Bridge


def test_results_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = Bridge()
    seen: list[tuple[int, bool]] = []
    worker_threads: list[bool] = []

    def work() -> int:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        return 42

    bridge.run(work, lambda v: seen.append((v, threading.current_thread() is threading.main_thread())))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, True)]
    assert worker_threads == [False]
    bridge.shutdown()


def test_errors_go_to_the_error_callback(qtbot: QtBot) -> None:
    bridge = Bridge()
    errors: list[BaseException] = []

    def work() -> int:
        raise ValueError("bad plate")

    bridge.run(work, lambda v: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError)
    bridge.shutdown()
