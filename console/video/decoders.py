"""The two decoder paths: libVLC (frame callbacks) and FFmpeg through OpenCV, for RTSP where libVLC lacks it.

Each ``run`` blocks the stream's own thread until the stream ends, fails, freezes or is stopped, and
returns why. Frames go to ``sink(image, layout)``. libVLC decodes on its own threads; its callbacks
only copy a picture or set a flag: libVLC is never called from inside one of its callbacks.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .health import Problem
from .ring import BufferPool, Pixels

Sink = Callable[[Pixels, str], None]
CodecSink = Callable[[str], None]
# RTSP over TCP: cameras behind NAT and lossy links stay usable, and a dead server is noticed.
os.environ.setdefault("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")  # failures are reported by the stream's health


@dataclass
class Timing:
    open_timeout: float = 6.0  # first frame must arrive within this
    stall_after: float = 3.0  # no new frame for this long: lost
    frozen_after: float = 3.0  # identical pictures for this long: frozen (UDP keeps re-delivering)


class Watchdog:
    """Judges liveness from frame arrival and picture content, the only signals a dead UDP sender leaves."""

    def __init__(self, timing: Timing) -> None:
        self.timing = timing
        self.started = time.monotonic()
        self.last_frame = 0.0
        self.last_change = 0.0
        self._signature = b""

    def feed(self, image: Pixels) -> None:
        now = time.monotonic()
        # A sparse sample is enough to tell a moving picture from a repeated one, at ~20 µs per frame.
        signature = hashlib.blake2b(np.ascontiguousarray(image[::23, ::29]).tobytes(), digest_size=8).digest()
        if signature != self._signature:
            self._signature = signature
            self.last_change = now
        self.last_frame = now

    def verdict(self) -> Problem | None:
        now = time.monotonic()
        if not self.last_frame:
            return Problem.TIMEOUT if now - self.started > self.timing.open_timeout else None
        if now - self.last_frame > self.timing.stall_after:
            return Problem.LOST
        if now - self.last_change > self.timing.frozen_after:
            return Problem.FROZEN
        return None


_opencv_pool_lock = threading.Lock()
_opencv_pool_set = False


def _one_opencv_thread() -> None:
    """OpenCV's own pool splits each conversion across the cores and spin-waits after it.

    Every camera already has a decode thread of its own, so the cores are busy with other streams:
    splitting a 720p BGR→BGRX conversion took 0.7–0.9 ms of CPU per frame for 0.34 ms of wall time,
    and 0.3 ms on one thread (measured here). FFmpeg's decoder threads are not OpenCV's and stay as
    they are. Process-wide, set once before the first stream decodes.
    """
    global _opencv_pool_set
    with _opencv_pool_lock:
        if not _opencv_pool_set:
            import cv2

            cv2.setNumThreads(1)
            _opencv_pool_set = True


def run_ffmpeg(url: str, sink: Sink, stop: threading.Event, timing: Timing, codec: CodecSink) -> Problem | None:
    import cv2

    _one_opencv_thread()
    ms = int(timing.open_timeout * 1000)
    params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(timing.stall_after * 1000)]
    cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG, params)
    try:
        if not cap.isOpened():
            return Problem.FAILED
        codec(_fourcc(cap.get(cv2.CAP_PROP_FOURCC)))
        watchdog = Watchdog(timing)
        image = None  # the BGR decode target is reused; converted frames come from the pool
        pool = BufferPool()
        while not stop.is_set():
            ok, image = cap.read(image)
            if not ok or image is None:
                return Problem.LOST if watchdog.last_frame else Problem.FAILED
            # BGRX, as libVLC delivers: Qt's raster engine paints a scaled 24-bit picture 1.6-4x slower
            # than a 32-bit one, on the GUI thread, which costs more than this conversion here
            # (docs/video.md, "Paint path").
            pixels = pool.get((image.shape[0], image.shape[1], 4))
            cv2.cvtColor(image, cv2.COLOR_BGR2BGRA, dst=pixels)
            watchdog.feed(pixels)
            sink(pixels, "BGRX")
            if (problem := watchdog.verdict()) is not None:
                return problem
        return None
    finally:
        cap.release()


def _fourcc(value: float) -> str:
    code = int(value)
    text = "".join(chr((code >> (8 * i)) & 0xFF) for i in range(4)).strip("\x00 ").lower()
    return {
        "avc1": "h264",
        "h264": "h264",
        "hev1": "hevc",
        "hvc1": "hevc",
        "hevc": "hevc",
        "mjpg": "mjpeg",
        "mp4v": "mpeg4",
    }.get(text, text)


# ---- libVLC -------------------------------------------------------------------------------------

_FormatCb = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.c_void_p,  # char[4] chroma, written in place (python-vlc's c_char_p type would copy it)
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
)
_CleanupCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_LockCb = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_UnlockCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p))
_DisplayCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)

_instance_lock = threading.Lock()
_instance: Any = None


def vlc_instance() -> Any:
    global _instance
    with _instance_lock:
        if _instance is None:
            import vlc

            _instance = vlc.Instance(["--no-audio", "--quiet", "--no-video-title-show", "--no-stats", "--no-xlib"])
        return _instance


class _VlcFrames:
    """Hands libVLC a fresh picture buffer per frame and the C callbacks that must outlive the player.

    A buffer of its own per picture (from a pool of buffers nothing references any more) means no
    copy on display (the frame in the ring owns its memory, so nothing overwrites it while a reader
    looks) and lets libVLC decode the next picture while the previous one waits for its display
    time; with one shared buffer and a copy it dropped a third of the pictures as late here.
    """

    def __init__(self, sink: Sink, watchdog: Watchdog) -> None:
        self.sink = sink
        self.watchdog = watchdog
        self.shape: tuple[int, int, int] | None = None
        self._pending: dict[int, Pixels] = {}  # picture id → buffer, from lock to display
        self.pool = BufferPool()
        self._next_id = 1
        # libVLC may hand over a size padded to whole macroblocks; the owning thread learns the
        # visible size from the player once pictures flow and the frames are cropped to it.
        self.visible: tuple[int, int] | None = None
        self.format_cb = _FormatCb(self._format)
        self.cleanup_cb = _CleanupCb(lambda _opaque: None)
        self.lock_cb = _LockCb(self._lock)
        self.unlock_cb = _UnlockCb(lambda _o, _p, _planes: None)
        self.display_cb = _DisplayCb(self._display)

    def _format(self, _opaque: Any, chroma: int, width: Any, height: Any, pitches: Any, lines: Any) -> int:
        ctypes.memmove(chroma, b"RV32", 4)
        w, h = int(width[0]), int(height[0])
        self.shape = (h, w, 4)
        pitches[0] = w * 4
        lines[0] = h
        return 1

    def _lock(self, _opaque: Any, planes: Any) -> int:
        assert self.shape is not None
        buffer = self.pool.get(self.shape)
        picture = self._next_id
        self._next_id += 1
        self._pending[picture] = buffer
        if len(self._pending) > 16:  # pictures libVLC decoded but never displayed (dropped late)
            for old in sorted(self._pending)[:-16]:
                del self._pending[old]
        planes[0] = buffer.ctypes.data
        return picture

    def _display(self, _opaque: Any, picture: Any) -> None:
        buffer = self._pending.pop(int(picture or 0), None)
        if buffer is None:
            return
        image = buffer if self.visible is None else buffer[: self.visible[1], : self.visible[0]]
        self.watchdog.feed(image)
        self.sink(image, "BGRX")


def run_vlc(url: str, sink: Sink, stop: threading.Event, timing: Timing, codec: CodecSink) -> Problem | None:
    import vlc

    instance = vlc_instance()
    media = instance.media_new(url)
    media.add_option(":network-caching=300")
    if url.lower().startswith("rtsp"):
        media.add_option(":rtsp-tcp")
    if url.lower().startswith("file:"):
        media.add_option(":input-repeat=65535")  # a file source loops like a camera that never ends
    player = instance.media_player_new()
    watchdog = Watchdog(timing)
    frames = _VlcFrames(sink, watchdog)
    _set_callbacks(player, frames)
    ended = threading.Event()
    failed = threading.Event()
    events = player.event_manager()
    # Event callbacks run on libVLC's thread: they only set flags; this thread acts on them.
    events.event_attach(vlc.EventType.MediaPlayerEndReached, lambda _e: ended.set())
    events.event_attach(vlc.EventType.MediaPlayerEncounteredError, lambda _e: failed.set())
    player.set_media(media)
    player.play()
    try:
        while not stop.wait(0.05):
            if failed.is_set():
                return Problem.FAILED if not watchdog.last_frame else Problem.LOST
            if ended.is_set():
                return Problem.ENDED if watchdog.last_frame else Problem.FAILED
            if (problem := watchdog.verdict()) is not None:
                return problem
            if frames.visible is None and watchdog.last_frame:
                width, height = player.video_get_size(0)
                if width and height:
                    frames.visible = (int(width), int(height))
                    codec(_vlc_codec(media))
        return None
    finally:
        events.event_detach(vlc.EventType.MediaPlayerEndReached)
        events.event_detach(vlc.EventType.MediaPlayerEncounteredError)
        player.stop()
        player.release()
        media.release()


def _vlc_codec(media: Any) -> str:
    import vlc

    for track in media.tracks_get() or ():
        if track.type == vlc.TrackType.video:
            return _fourcc(track.codec)
    return ""


def _set_callbacks(player: Any, frames: _VlcFrames) -> None:
    import vlc

    set_format = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _FormatCb, _CleanupCb)(
        ("libvlc_video_set_format_callbacks", vlc.dll)
    )
    set_callbacks = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _LockCb, _UnlockCb, _DisplayCb, ctypes.c_void_p)(
        ("libvlc_video_set_callbacks", vlc.dll)
    )
    pointer = player._as_parameter_  # the libvlc_media_player_t*
    set_callbacks(pointer, frames.lock_cb, frames.unlock_cb, frames.display_cb, None)
    set_format(pointer, frames.format_cb, frames.cleanup_cb)
    player._csgt_frames = frames  # the C side holds these callbacks for the player's lifetime


# ---- which path plays what ----------------------------------------------------------------------


def vlc_plugin_dirs() -> list[str]:
    """Where the loaded libVLC keeps its plugins (VLC_PLUGIN_PATH, beside libvlc, or the distro path)."""
    found = [p for p in os.environ.get("VLC_PLUGIN_PATH", "").split(os.pathsep) if p]
    library = _loaded_libvlc()
    if library:
        base = os.path.dirname(library)
        found += [os.path.join(base, "plugins"), os.path.join(base, "vlc", "plugins")]
    found += ["/usr/lib/x86_64-linux-gnu/vlc/plugins", "/usr/lib/aarch64-linux-gnu/vlc/plugins", "/usr/lib/vlc/plugins"]
    return [p for p in dict.fromkeys(found) if os.path.isdir(p)]


def _loaded_libvlc() -> str:
    try:
        import vlc
    except (ImportError, OSError):
        return ""
    name = str(getattr(vlc.dll, "_name", ""))
    if os.path.isabs(name):
        return name
    try:  # a bare soname: ask the loader where it found it
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                if "libvlc.so" in line:
                    return line.split()[-1]
    except OSError:
        pass
    return ""


def vlc_has_rtsp() -> bool:
    """True when the loaded libVLC has the live555 RTSP access (Windows/macOS builds; not Debian's)."""
    for folder in vlc_plugin_dirs():
        for _root, _dirs, files in os.walk(folder):
            if any(f.startswith("liblive555_plugin") for f in files):
                return True
    return False


_rtsp_capability: bool | None = None


def decoder_for(url: str) -> str:
    """ "libvlc" or "ffmpeg". CSGT_VIDEO_DECODER forces one path (benchmarks, troubleshooting)."""
    global _rtsp_capability
    forced = os.environ.get("CSGT_VIDEO_DECODER", "")
    if forced in ("libvlc", "ffmpeg"):
        return forced
    if not url.lower().startswith(("rtsp://", "rtsps://")):
        return "libvlc"
    if _rtsp_capability is None:
        _rtsp_capability = vlc_has_rtsp()
    return "libvlc" if _rtsp_capability else "ffmpeg"


RUNNERS = {"libvlc": run_vlc, "ffmpeg": run_ffmpeg}
