"""Camera sources killed and restarted: every restart recovers by itself, quickly, and the GUI never waits.

Injected, ``times`` times per transport, with seeded outage lengths: the source is killed (SIGKILL, as a
camera losing power) and a new one started on the same port (or the same path):

- ``rtsp-tcp``: the project's GStreamer RTSP server (H.264), read by FFmpeg over RTSP/TCP, the console's
  default for every RTSP camera;
- ``rtsp-udp``: the same server with RTP over UDP, through the capture-options variable decoders.py
  leaves to a site (``OPENCV_FFMPEG_CAPTURE_OPTIONS=rtsp_transport;udp``);
- ``udp``: the GStreamer MPEG-TS/UDP sender (encoders that push), read by libVLC: nothing tells the
  receiver that the sender died, only the stream's watchdog (no new frame / the same picture);
- ``http``: an HTTP MJPEG camera (``tests/video_servers.py: MjpegServer``), read by libVLC;
- ``file``: a looping clip read by libVLC, cut to nothing in place and removed (what ``cp`` over it, or
  a recorder rewriting it, does to a file a player holds open), then put back as a new complete file
  renamed into place (as the demo writes its clips). Removing alone is no fault on Linux: the open
  file plays on without a single missed frame, so there is nothing to recover from.

Proven, per transport, with the real ``CameraStream`` (the video tests' FAST timing and quick back-off,
seeded) feeding the real wall (``VideoWall`` and its tile, polled on its own GUI timer, painted
offscreen):

- every restart is recovered: frames from the new source reach the tile and keep coming;
- time from the source being back (listening, sending, or the file in place) to the first new frame
  shown by the tile: p50/p95/max, target ≤ 5 s (with the production back-off, 1 s doubling to 30 s,
  the wait after a long outage is up to the back-off's cap on top);
- the outage is reported: the stream leaves LIVE with a reason before the source is back; for the UDP
  transports that reason is the freeze (stream lost / picture frozen), counted as freezes detected;
- the GUI thread is never blocked: the worst lateness of a 10 ms heartbeat timer on the GUI thread (the
  measure of bench/video_wall.py) over the whole run. The CI test allows 100 ms on a shared 2-core
  machine; the 50 ms target is judged on the full run's figure.

``lost`` counts restarts not recovered: frames are not records (a frame not shown during an outage is
no data lost), so nothing else is counted there; ``duplicated`` is 0 by construction (no records).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np
import pytest
from fault_kit import FaultRow, percentile
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from video_servers import FAST, MjpegServer, quick_backoff, require_gstreamer

from console.video.health import Health, Problem, State
from console.video.manager import Feed, StreamKey
from console.video.rtsp_server import ServerSpec, StreamServer, free_port, missing_packages
from console.video.stream import CameraStream
from widgets.video_tile import TileCamera
from widgets.video_wall import VideoWall

SEED = 20261212
TRANSPORTS = ("rtsp-tcp", "rtsp-udp", "udp", "http", "file")
UDP_KINDS = frozenset({"rtsp-udp", "udp"})
CI_RESTARTS = 3
TARGET_S = 5.0
HEARTBEAT_MS = 10
STALL_NOTE_MS = 50.0
RECOVER_TIMEOUT_S = 20.0  # far above the target: a slow recovery is measured, not cut off
SUSTAIN_FRAMES = 10  # recovered means frames keep coming, not one picture and a stall
# Connection-oriented sources are noticed at once, so short outages (a restart landing inside a back-off
# wait) are worth injecting. A receiver that is only sent to (UDP) or reads a file learns of an outage
# from the watchdog alone, after FAST.stall_after (1.5 s): shorter gaps are ridden over, not restarts.
OUTAGE_S = {"rtsp-tcp": (0.5, 4.0), "http": (0.5, 4.0), "rtsp-udp": (2.0, 4.0), "udp": (2.0, 4.0), "file": (2.0, 4.0)}
FREEZE = frozenset({Problem.LOST, Problem.FROZEN})
T = TypeVar("T")


def transports() -> list[str]:
    return list(TRANSPORTS)


# ---- the sources ----------------------------------------------------------------------------------


class Source(Protocol):
    url: str

    def start(self) -> None:
        """Bring the source up; returns once it accepts connections (or sends, or the file is in place)."""

    def kill(self) -> None: ...

    def close(self) -> None: ...


def _sigkill(proc_owner: StreamServer) -> None:
    # StreamServer only stops politely (SIGTERM); a camera losing power gets no chance to say goodbye.
    proc = proc_owner._proc
    if proc is not None and proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    proc_owner.stop()  # reaps and closes the pipe; nothing left to signal


class GstSource:
    """The project's GStreamer server: an RTSP mount, or an MPEG-TS/UDP push to a fixed port."""

    def __init__(self, backend: str) -> None:
        if backend == "udp":
            port = free_port(socket.SOCK_DGRAM)
            self.spec = ServerSpec(udp=[{"ports": [port], "width": 320, "height": 240}])
            self.url = f"udp://@127.0.0.1:{port}"
        else:
            self.spec = ServerSpec(port=free_port()).test_mount("cam", width=320, height=240)
            self.url = f"rtsp://127.0.0.1:{self.spec.port}/cam"
        self.server: StreamServer | None = None

    def start(self) -> None:
        self.server = StreamServer(self.spec).start()  # returns at READY: listening (RTSP) or sending (UDP)

    def kill(self) -> None:
        if self.server is not None:
            _sigkill(self.server)
            self.server = None

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


