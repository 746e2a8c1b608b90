"""The one place where worker results cross into the GUI thread.

Work runs on a small thread pool; its result (or exception) is emitted through a Qt signal owned
by the GUI thread, so callbacks always run there. Nothing else in the UI starts threads.

Because every page's database work passes through here, this is also where a lost database is
noticed first: ``database_unreachable`` fires for any work that failed with DatabaseUnavailable,
so the status bar can say so at once instead of at its next periodic check.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from console.storage.db import DatabaseUnavailable

T = TypeVar("T")
log = logging.getLogger(__name__)


class Bridge(QObject):
    _deliver = Signal(object, object, object)  # callback, result, error callback
    database_unreachable = Signal(object)  # the DatabaseUnavailable some work failed with

    def __init__(self, workers: int = 4) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="worker")
        self._deliver.connect(self._on_deliver)
        self._closed = False

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._closed:
            return
        future = self._pool.submit(work)
        future.add_done_callback(lambda f: self._finished(f, on_done, on_error))

    def _finished(self, future: Future[Any], on_done: Callable[[Any], None], on_error: Any) -> None:
        if self._closed:
            return
        error = future.exception()
        if isinstance(error, DatabaseUnavailable):
            self.database_unreachable.emit(error)
        if error is not None:
            self._deliver.emit(on_error or _log_error, error, None)
        else:
            self._deliver.emit(on_done, future.result(), None)

    def _on_deliver(self, callback: Callable[[Any], None], value: Any, _unused: Any) -> None:
        try:
            callback(value)
        except RuntimeError as exc:
            # The widget that asked may be gone (page closed while the query ran).
            if "already deleted" not in str(exc):
                raise

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


def _log_error(error: BaseException) -> None:
    log.error("background task failed", exc_info=error)
