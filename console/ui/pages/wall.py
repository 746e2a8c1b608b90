"""Video wall page: the camera registry tree (drag a camera onto a tile), camera details with a
connection test, and the live wall with layouts, maximise, tour and snapshots."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.demo import cameras as demo
from console.services.evidence import EvidenceStore, evidence_dir
from console.services.queries import CameraRow
from console.services.redact import redact_url
from console.services.wall import Snapshot, StreamSource, WallLayout, WallService, stream_sources, tile_url
from console.ui.labels import label
from console.video.manager import Feed, StreamManager
from widgets.video_tile import STATE_COLOURS, Overlay, TileCamera, camera_mime, problem_text, state_text
from widgets.video_wall import MAX_GRID, VideoWall

from .base import Page, PageContext

KIND_ORDER = ("expressway", "national_highway", "city")
log = logging.getLogger(__name__)


class CameraTree(QTreeWidget):
    """The registry tree; a camera row drags its id onto a wall tile."""

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:  # type: ignore[override]
        for item in items:
            cam_id = item.data(0, Qt.ItemDataRole.UserRole)
            if cam_id is not None:
                return camera_mime(int(cam_id))
        return QMimeData()


class WallPage(Page):
    key = "wall"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self._cameras: dict[int, CameraRow] = {}
        self.service = WallService(
            ctx.services.db, ctx.services.audit, EvidenceStore(evidence_dir(ctx.services.config))
        )
        self.streams = StreamManager()
        self._feeds: dict[int, Feed] = {}  # tile index → feed
        self._sources: dict[int, StreamSource] = {}  # tile index → its camera's streams
        self._layout_loaded = False
        self._restoring = False
        self.search = QLineEdit(placeholderText=self.tr("Search camera by name, route or km…"), clearButtonEnabled=True)
        self.tree = CameraTree()
        self.tree.setHeaderLabels([self.tr("Camera"), self.tr("Km"), self.tr("Rules"), self.tr("State")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.summary = QLabel()
        self.summary.setObjectName("summary")

        self.details = QGroupBox(self.tr("Camera details"))
        form = QFormLayout(self.details)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("code", self.tr("Code")),
            ("name", self.tr("Name")),
            ("route", self.tr("Route / km")),
            ("direction", self.tr("Direction of travel")),
            ("position", self.tr("Coordinates")),
            ("limit", self.tr("Speed limit")),
            ("main", self.tr("Main stream")),
            ("sub", self.tr("Sub-stream")),
            ("rules", self.tr("Behaviour rules")),
        ):
            value = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(text, value)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_result = QLabel(wordWrap=True)
        form.addRow(self.test_button, self.test_result)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 3)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.details, 2)

        self.wall = VideoWall()
        toolbar = QHBoxLayout()
        self.grid_buttons: list[QPushButton] = []
        for n in range(1, MAX_GRID + 1):
            button = QPushButton(f"{n}×{n}")
            button.setCheckable(True)
            button.setToolTip(f"Alt+{n}")
            button.clicked.connect(lambda _checked=False, n=n: self.set_grid(n))
            toolbar.addWidget(button)
            self.grid_buttons.append(button)
            QShortcut(QKeySequence(f"Alt+{n}"), self, lambda n=n: self.set_grid(n))
        toolbar.addSpacing(16)
        self.tour_button = QPushButton(self.tr("Tour"))
        self.tour_button.setCheckable(True)
        self.tour_button.setToolTip(self.tr("Cycle the selected route's cameras through the focused tile"))
        self.tour_seconds = QSpinBox(minimum=3, maximum=600, value=10, suffix=self.tr(" s"))
        self.snapshot_button = QPushButton(self.tr("Snapshot"))
        self.snapshot_button.setToolTip("Ctrl+Shift+S")
        toolbar.addWidget(self.tour_button)
        toolbar.addWidget(self.tour_seconds)
        toolbar.addWidget(self.snapshot_button)
        self.message = QLabel()
        # A long notice (missing packages) must not widen the window; the full text is the tooltip.
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message.setWordWrap(True)
        toolbar.addWidget(self.message, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(toolbar)
        right_layout.addWidget(self.wall, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 1180])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

        self._tour_timer = QTimer(self)
        self._tour_timer.timeout.connect(self._tour_step)
        self._tour: tuple[int, list[int], int] | None = None  # tile, camera ids, position
        self._state_timer = QTimer(self, interval=1000)
        self._state_timer.timeout.connect(self._show_states)
        self._state_timer.start()
        self._save_timer = QTimer(self, singleShot=True, interval=600)
        self._save_timer.timeout.connect(self._save_layout)
        self.search.textChanged.connect(self._filter)
        self.tree.currentItemChanged.connect(self._show_current)
        self.tree.itemActivated.connect(self._open_in_focused_tile)
        self.test_button.clicked.connect(self._test_connection)
        self.wall.camera_dropped.connect(self.assign)
        self.wall.view_changed.connect(self._follow_layout)
        self.tour_button.toggled.connect(self._toggle_tour)
        self.snapshot_button.clicked.connect(self.snapshot)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.snapshot)
        QShortcut(
            QKeySequence(Qt.Key.Key_Return), self.wall, lambda: self.wall.toggle_maximise(self.wall.focused_index)
        )
        for i in range(MAX_GRID * MAX_GRID):
            if i < 9:
                QShortcut(QKeySequence(f"Alt+Shift+{i + 1}"), self, lambda i=i: self.wall.focus_tile(i))
        self._check_grid_button()
        from console.ui.live_detection import LiveDetection

        self.live = LiveDetection(ctx, self.streams, self._show_overlay, self._show_message)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close_streams)
        self.destroyed.connect(self.live.stop_all)  # workers first: they hold feeds of the streams
        self.destroyed.connect(self.streams.stop_all)

    def title(self) -> str:
        return self.tr("Video wall")

    # ---- registry -------------------------------------------------------------------------------

    _pending_camera: int | None = None

    def refresh(self) -> None:
        self.load(lambda: self.ctx.queries.cameras(self.ctx.actor), self._show)

    def _show(self, cameras: list[CameraRow]) -> None:
        self._cameras = {c.id: c for c in cameras}
        self.tree.clear()
        routes: dict[tuple[str, str], QTreeWidgetItem] = {}
        kinds: dict[str, QTreeWidgetItem] = {}
        for kind in KIND_ORDER:
            members = [c for c in cameras if c.route_kind == kind]
            if not members:
                continue
            kinds[kind] = QTreeWidgetItem(self.tree, [f"{label(kind)} ({len(members)})"])
        for cam in cameras:
            parent = kinds.get(cam.route_kind) or QTreeWidgetItem(self.tree, [label(cam.route_kind)])
            kinds[cam.route_kind] = parent
            route = routes.get((cam.route_kind, cam.route))
            if route is None:
                route = routes[(cam.route_kind, cam.route)] = QTreeWidgetItem(parent, [cam.route])
            km = f"{cam.km:.1f}" if cam.km is not None else ""
            item = QTreeWidgetItem(route, [cam.name, km, str(cam.rule_count or "")])
            item.setData(0, Qt.ItemDataRole.UserRole, cam.id)
            item.setToolTip(0, cam.code)
        self.tree.expandAll()
        if self.tree.currentItem() is None and (items := self.camera_items()):
            self.tree.setCurrentItem(items[0])  # the details panel is never blank when cameras exist
        self.summary.setText(
            self.tr("%1 cameras on %2 routes").replace("%1", str(len(cameras))).replace("%2", str(len(routes)))
        )
        self._filter(self.search.text())
        if not self._layout_loaded:
            self._layout_loaded = True
            self._restore_layout()
        if self._pending_camera is not None:
            self.open_camera(self._pending_camera)

    def open_camera(self, camera_id: int) -> None:
        """Put a camera on the focused tile; asked before the registry loaded, it waits for it."""
        if camera_id not in self._cameras:
            self._pending_camera = camera_id
            return
        self._pending_camera = None
        self.assign(self.wall.focused_index, camera_id)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for kind in children(self.tree.invisibleRootItem()):
            kind_visible = False
            for route in children(kind):
                route_match = needle in route.text(0).casefold()
                route_visible = False
                for cam in children(route):
                    hay = f"{cam.text(0)} {cam.text(1)} {cam.toolTip(0)}".casefold()
                    visible = not needle or route_match or needle in hay
                    cam.setHidden(not visible)
                    route_visible |= visible
                route.setHidden(not route_visible)
                kind_visible |= route_visible
            kind.setHidden(not kind_visible)

    def camera_items(self) -> list[QTreeWidgetItem]:
        root = self.tree.invisibleRootItem()
        return [cam for kind in children(root) for route in children(kind) for cam in children(route)]

    def _show_states(self) -> None:
        """The registry tree shows the state of every camera open on the wall (others: blank)."""
        states = {f.key.camera_id: f.health for f in self._feeds.values()}
        for item in self.camera_items():
            health = states.get(item.data(0, Qt.ItemDataRole.UserRole))
            text = state_text(health) if health is not None else ""
            if item.text(3) != text:
                item.setText(3, text)
                item.setForeground(3, QColor(STATE_COLOURS[health.state]) if health is not None else QColor())
                item.setToolTip(3, problem_text(health.problem) if health is not None else "")

    def _current_camera(self) -> CameraRow | None:
        item = self.tree.currentItem()
        cam_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return self._cameras.get(cam_id) if cam_id is not None else None

    def _show_current(self, _item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        cam = self._current_camera()
        self.test_result.clear()
        self.test_button.setEnabled(cam is not None)
        if cam is None:
            for value in self.fields.values():
                value.clear()
            return
        km = f" — km {cam.km:.1f}" if cam.km is not None else ""
        self.fields["code"].setText(cam.code)
        self.fields["name"].setText(cam.name)
        self.fields["route"].setText(f"{cam.route}{km}")
        self.fields["direction"].setText(cam.direction)
        self.fields["position"].setText(f"{cam.lat:.5f}, {cam.lon:.5f}")
        self.fields["limit"].setText(f"{cam.speed_limit_kmh} km/h" if cam.speed_limit_kmh else "—")
        main = redact_url(demo.override_url(cam.code) or cam.main_url)
        self.fields["main"].setText(main)
        self.fields["sub"].setText(redact_url(cam.sub_url) if cam.sub_url else "—")
        self.fields["rules"].setText(str(cam.rule_count))

    def _test_connection(self) -> None:
        cam = self._current_camera()
        if cam is None:
            return
        from console.video.check import test_stream

        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Testing…"))
        db, actor = self.ctx.services.db, self.ctx.actor

        def work() -> dict[str, object]:
            source = self._with_override(cam, stream_sources(db, actor, [cam.id])[cam.id])
            return test_stream(source.url, 3.0, source.username, source.password)

        self.load(work, self._show_test)

    def _show_test(self, result: dict[str, object]) -> None:
        self.test_button.setEnabled(True)
        if result["state"] == "live":
            text = self.tr("Live: %1×%2 %3, %4 fps via %5")
            for n, key in enumerate(("width", "height", "codec", "fps", "path"), start=1):
                text = text.replace(f"%{n}", str(result[key]))
        else:
            from console.video.health import Problem
            from widgets.video_tile import problem_text

            error = str(result["error"])
            shown = problem_text(Problem(error)) if error in {p.value for p in Problem} else error
            text = self.tr("Failed: %1 (via %2)").replace("%1", shown).replace("%2", str(result["path"]))
        self.test_result.setText(text)

    # ---- wall -----------------------------------------------------------------------------------

    def set_grid(self, grid: int) -> None:
        for index in range(grid * grid, MAX_GRID * MAX_GRID):
            self._clear_tile(index)  # tiles that leave the wall stop decoding
        self.wall.set_grid(grid)
        self._check_grid_button()
        self._layout_changed()

    def _check_grid_button(self) -> None:
        for n, button in enumerate(self.grid_buttons, start=1):
            button.setChecked(n == self.wall.grid)

    def _open_in_focused_tile(self, item: QTreeWidgetItem, _column: int) -> None:
        cam_id = item.data(0, Qt.ItemDataRole.UserRole)
        if cam_id is not None:
            self.assign(self.wall.focused_index, int(cam_id))

    def assign(self, index: int, camera_id: int | None, *, save: bool = True) -> None:
        """Show a camera on a tile (None empties it); the stream opens on a worker thread."""
        self._clear_tile(index)
        cam = self._cameras.get(camera_id) if camera_id is not None else None
        if cam is None:
            if save:
                self._layout_changed()
            return
        place = f"{cam.route} km {cam.km:.1f}" if cam.km is not None else cam.route
        tile_camera = TileCamera(cam.id, cam.name, place)
        self.wall.set_feed(index, tile_camera, None)
        db, actor = self.ctx.services.db, self.ctx.actor

        def opened(sources: dict[int, StreamSource]) -> None:
            if self.wall.tiles[index].camera != tile_camera or cam.id not in sources:
                return  # the tile was given another camera meanwhile
            source = self._with_override(cam, sources[cam.id])
            url = tile_url(source, self.wall.grid, self.wall.maximised == index)
            feed = self.streams.acquire(cam.id, url, source.username, source.password)
            self._feeds[index] = feed
            self._sources[index] = source
            self.wall.set_feed(index, tile_camera, feed)
            self.live.start(index, cam.id, url, source.username, source.password)

        self.load(lambda: stream_sources(db, actor, [cam.id]), opened)
        if save:
            self._layout_changed()

    @staticmethod
    def _with_override(cam: CameraRow, source: StreamSource) -> StreamSource:
        url = demo.override_url(cam.code)
        return StreamSource(cam.id, url, None, None) if url else source

    def _follow_layout(self) -> None:
        """After a layout change or (un)maximise, each tile plays the stream that suits its new size."""
        for index, feed in list(self._feeds.items()):
            source = self._sources[index]
            url = tile_url(source, self.wall.grid, self.wall.maximised == index)
            if url == feed.key.url:
                continue
            # The new stream opens before the old one is let go; the tile shows the old stream's last
            # picture until the new one's first frame. Detection follows the tile onto the same decode.
            new = self.streams.acquire(source.camera_id, url, source.username, source.password)
            self._feeds[index] = new
            self.wall.switch_feed(index, new)
            self.streams.release(feed)
            self.live.start(index, source.camera_id, url, source.username, source.password)

    def _clear_tile(self, index: int) -> None:
        self.live.stop(index)
        self._sources.pop(index, None)
        feed = self._feeds.pop(index, None)
        if feed is not None:
            self.streams.release(feed)
        self.wall.set_feed(index, None, None)

    def playing(self, index: int) -> str | None:
        """The stream (URL without credentials) the tile plays, None for an empty tile."""
        feed = self._feeds.get(index)
        return feed.key.url if feed is not None else None

    def tile_cameras(self) -> list[int | None]:
        return [t.camera.camera_id if t.camera else None for t in self.wall.tiles[: self.wall.grid**2]]

    def _layout_changed(self) -> None:
        if not self._restoring:
            self._save_timer.start()

    def _save_layout(self) -> None:
        layout = WallLayout(self.wall.grid, tuple(self.tile_cameras()))
        self.load(lambda: self.service.save_layout(self.ctx.actor, layout), lambda _none: None)

    def _restore_layout(self) -> None:
        if demo.active is not None and demo.active.notice:
            self.message.setText(demo.active.notice)
            self.message.setToolTip(demo.active.notice)
        if demo.active is not None and demo.active.urls:
            by_code = {c.code: c.id for c in self._cameras.values()}
            ids = tuple(by_code.get(code) for code in demo.DEMO_CAMERAS if code in by_code and code in demo.active.urls)
            self._apply_layout(WallLayout(2, ids[:4]))
            return
        self.load(lambda: self.service.load_layout(self.ctx.actor), self._apply_layout)

    def _apply_layout(self, layout: WallLayout | None) -> None:
        if layout is None:
            return
        self._restoring = True
        try:
            self.set_grid(layout.grid)
            for index, camera_id in enumerate(layout.cameras):
                self.assign(index, camera_id, save=False)
        finally:
            self._restoring = False

    # ---- tour and snapshot ----------------------------------------------------------------------

    def _toggle_tour(self, on: bool) -> None:
        self._tour_timer.stop()
        self._tour = None
        if not on:
            return
        item = self.tree.currentItem()
        while item is not None and item.data(0, Qt.ItemDataRole.UserRole) is not None:
            item = item.parent()  # a camera row tours its route
        group = [int(c.data(0, Qt.ItemDataRole.UserRole)) for c in self._cameras_under(item)] if item else []
        if not group:
            self.message.setText(self.tr("Select a route or group in the camera list to tour it."))
            self.tour_button.setChecked(False)
            return
        self._tour = (self.wall.focused_index, group, 0)
        self._tour_timer.start(self.tour_seconds.value() * 1000)
        self._tour_step()

    def _cameras_under(self, item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found = []
        for child in children(item):
            if child.data(0, Qt.ItemDataRole.UserRole) is not None:
                found.append(child)
            else:
                found.extend(self._cameras_under(child))
        return found

    def _tour_step(self) -> None:
        if self._tour is None:
            return
        tile, group, position = self._tour
        self.assign(tile, group[position % len(group)], save=False)
        self._tour = (tile, group, position + 1)

    def snapshot(self) -> None:
        tile = self.wall.tiles[self.wall.focused_index]
        frame, camera = tile.frame, tile.camera
        if frame is None or camera is None:
            self.message.setText(self.tr("No picture on the selected tile to save."))
            return
        import cv2

        actor = self.ctx.actor

        def work() -> Snapshot:
            image = cv2.cvtColor(frame.image, cv2.COLOR_BGRA2BGR) if frame.layout == "BGRX" else frame.image
            ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 92])
            if not ok:
                raise RuntimeError("the picture could not be encoded as JPEG")
            return self.service.snapshot(actor, camera.camera_id, jpeg.tobytes(), frame.width, frame.height)

        def done(shot: Snapshot) -> None:
            self.message.setText(self.tr("Snapshot saved to evidence (%1…)").replace("%1", shot.sha256[:12]))

        self.load(work, done)

    def _show_overlay(self, index: int, overlay: Overlay) -> None:
        if index in self._feeds:  # an overlay still queued for a tile cleared meanwhile is dropped
            self.wall.tiles[index].add_overlay(overlay)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setToolTip(text)

    def close_streams(self) -> None:
        self._tour_timer.stop()
        self.wall.timer.stop()
        self.live.stop_all()
        self._feeds.clear()
        self._sources.clear()
        self.streams.stop_all()


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(i) for i in range(item.childCount()))
    return [c for c in found if c is not None]
