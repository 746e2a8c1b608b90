"""One wall tile: the newest frame, camera name, route/km, state badge, fps, last-frame time, drops,
and detection overlays.

Detection runs at a few frames a second while the picture runs at 25, so the boxes of an overlay are
drawn over newer pictures than their own: each box is moved along its vehicle's velocity by the time
between its frame and the one shown (capped), or a fast vehicle would drive out of its box.

The tile takes view data only (frames, health snapshots, overlays) and emits intents; the wall
decides which stream feeds it.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from console.ui import theme
from console.video.health import Health, Problem, State
from console.video.ring import Frame

CAMERA_MIME = "application/x-csgt-camera-id"
OVERLAY_HOLD_S = 1.0  # an overlay older than this (in stream time) is not drawn on a newer picture
# Boxes are carried along their velocity for this long at most: a braking or turning vehicle departs from
# the straight line, and an old overlay is a sign that detection has fallen behind anyway.
OVERLAY_LEAD_S = 0.6
# The running figures (fps, last-frame time, drops) are re-rendered at most this often; a change of camera,
# size or state re-renders at once.
INFO_REFRESH_S = 0.5


def camera_mime(camera_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERA_MIME, QByteArray(str(camera_id).encode()))
    return data


@dataclass(frozen=True)
class TileCamera:
    camera_id: int
    name: str
    place: str  # "CT.01 km 182.5"


@dataclass(frozen=True)
class OverlayBox:
    x: float  # frame pixels of the frame the overlay belongs to
    y: float
    w: float
    h: float
    label: str = ""
    colour: str = theme.INFO
    vx: float = 0.0  # frame pixels per second: where the vehicle is heading
    vy: float = 0.0


def box_at(box: OverlayBox, age: float) -> tuple[float, float, float, float]:
    """The box where its vehicle is ``age`` seconds after the overlay's frame: x, y, w, h in frame pixels."""
    lead = min(max(age, 0.0), OVERLAY_LEAD_S)
    return box.x + box.vx * lead, box.y + box.vy * lead, box.w, box.h


@dataclass(frozen=True)
class Overlay:
    """Detections for one frame: ``frame_index`` and ``timestamp`` are the frame's own (see Frame)."""

    frame_index: int
    timestamp: float
    boxes: tuple[OverlayBox, ...] = ()


def _t(text: str) -> str:
    return QCoreApplication.translate("VideoTile", text)


def state_text(health: Health) -> str:
    if health.state == State.LIVE:
        return _t("live")
    if health.state == State.CONNECTING:
        return _t("connecting")
    if health.state == State.RECONNECTING:
        return _t("reconnecting (attempt %1)").replace("%1", str(health.attempt))
    if health.state == State.ERROR:
        return _t("error")
    return _t("stopped")


def problem_text(problem: Problem | None) -> str:
    table = {
        Problem.AUTH: _t("authentication failed"),
        Problem.UNREACHABLE: _t("host unreachable"),
        Problem.REFUSED: _t("connection refused"),
        Problem.NOT_FOUND: _t("stream not found"),
        Problem.CODEC: _t("codec not supported"),
        Problem.TIMEOUT: _t("timed out"),
        Problem.UNKNOWN_HOST: _t("unknown host"),
        Problem.LOST: _t("stream lost"),
        Problem.FROZEN: _t("picture frozen"),
        Problem.ENDED: _t("stream ended"),
        Problem.BAD_URL: _t("address not valid"),
        Problem.FAILED: _t("cannot open stream"),
        Problem.NOT_VIDEO: _t("not a playable video"),
    }
    return table.get(problem, "") if problem is not None else ""


STATE_COLOURS = {
    State.LIVE: theme.LIVE,
    State.CONNECTING: theme.INFO,
    State.RECONNECTING: theme.WARNING,
    State.ERROR: theme.ERROR,
    State.STOPPED: theme.STALE,
}


def _badge_key(health: Health | None) -> tuple[object, ...] | None:
    return None if health is None else (health.state, health.attempt, health.problem)


_FORMATS = {"BGR": QImage.Format.Format_BGR888, "BGRX": QImage.Format.Format_RGB32}