class HttpSource:
    def __init__(self, work: Path) -> None:
        import cv2  # here, not at the top: decoders.py quiets OpenCV's log first, as in the console

        frames = work / "mjpeg"
        frames.mkdir(parents=True, exist_ok=True)
        for n, picture in enumerate(_pictures(50)):
            cv2.imwrite(str(frames / f"frame_{n:03d}.jpg"), picture)
        self.server = MjpegServer(frames)
        self.url = self.server.url()

    def start(self) -> None:
        self.server.start()

    def kill(self) -> None:
        pid = self.server.pid
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
        self.server.stop()  # reaps the killed process

    def close(self) -> None:
        self.server.stop()


class FileSource:
    def __init__(self, work: Path) -> None:
        import cv2

        self.master = work / "master.mp4"
        self.path = work / "camera.mp4"
        # 10 s of noisy picture, several MB: far more than libVLC reads ahead, so cutting the file is
        # felt within a second, as with a real recording (a small clip is played from memory for ever).
        writer = cv2.VideoWriter(str(self.master), cv2.VideoWriter.fourcc(*"mp4v"), 25, (320, 240))
        try:
            for picture in _pictures(250, noise=True):
                writer.write(picture)
        finally:
            writer.release()
        self.url = self.path.as_uri()

    def start(self) -> None:
        staged = self.path.with_suffix(".tmp")
        shutil.copyfile(self.master, staged)
        os.replace(staged, self.path)  # in place whole or not at all, as the demo writes clip.mp4

    def kill(self) -> None:
        os.truncate(self.path, 0)
        self.path.unlink()

    def close(self) -> None:
        self.path.unlink(missing_ok=True)


def _pictures(count: int, noise: bool = False) -> Iterator[np.ndarray]:
    # A bar crossing the picture: every frame differs, so the watchdog's "frozen" never fires on it.
    import cv2

    rng = np.random.default_rng(SEED)
    for n in range(count):
        picture = rng.integers(0, 90 if noise else 20, (240, 320, 3), dtype=np.uint8)
        x = (n * 6) % 290
        cv2.rectangle(picture, (x, 70), (x + 30, 170), (0, 200, 255), -1)
        yield picture


def _source(backend: str, work: Path) -> Source:
    if backend in ("rtsp-tcp", "rtsp-udp", "udp"):
        missing = missing_packages()
        if missing:
            raise RuntimeError("the local stream server needs: " + " ".join(missing))
        return GstSource(backend)
    if backend == "http":
        return HttpSource(work)
    if backend == "file":
        return FileSource(work)
    raise ValueError(f"transport is one of {', '.join(TRANSPORTS)}, not {backend!r}")


@contextmanager
def _transport(backend: str) -> Iterator[None]:
    # FFmpeg reads this at every open; set only for the run and put back, so other streams keep TCP.
    if backend != "rtsp-udp":
        yield
        return
    key = "OPENCV_FFMPEG_CAPTURE_OPTIONS"
    before = os.environ.get(key)
    os.environ[key] = "rtsp_transport;udp"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = before


