"""The wall: a 1×1 … 4×4 grid of tiles fed from stream readers polled on one GUI timer.

Frames do not travel by signal: each tile's feed is a ring reader, and one timer (display rate)
takes the newest frame of every visible tile. A slow GUI therefore drops frames (counted per
tile) instead of queueing them, and the decoder threads never wait for the GUI.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from console.video.health import Health
from console.video.ring import Frame

from .video_tile import TileCamera, VideoTile

MAX_GRID = 4
DISPLAY_INTERVAL_MS = 20  # polls at 50 Hz so a 25 fps stream is shown frame by frame


class TileFeed(Protocol):
    def take(self) -> Frame | None: ...

    @property
    def dropped(self) -> int: ...

    @property
    def health(self) -> Health: ...


class VideoWall(QWidget):
    camera_dropped = Signal(int, int)  # tile index, camera id
    grid_changed = Signal(int)
    view_changed = Signal()  # the grid or the maximised tile changed: tiles may want another stream
    tile_focused = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = 2
        self.maximised: int | None = None
        self.focused_index = 0
        self.tiles = [VideoTile(i, self) for i in range(MAX_GRID * MAX_GRID)]
        self.feeds: list[TileFeed | None] = [None] * len(self.tiles)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        for tile in self.tiles:
            tile.double_clicked.connect(self.toggle_maximise)
            tile.camera_dropped.connect(self.camera_dropped)
            tile.focused.connect(self._on_focus)
        self._arrange()
        self.timer = QTimer(self)
        self.timer.setInterval(DISPLAY_INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def visible_tiles(self) -> list[VideoTile]:
        if self.maximised is not None:
            return [self.tiles[self.maximised]]
        return self.tiles[: self.grid * self.grid]

    def set_grid(self, grid: int) -> None:
        if grid not in range(1, MAX_GRID + 1):
            raise ValueError(f"grid must be 1..{MAX_GRID}")
        if grid == self.grid and self.maximised is None:
            return
        self.grid = grid
        self.maximised = None
        self._arrange()
        self.grid_changed.emit(grid)
        self.view_changed.emit()

    def set_feed(self, index: int, camera: TileCamera | None, feed: TileFeed | None) -> None:
        self.feeds[index] = feed
        self.tiles[index].set_camera(camera)
        self.tiles[index].set_health(feed.health if feed else None)

    def switch_feed(self, index: int, feed: TileFeed) -> None:
        """The tile's camera, another of its streams: the last picture stays until the new stream's first frame."""
        self.feeds[index] = feed
        self.tiles[index].hold_picture()
        self.tiles[index].set_health(feed.health)

    def toggle_maximise(self, index: int) -> None:
        self.maximised = None if self.maximised is not None else index
        self._arrange()
        self.view_changed.emit()

    def focus_tile(self, index: int) -> None:
        if 0 <= index < self.grid * self.grid:
            self.tiles[index].setFocus()

    def _on_focus(self, index: int) -> None:
        self.focused_index = index
        self.tile_focused.emit(index)

    def _arrange(self) -> None:
        for tile in self.tiles:
            self._layout.removeWidget(tile)
            tile.hide()
        shown = self.visible_tiles()
        side = 1 if self.maximised is not None else self.grid
        for n, tile in enumerate(shown):
            self._layout.addWidget(tile, n // side, n % side)
            tile.show()

    def poll(self) -> None:
        for tile in self.visible_tiles():
            feed = self.feeds[tile.index]
            if feed is None:
                continue
            tile.set_health(feed.health)
            frame = feed.take()
            if frame is not None:
                tile.show_frame(frame, feed.dropped)