class VideoTile(QWidget):
    double_clicked = Signal(int)  # tile index
    camera_dropped = Signal(int, int)  # tile index, camera id
    focused = Signal(int)

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.camera: TileCamera | None = None
        self.health: Health | None = None
        self.frame: Frame | None = None
        self._image: QImage | None = None
        self._pixels: np.ndarray | None = None
        self.dropped = 0
        self.shown = 0
        self._overlays: deque[Overlay] = deque(maxlen=64)
        self.held = False  # showing the previous stream's last picture until the new stream's first frame
        self._info: tuple[tuple[object, ...], float, QImage, QImage] | None = None  # key, built at, top, bottom
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the tile paints every pixel itself

    # ---- view data in ---------------------------------------------------------------------------

    def set_camera(self, camera: TileCamera | None) -> None:
        self.camera = camera
        self.frame = None
        self._image = None
        self.held = False
        self.health = None
        self.dropped = 0
        self._overlays.clear()
        self.setToolTip(camera.name if camera else "")
        self.update()

    def hold_picture(self) -> None:
        """The camera moves to another of its streams: its last picture stays until the new stream's first frame.

        Overlays are dropped: their frame indices and pixel sizes belong to the old stream.
        """
        self.held = self.frame is not None
        self.dropped = 0
        self._overlays.clear()

    def set_health(self, health: Health | None) -> None:
        previous, self.health = self.health, health
        # fps and last-frame time change with every frame and are repainted with it; only a change
        # of state needs a paint of its own (a frame-less repaint costs as much as a frame).
        if _badge_key(previous) != _badge_key(health):
            self.update()

    def show_frame(self, frame: Frame, dropped: int = 0) -> None:
        self.frame = frame
        self.held = False
        self.dropped = dropped
        self.shown += 1
        pixels = frame.image
        if not pixels.flags.c_contiguous:  # a picture cropped in width; rare (odd sizes only)
            pixels = np.ascontiguousarray(pixels)
        self._pixels = pixels  # referenced while the QImage wraps its memory
        height, width = pixels.shape[:2]
        # Wraps the frame's own pixels (no copy).
        self._image = QImage(pixels.data, width, height, pixels.strides[0], _FORMATS[frame.layout])
        self.update()

    def add_overlay(self, overlay: Overlay) -> None:
        self._overlays.append(overlay)

    def overlay_for(self, frame: Frame) -> Overlay | None:
        """The overlay of this frame, else the newest earlier one still fresh; never a later frame's."""
        best: Overlay | None = None
        for overlay in self._overlays:
            if overlay.frame_index > frame.index or frame.timestamp - overlay.timestamp > OVERLAY_HOLD_S:
                continue
            if best is None or overlay.frame_index > best.frame_index:
                best = overlay
        return best

    # ---- painting -------------------------------------------------------------------------------

    def image_rect(self) -> QRectF:
        if self._image is None:
            return QRectF(self.rect())
        w, h = self._image.width(), self._image.height()
        scale = min(self.width() / w, self.height() / h)
        return QRectF((self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        target = self.image_rect()
        if self._image is not None and self.frame is not None:
            p.drawImage(target, self._image)
            overlay = None if self.held else self.overlay_for(self.frame)
            if overlay is not None:
                self._paint_overlay(p, overlay, self.frame, target)
        self._paint_text(p)
        if self.hasFocus():
            p.setPen(QPen(QColor(theme.INFO), 2))
            p.drawRect(self.rect().adjusted(1, 1, -1, -1))
        p.end()

    def overlay_rects(self, overlay: Overlay, frame: Frame) -> list[tuple[QRectF, OverlayBox]]:
        """Each box of ``overlay`` in widget pixels, moved to where its vehicle is in ``frame``."""
        target = self.image_rect()
        sx, sy = target.width() / frame.width, target.height() / frame.height
        age = frame.timestamp - overlay.timestamp
        out = []
        for box in overlay.boxes:
            x, y, w, h = box_at(box, age)
            out.append((QRectF(target.x() + x * sx, target.y() + y * sy, w * sx, h * sy), box))
        return out

    def _paint_overlay(self, p: QPainter, overlay: Overlay, frame: Frame, target: QRectF) -> None:
        p.save()
        p.setClipRect(target)  # a box carried past the picture's edge must not spill onto the letterbox
        ascent = p.fontMetrics().ascent()
        for rect, box in self.overlay_rects(overlay, frame):
            p.setPen(QPen(QColor(box.colour), 2))
            p.drawRect(rect)
            if box.label:
                # Above the box, or just inside it when the box touches the picture's top edge.
                below = rect.top() - 4 - ascent < target.top()
                p.drawText(QPointF(rect.left() + 2, rect.top() + (ascent + 2 if below else -4)), box.label)
        p.restore()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, min(11.0, self.height() / 30)))
        return font

    def _paint_text(self, p: QPainter) -> None:
        font = self._font()
        p.setFont(font)
        if self.camera is None:
            p.setPen(QColor("#ffffff"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _t("Drag a camera here"))
            return
        # Shaping and rasterising the tile's text on every frame cost a third of its paint (docs/video.md):
        # the bars are rendered into images, again only when what they say changes.
        key = (self.width(), self.height(), self.camera, _badge_key(self.health), self.devicePixelRatioF())
        now = time.monotonic()
        if self._info is None or self._info[0] != key or now - self._info[1] >= INFO_REFRESH_S:
            self._info = (key, now, *self._render_info(font))
        _key, _at, top, bottom = self._info
        p.drawImage(0, 0, top)
        p.drawImage(0, self.height() - round(bottom.height() / bottom.devicePixelRatio()), bottom)
        health = self.health
        message = problem_text(health.problem) if health is not None else ""
        if health is not None and message and health.state != State.LIVE:
            p.setPen(QColor(STATE_COLOURS[health.state]))
            big = QFont(font)
            big.setPointSizeF(font.pointSizeF() * 1.4)
            p.setFont(big)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, message)

    def _layer(self, height: int) -> QImage:
        ratio = self.devicePixelRatioF()
        image = QImage(round(self.width() * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        return image

    def _render_info(self, font: QFont) -> tuple[QImage, QImage]:
        """The top bar (title, and the state badge under it) and the bottom bar (running figures)."""
        assert self.camera is not None
        bar = max(18, int(font.pointSizeF() * 2.2))
        shade = QColor(0, 0, 0, 150)
        top, bottom = self._layer(2 * bar + 4), self._layer(bar)
        p = QPainter(top)
        p.setFont(font)
        p.fillRect(0, 0, self.width(), bar, shade)
        p.setPen(QColor("#ffffff"))
        title = f"{self.camera.name} — {self.camera.place}" if self.camera.place else self.camera.name
        p.drawText(QRectF(6, 0, self.width() - 12, bar), Qt.AlignmentFlag.AlignVCenter, title)
        health = self.health
        if health is not None:
            badge = state_text(health)
            width = p.fontMetrics().horizontalAdvance(badge) + 14
            badge_rect = QRectF(self.width() - width - 4, bar + 4, width, bar - 2)
            p.fillRect(badge_rect, QColor(STATE_COLOURS[health.state]))
            p.setPen(QColor("#000000"))
            p.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        p.end()
        p = QPainter(bottom)
        p.setFont(font)
        p.fillRect(0, 0, self.width(), bar, shade)
        if health is not None:
            parts = []
            if health.state == State.LIVE:
                parts.append(_t("%1 fps").replace("%1", f"{health.fps:.1f}"))
            if health.last_frame_at:
                parts.append(datetime.fromtimestamp(health.last_frame_at).strftime("%H:%M:%S"))
            parts.append(_t("dropped %1").replace("%1", str(self.dropped)))
            if health.decoder:
                parts.append(health.decoder)
            p.setPen(QColor("#ffffff"))
            p.drawText(QRectF(6, 0, self.width() - 12, bar), Qt.AlignmentFlag.AlignVCenter, "  ·  ".join(parts))
        p.end()
        return top, bottom

    # ---- intents --------------------------------------------------------------------------------

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.double_clicked.emit(self.index)
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.focused.emit(self.index)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        raw = bytes(event.mimeData().data(CAMERA_MIME).data()).decode()
        if raw.isdigit():
            self.camera_dropped.emit(self.index, int(raw))
            event.acceptProposedAction()

    def age(self) -> float | None:
        """Seconds since the shown frame was decoded (None before the first)."""
        return time.time() - self.frame.timestamp if self.frame else None
