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


def test_a_page_shows_only_its_newest_load_when_loads_finish_out_of_order(qtbot: QtBot) -> None:
    from console.ui.pages.base import Page, PageContext

    bridge = Bridge()
    page = Page(PageContext(None, None, bridge, None))  # type: ignore[arg-type]  # load() needs only the bridge
    shown: list[str] = []
    release_old = threading.Event()

    def old_list() -> str:
        release_old.wait(5)
        return "submitted"

    page.load(old_list, shown.append)
    page.load(lambda: "open", shown.append)
    qtbot.waitUntil(lambda: shown == ["open"], timeout=5000)
    release_old.set()
    qtbot.wait(200)  # the old result has come back by now and must have been dropped
    assert shown == ["open"]
    bridge.shutdown()


def test_a_refresh_keeps_the_operators_row_without_reopening_it(qtbot: QtBot) -> None:
    from widgets.record_table import RecordTable

    table = RecordTable(["plate"], "", "")
    qtbot.addWidget(table)
    opened: list[object] = []
    table.selected.connect(opened.append)
    table.set_rows([["30A-111.11"], ["51F-222.22"]], [11, 22])
    table.view.selectRow(1)  # whichever row the sort put second
    chosen = table.current_key()
    assert chosen in (11, 22) and opened == [chosen]
    table.set_rows([["29B-333.33"], ["30A-111.11"], ["51F-222.22"]], [33, 11, 22])
    assert table.current_key() == chosen and opened == [chosen]
    table.set_rows([["29B-333.33"]], [33])
    assert table.current_key() is None
