"""Video wall page. Today: the camera registry grouped by route; live tiles come with the decoder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.services.queries import CameraRow
from console.services.redact import redact_url
from console.ui.labels import label

from .base import Page, PageContext

KIND_ORDER = ("expressway", "national_highway", "city")


class WallPage(Page):
    key = "wall"

    def __init__(self, ctx: PageContext) -> None:
        super().__init__(ctx)
        self._cameras: dict[int, CameraRow] = {}
        self.search = QLineEdit(placeholderText=self.tr("Search camera by name, route or km…"), clearButtonEnabled=True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Camera"), self.tr("Km"), self.tr("Rules")])
        self.tree.setColumnWidth(0, 440)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)
        left_layout.addWidget(self.summary)

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
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setSizes([640, 480])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self.search.textChanged.connect(self._filter)
        self.tree.currentItemChanged.connect(self._show_current)

    def title(self) -> str:
        return self.tr("Video wall")

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

    def _show_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        cam_id = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        cam = self._cameras.get(cam_id) if cam_id is not None else None
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
        self.fields["main"].setText(redact_url(cam.main_url))
        self.fields["sub"].setText(redact_url(cam.sub_url) if cam.sub_url else "—")
        self.fields["rules"].setText(str(cam.rule_count))


def children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(i) for i in range(item.childCount()))
    return [c for c in found if c is not None]
