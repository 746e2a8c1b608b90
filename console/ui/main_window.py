"""The main window: navigation on the left, one page at a time, status bar, shortcuts, idle lock."""

from __future__ import annotations

import time
from typing import ClassVar, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from console.services.events import RESYNC, Event
from console.ui.live_events import LiveEvents
from console.ui.login import LockDialog
from console.ui.status import ConsoleStatus
from console.ui.theme import ERROR

from .pages.admin import AdminPage
from .pages.alerts import AlertsPage
from .pages.base import Page, PageContext
from .pages.driving import DrivingTimePage
from .pages.incidents import IncidentsPage
from .pages.map_page import MapPage
from .pages.patrol import PatrolPage
from .pages.review import ReviewPage
from .pages.wall import WallPage

P = TypeVar("P", bound=Page)

PAGE_ORDER = (WallPage, MapPage, AlertsPage, ReviewPage, IncidentsPage, PatrolPage, DrivingTimePage, AdminPage)
PAGE_KEYS = tuple(p.key for p in PAGE_ORDER)


class IdleWatch(QObject):
    """Notes the time of the last keyboard or mouse input anywhere in the application."""

    INPUT: ClassVar[set[QEvent.Type]] = {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }

    def __init__(self) -> None:
        super().__init__()
        self.last_input = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.INPUT:
            self.last_input = time.monotonic()
        return False


class MainWindow(QMainWindow):
    def __init__(self, ctx: PageContext, first_page: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("CSGT command console — %1").replace("%1", ctx.actor.username))
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(230)
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        for number, page_type in enumerate(PAGE_ORDER, start=1):
            page = page_type(ctx)
            self.pages.append(page)
            self.stack.addWidget(page)
            item = QListWidgetItem(f"{page.title()}")
            item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
            QShortcut(QKeySequence(f"Ctrl+{number}"), self, lambda n=number - 1: self.nav.setCurrentRow(n))
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = ConsoleStatus(self.statusBar(), ctx)
        self._unseen_alerts = 0
        self._wire_pages()
        self.nav.currentRowChanged.connect(self._open)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh_current)
        QShortcut(QKeySequence(Qt.Key.Key_F11), self, self._toggle_fullscreen)
        QShortcut(QKeySequence("Ctrl+L"), self, self.lock)
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)
        self._locked = False
        self.idle = IdleWatch()
        # On the window's QWindow, not the application: PySide6 6.11 segfaults wrapping
        # QtWebEngine's internal QtQuick objects for a Python application-wide event filter
        # (the Map page). The QWindow sees every input event of this window first.
        self.winId()
        handle = self.windowHandle()
        if handle is not None:
            handle.installEventFilter(self.idle)
        minutes = ctx.services.config.ui.idle_lock_minutes
        self._idle_limit_s = minutes * 60
        self._idle_timer = QTimer(self)
        self._idle_timer.timeout.connect(self._check_idle)
        if minutes > 0:
            self._idle_timer.start(5000)
        start = PAGE_KEYS.index(first_page) if first_page in PAGE_KEYS else 0
        self.nav.setCurrentRow(start)

    def _wire_pages(self) -> None:
        """Intents one page raises and another page serves."""
        wall = self.page(WallPage)
        map_page = self.page(MapPage)
        if wall is not None and map_page is not None:
            map_page.open_camera_requested.connect(lambda camera_id: self.show_camera(camera_id))
        alerts, incidents = self.page(AlertsPage), self.page(IncidentsPage)
        # New alerts, from this console's wall or any analytics service, arrive as live events.
        if alerts is not None and incidents is not None:
            alerts.incident_requested.connect(lambda alert_id: self._incident_from_alert(incidents, alert_id))
        if alerts is not None:
            alerts.trace_requested.connect(self.trace_plate)
        review = self.page(ReviewPage)
        if review is not None:
            review.trace_requested.connect(self.trace_plate)
        self.live_events = LiveEvents(self.ctx.services.db, self)
        self._heard: list[Event] = []
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(250)  # a burst (a confirm closing a case's duplicates) is one refresh
        self._settle.timeout.connect(lambda: self._apply_events(alerts))
        self.live_events.arrived.connect(self._heard_event)
        self.live_events.start()

    def _heard_event(self, e: Event) -> None:
        self._heard.append(e)
        if not self._settle.isActive():
            self._settle.start()

    def _apply_events(self, alerts: AlertsPage | None) -> None:
        """What other workstations (and this one's detection) changed: the page in front re-reads it."""
        heard, self._heard = self._heard, []
        kinds = {e.kind for e in heard}
        page = self.current_page()
        new_alerts = sum(e.kind == "alert" for e in heard)
        if alerts is not None and new_alerts:
            self._new_alerts(alerts, new_alerts)  # counted on its item, or shown at once when in front
            if page is alerts:
                return
        if RESYNC in kinds or page.live_kinds & kinds:
            page.refresh()

    def _new_alerts(self, alerts: AlertsPage, count: int) -> None:
        """Alerts raised live: shown at once when the Alerts page is open, else counted on its nav item in the
        alarm colour until the operator opens it, so a wanted vehicle is seen whatever page is in front."""
        if self.current_page() is alerts:
            alerts.refresh()
            return
        self._unseen_alerts += count
        item = self.nav.item(self.pages.index(alerts))
        item.setText(self.tr("%1 (%2 new)").replace("%1", alerts.title()).replace("%2", str(self._unseen_alerts)))
        item.setIcon(_alarm_dot())  # the theme sets the navigation's text colour: a red dot shows through

    def _seen_alerts(self, page: Page) -> None:
        if isinstance(page, AlertsPage) and self._unseen_alerts:
            self._unseen_alerts = 0
            item = self.nav.item(self.pages.index(page))
            item.setText(page.title())
            item.setIcon(QIcon())

    def _incident_from_alert(self, incidents: IncidentsPage, alert_id: int) -> None:
        self.nav.setCurrentRow(self.pages.index(incidents))
        incidents.new_from_alert(alert_id)

    def trace_plate(self, plate: str, alert_id: int | None = None) -> None:
        """Open the map with this plate's trail (the trace action of the Alerts and Review pages)."""
        map_page = self.page(MapPage)
        if map_page is None:
            return
        self.nav.setCurrentRow(self.pages.index(map_page))
        map_page.trace_plate(plate, alert_id)

    def page(self, kind: type[P]) -> P | None:
        return next((p for p in self.pages if isinstance(p, kind)), None)

    def show_camera(self, camera_id: int) -> None:
        """Open the wall with this camera on the focused tile (a camera clicked on the map)."""
        wall = self.page(WallPage)
        if wall is None:
            return
        self.nav.setCurrentRow(self.pages.index(wall))
        wall.open_camera(camera_id)

    def _open(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.pages[row].refresh()
        self._seen_alerts(self.pages[row])

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def refresh_current(self) -> None:
        self.current_page().refresh()

    def _toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _check_idle(self) -> None:
        if not self._locked and time.monotonic() - self.idle.last_input >= self._idle_limit_s:
            self.lock()

    def lock(self) -> None:
        if self._locked:
            return
        self._locked = True
        dialog = LockDialog(self.ctx.actor, self.ctx.services.auth.confirm_password, self)
        dialog.exec()
        self._locked = False
        self.idle.last_input = time.monotonic()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._idle_timer.stop()
        self.live_events.stop()
        super().closeEvent(event)


def _alarm_dot() -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(ERROR))
    painter.setPen(QColor(ERROR))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)
