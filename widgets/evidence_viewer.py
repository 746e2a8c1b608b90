"""Evidence viewer: the full frame with zoom and pan, the track drawn on it, the plate crop enlarged.

View data in (paths and normalised track points), nothing out: the viewer never reads the
database. Wheel or +/- zooms around the cursor, dragging pans, 0 or a double-click fits the frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

TRACK = QColor("#ffd400")
PLATE_BOX = QColor("#ff3b30")


@dataclass(frozen=True)
class EvidenceView:
    frame: Path | None
    plate_crop: Path | None
    track: Sequence[tuple[float, float]] = ()  # 0..1 image coordinates, oldest first
    plate_box: tuple[float, float, float, float] | None = None  # x, y, w, h in 0..1
    caption: str = ""
    hashes: dict[str, str] = field(default_factory=dict)


class ZoomView(QGraphicsView):
    MAX_ZOOM = 12.0

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#05080c"))
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._fitted = 1.0

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        target = max(self._fitted, min(self._fitted * self.MAX_ZOOM, current * factor))
        self.scale(target / current, target / current)

    def zoom_level(self) -> float:
        return self.transform().m11() / self._fitted if self._fitted else 1.0

    def fit(self) -> None:
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted = self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        fitted = abs(self.zoom_level() - 1.0) < 1e-6
        super().resizeEvent(event)
        if fitted:
            self.fit()


class EvidenceViewer(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.view = ZoomView()
        self.crop = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.crop.setMinimumHeight(90)
        self.crop.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption = QLabel(wordWrap=True)
        self.caption.setObjectName("summary")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.crop)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 150])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(self.caption)
        self._crop_pixmap = QPixmap()
        self.show_evidence(None)

    def show_evidence(self, evidence: EvidenceView | None) -> None:
        scene = self.view.scene()
        scene.clear()
        self._crop_pixmap = QPixmap()
        if evidence is None:
            self.crop.clear()
            self.caption.setText(self.tr("No candidate open. Press N to take the next one from the queue."))
            return
        frame = QPixmap(str(evidence.frame)) if evidence.frame else QPixmap()
        if frame.isNull():
            scene.addText(self.tr("The evidence frame is missing from the evidence store."))
        else:
            scene.addItem(QGraphicsPixmapItem(frame))
            w, h = frame.width(), frame.height()
            if len(evidence.track) >= 2:
                path = QPainterPath(QPointF(evidence.track[0][0] * w, evidence.track[0][1] * h))
                for x, y in evidence.track[1:]:
                    path.lineTo(QPointF(x * w, y * h))
                line = QGraphicsPathItem(path)
                line.setPen(QPen(TRACK, 3, Qt.PenStyle.DashLine))
                scene.addItem(line)
            if evidence.plate_box is not None:
                x, y, bw, bh = evidence.plate_box
                box = QGraphicsRectItem(QRectF(x * w - 4, y * h - 4, bw * w + 8, bh * h + 8))
                box.setPen(QPen(PLATE_BOX, 3))
                scene.addItem(box)
            scene.setSceneRect(QRectF(0, 0, w, h))
        self._crop_pixmap = QPixmap(str(evidence.plate_crop)) if evidence.plate_crop else QPixmap()
        self._show_crop()
        self.caption.setText(evidence.caption)
        self.view.fit()

    def _show_crop(self) -> None:
        if self._crop_pixmap.isNull():
            self.crop.setText(self.tr("No plate crop"))
            return
        self.crop.setPixmap(
            self._crop_pixmap.scaled(
                self.crop.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_crop()