# ---- one run ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restart:
    outage_s: float
    reported: bool  # the stream left LIVE with a reason while the source was down
    froze: bool  # ... and the reason was a freeze (stream lost / picture frozen)
    first_frame_s: float | None  # source back → first new frame shown by the tile; None: never
    recovered: bool


@dataclass
class Restarts:
    backend: str
    restarts: list[Restart] = field(default_factory=list)
    stall_ms: float = 0.0  # worst lateness of the GUI heartbeat
    # Heartbeats later than STALL_NOTE_MS, with what the driver was doing then: a stall that follows
    # the driver's own process start is the test's doing, one in any phase is the machine's load.
    stalls: list[tuple[float, str]] = field(default_factory=list)
    phase: str = "live"
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and at the end
    problems: dict[str, int] = field(default_factory=dict)  # reasons reported during outages
    seconds: float = 0.0

    @property
    def recovered(self) -> int:
        return sum(r.recovered for r in self.restarts)

    @property
    def times(self) -> list[float]:
        return [r.first_frame_s for r in self.restarts if r.first_frame_s is not None]

    def row(self) -> FaultRow:
        n = len(self.restarts)
        reasons = ", ".join(f"{k} ×{v}" for k, v in sorted(self.problems.items()))
        if self.backend in UDP_KINDS:
            seen = f"UDP freezes detected {sum(r.froze for r in self.restarts)}/{n}"
        else:
            seen = f"outage reported {sum(r.reported for r in self.restarts)}/{n}"
        lo, hi = OUTAGE_S[self.backend]
        times = self.times
        worst = (
            f"p50 {percentile(times, 50):.2f} s, p95 {percentile(times, 95):.2f} s, max {max(times, default=0):.2f} s"
        )
        if not times:
            worst = "no restart recovered"
        elif len(times) < n:  # percentiles of the recovered only: say what they leave out
            worst += f"; {n - len(times)} without a frame within {RECOVER_TIMEOUT_S:g} s"
        return FaultRow(
            injected=f"camera source killed and restarted ({self.backend}, outages {lo:g}–{hi:g} s)",
            times=n,
            recovered=f"{self.recovered}/{n}, {seen} ({reasons}), GUI stall max {self.stall_ms:.0f} ms",
            lost=n - self.recovered,
            duplicated=0,
            worst=worst,
        )


