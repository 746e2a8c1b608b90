"""What every page gets, and the load-in-background / show-on-GUI-thread pattern they share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QWidget

from console.services.context import Actor
from console.services.queries import Queries
from console.ui.bridge import Bridge

if TYPE_CHECKING:
    from console.bootstrap import Services

T = TypeVar("T")


@dataclass(frozen=True)
class PageContext:
    services: Services
    queries: Queries
    bridge: Bridge
    actor: Actor


class Page(QWidget):
    """A navigation page. ``refresh`` reloads from the database without blocking the window."""

    key = ""
    # Live event kinds (console/services/events.py) that change what this page shows: the window
    # refreshes the page when one arrives while it is in front.
    live_kinds: frozenset[str] = frozenset()

    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._tickets: dict[Callable[..., None], int] = {}

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows; pages with nothing to load leave it empty."""

    def load(self, query: Callable[[], T], show: Callable[[T], None]) -> None:
        """Run ``query`` off the GUI thread and hand its result to ``show``.

        The bridge's pool runs loads side by side, so they can finish out of order: a list asked for
        before the operator changed a filter could land after the list asked for after it and put
        the old rows back. Only the newest load for a given ``show`` is shown.
        """
        ticket = self._tickets.get(show, 0) + 1
        self._tickets[show] = ticket

        def deliver(result: T) -> None:
            if self._tickets.get(show) == ticket:
                show(result)

        self.ctx.bridge.run(query, deliver, self._failed)

    def _failed(self, error: BaseException) -> None:
        from console.ui.errors import show_error

        show_error(self, error)