def measure(times: int, work: Path, backend: str) -> Restarts:
    """Kill and restart the source ``times`` times under a live wall tile; every figure of the row."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    rng = random.Random(f"{SEED}-{backend}")
    outages = [rng.uniform(*OUTAGE_S[backend]) for _ in range(times)]
    result = Restarts(backend)
    load = os.getloadavg()[0]
    started = time.monotonic()
    with _transport(backend):
        source = _source(backend, work)
        source.start()
        health: list[Health] = []  # every change the stream reports, from its own thread
        stream = CameraStream(source.url, timing=FAST, backoff=quick_backoff(SEED), on_health=health.append)
        wall = VideoWall()
        wall.set_grid(1)
        wall.resize(640, 480)
        wall.show()
        tile = wall.tiles[0]
        shown: list[tuple[float, int]] = []  # (monotonic, frame index) of each frame the tile took

        def took() -> None:
            # Connected after the wall's own poll, so it runs right after the tile took its frame.
            frame = tile.frame
            if frame is not None and (not shown or shown[-1][1] != frame.index):
                shown.append((time.monotonic(), frame.index))

        wall.timer.timeout.connect(took)
        wall.set_feed(0, TileCamera(1, f"restart {backend}", "local"), Feed(StreamKey(1, source.url), stream))
        clock = QElapsedTimer()
        last = [0]

        def beat() -> None:
            now = clock.elapsed()
            late = float(now - last[0] - HEARTBEAT_MS)
            result.stall_ms = max(result.stall_ms, late)
            if late > STALL_NOTE_MS:
                result.stalls.append((late, result.phase))
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(HEARTBEAT_MS)
        heartbeat.timeout.connect(beat)
        done = threading.Event()
        failure: list[BaseException] = []

        def drive() -> None:
            try:
                _restarts(source, stream, health, shown, outages, result)
            except BaseException as exc:  # handed to the GUI thread, which raises it
                failure.append(exc)
            finally:
                done.set()

        loop = QEventLoop()
        watch = QTimer()
        watch.setInterval(50)
        watch.timeout.connect(lambda: loop.quit() if done.is_set() else None)
        stream.start()
        try:
            # The first picture is not part of the fault; the heartbeat starts once the tile is live.
            if not _wait_gui(lambda: len(shown) > SUSTAIN_FRAMES, 20.0):
                raise AssertionError(f"{backend}: never live before any fault: {stream.health}")
            clock.start()
            heartbeat.start()
            watch.start()
            driver = threading.Thread(target=drive, name="camera restarts", daemon=True)
            driver.start()
            loop.exec()
            driver.join()
        finally:
            heartbeat.stop()
            watch.stop()
            wall.timer.stop()
            stream.stop()
            source.close()
            wall.close()
            wall.deleteLater()
            app.processEvents()
    if failure:
        raise failure[0]
    result.seconds = time.monotonic() - started
    result.load = (load, os.getloadavg()[0])
    return result


def scenario(times: int, work: Path, backend: str) -> FaultRow:
    """The fault-table row for one transport (``backend`` is the transport: see ``transports()``)."""
    return measure(times, work, backend).row()


def _restarts(
    source: Source,
    stream: CameraStream,
    health: list[Health],
    shown: list[tuple[float, int]],
    outages: list[float],
    result: Restarts,
) -> None:
    """The driver thread: it only kills, starts and watches; the GUI thread goes on painting meanwhile."""
    for outage in outages:
        mark = len(health)
        result.phase = "kill"
        source.kill()
        result.phase = "outage"
        time.sleep(outage)
        result.phase = "start"
        source.start()
        back = time.monotonic()
        result.phase = "reconnect"
        seen = len(shown)  # taken first: a frame the tile takes between these two lines is not missed
        pushed = stream.ring.pushed  # anything decoded from here on came from the new source
        during = [h for h in health[mark:] if h.state != State.LIVE]
        for h in during:
            if h.problem is not None:
                result.problems[h.problem.value] = result.problems.get(h.problem.value, 0) + 1
        first = _wait(_first_shown_after(shown, pushed, seen), RECOVER_TIMEOUT_S)
        recovered = False
        if first is not None:
            result.phase = "live"
            recovered = _wait(_shown_more(shown, SUSTAIN_FRAMES), 5.0) is not None
        result.restarts.append(
            Restart(
                outage_s=outage,
                reported=any(h.problem is not None for h in during),
                froze=any(h.state == State.RECONNECTING and h.problem in FREEZE for h in during),
                first_frame_s=None if first is None else first - back,
                recovered=recovered and stream.health.state == State.LIVE,
            )
        )


def _first_shown_after(shown: list[tuple[float, int]], index: int, seen: int) -> Callable[[], float | None]:
    """When the tile first took a frame newer than ``index``; scans only what was added since last asked."""
    start = [seen]

    def probe() -> float | None:
        end = len(shown)
        found = next((t for t, i in shown[start[0] : end] if i > index), None)
        start[0] = end
        return found

    return probe


def _shown_more(shown: list[tuple[float, int]], count: int) -> Callable[[], bool | None]:
    target = len(shown) + count
    return lambda: True if len(shown) >= target else None


def _wait(probe: Callable[[], T | None], timeout: float) -> T | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (value := probe()) is not None:
            return value
        time.sleep(0.01)
    return probe()


def _wait_gui(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if predicate():
            return True
        time.sleep(0.005)
    return predicate()


# ---- CI -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", TRANSPORTS)
def test_camera_source_killed_and_restarted_recovers_every_time(backend: str, tmp_path: Path) -> None:
    if backend in ("rtsp-tcp", "rtsp-udp", "udp"):
        require_gstreamer()
    result = measure(CI_RESTARTS, tmp_path, backend)
    row = result.row()
    speed = f"p95 {percentile(result.times, 95):.2f} s (target {TARGET_S} s), GUI stall {result.stall_ms:.0f} ms"
    print(row.markdown(f"tests/faults/test_camera_restart.py ({backend})"), f"{result.seconds:.0f} s", speed)
    assert result.recovered == CI_RESTARTS and row.lost == 0, row
    assert all(r.reported for r in result.restarts), row  # every outage shown on the tile with its reason
    if backend in UDP_KINDS:
        assert all(r.froze for r in result.restarts), row
    # Recovery within RECOVER_TIMEOUT_S is the pass mark here; how fast (TARGET_S) and how smooth the GUI
    # stayed are the figures printed above and by bench/faults.py: a loaded CI machine would make them flaky.
