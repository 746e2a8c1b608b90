"""Video-wall benchmark: console cost per displayed frame against bare decoding of the same streams.

    .venv/bin/python bench/video_wall.py [--seconds 8] [--tiles 1,4,9,16] [--breakdown] [--no-udp]
    .venv/bin/python bench/video_wall.py --paint-formats

A local GStreamer server (console/video/rtsp_server.py) serves the demo scenes (rendered into the
user cache on first use) as H.264, each camera with a 1280×720 main stream and a 640×360 sub-stream;
the wall plays the one its layout picks (console.services.wall.tile_url: main for 1 and 4 tiles, sub
for 9 and 16). Each measurement runs in its own process so its CPU time (user+sys of every thread,
from getrusage) is its alone:

  console-rtsp  the real wall (VideoWall, tiles painted offscreen, StreamManager, rings) over RTSP,
                decoded by the path the console picks here (FFmpeg, since Debian's libVLC has no RTSP)
  bare-cv2      cv2.VideoCapture read loops over the same RTSP mounts, frames thrown away
  console-udp   the real wall over MPEG-TS/UDP, decoded by libVLC (the path for UDP/HTTP/files)
  bare-vlc      libVLC alone with frame callbacks into one numpy buffer, same UDP streams

Printed: CPU ms per frame, frames displayed per second against the source rate, drops, GUI-thread
stalls (a 10 ms QTimer heartbeat's lateness: 99th percentile and worst), seconds from opening the
streams to the first painted frame, peak RSS, and console ÷ bare ratios. ``--breakdown`` adds the
same wall not painted (decode + conversion + rings) and painted without its text bars, so the cost
splits into stages. ``--paint-formats`` times Qt's raster engine painting a BGR888 and an RGB32
picture at the wall's tile sizes, and the BGR→BGRX conversion it would save (no streams).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FPS = 25


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# ---- measurements (each in its own process) -----------------------------------------------------


def measure_console(urls: list[str], seconds: float) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from console.video.manager import StreamManager
    from widgets.video_tile import TileCamera, VideoTile
    from widgets.video_wall import VideoWall

    app = QApplication([])
    wall = VideoWall()
    wall.set_grid(math.ceil(math.sqrt(len(urls))))
    wall.resize(1600, 900)
    if os.environ.get("BENCH_NO_TEXT"):
        # Cost breakdown only: the tiles paint their pictures (and overlays) but not their text bars.
        VideoTile._paint_text = lambda _self, _p: None  # type: ignore[method-assign,assignment]
    if not os.environ.get("BENCH_NO_PAINT"):
        wall.show()  # hidden: the same streams, rings and polling, but no painting (cost breakdown)
    manager = StreamManager()
    opened = time.monotonic()
    feeds = []
    for i, url in enumerate(urls):
        feed = manager.acquire(i + 1, url)
        feeds.append(feed)
        wall.set_feed(i, TileCamera(i + 1, f"cam {i + 1}", ""), feed)
    lateness: list[float] = []  # ms each heartbeat came late, over the measured window
    measuring = [False]
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    first_live: list[float] = []  # seconds from opening the streams to the first painted frame

    def beat() -> None:
        now = clock.elapsed()
        if measuring[0]:
            lateness.append(max(0.0, now - last[0] - 10))
        last[0] = now
        if not first_live and any(wall.tiles[i].shown for i in range(len(urls))):
            first_live.append(time.monotonic() - opened)

    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(beat)
    heartbeat.start()
    result: dict[str, Any] = {}

    def wait_live(deadline: float) -> None:
        if all(f.stream.decoded > 0 for f in feeds) or time.monotonic() > deadline:
            QTimer.singleShot(2000, start)  # settle past the connect bursts
        else:
            QTimer.singleShot(100, lambda: wait_live(deadline))

    def start() -> None:
        result["live"] = sum(1 for f in feeds if f.stream.decoded > 0)
        result["t0"], result["cpu0"] = time.monotonic(), cpu_s()
        result["shown0"] = sum(wall.tiles[i].shown for i in range(len(urls)))
        result["drop0"] = sum(f.dropped for f in feeds)
        result["dec0"] = sum(f.stream.decoded for f in feeds)
        measuring[0] = True
        QTimer.singleShot(int(seconds * 1000), stop)

    def stop() -> None:
        elapsed = time.monotonic() - result["t0"]
        result.update(
            elapsed=elapsed,
            cpu=cpu_s() - result["cpu0"],
            frames=sum(wall.tiles[i].shown for i in range(len(urls))) - result["shown0"],
            decoded=sum(f.stream.decoded for f in feeds) - result["dec0"],
            dropped=sum(f.dropped for f in feeds) - result["drop0"],
            stall_ms=max(lateness, default=0.0),
            stall_p99_ms=percentile(lateness, 99),
            first_live_s=first_live[0] if first_live else None,
            rss_mb=rss_mb(),
        )
        app.quit()

    wait_live(time.monotonic() + 25)
    app.exec()
    manager.stop_all()
    return result


def measure_cv2(urls: list[str], seconds: float) -> dict[str, Any]:
    import cv2

    counts = [0] * len(urls)
    stop = threading.Event()

    def loop(i: int, url: str) -> None:
        cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG)
        while not stop.is_set():
            ok, _ = cap.read()
            if not ok:
                break
            counts[i] += 1
        cap.release()

    threads = [threading.Thread(target=loop, args=(i, u), daemon=True) for i, u in enumerate(urls)]
    for t in threads:
        t.start()
    return _measure_counts(counts, stop, threads, seconds)


def measure_vlc(urls: list[str], seconds: float) -> dict[str, Any]:
    import ctypes

    import numpy as np

    from console.video.decoders import (
        _CleanupCb,
        _DisplayCb,
        _FormatCb,
        _LockCb,
        _set_callbacks,
        _UnlockCb,
        vlc_instance,
    )

    counts = [0] * len(urls)
    players = []
    keep: list[Any] = []
    for i, url in enumerate(urls):

        class Frames:
            def __init__(self, i: int) -> None:
                self.i = i
                self.buffer: Any = None
                self.format_cb = _FormatCb(self.fmt)
                self.cleanup_cb = _CleanupCb(lambda _o: None)
                self.lock_cb = _LockCb(self.lock)
                self.unlock_cb = _UnlockCb(lambda _o, _p, _q: None)
                self.display_cb = _DisplayCb(self.display)

            def fmt(self, _o: Any, chroma: int, w: Any, h: Any, pitches: Any, lines: Any) -> int:
                ctypes.memmove(chroma, b"RV32", 4)
                self.buffer = np.zeros((int(h[0]), int(w[0]), 4), np.uint8)
                pitches[0], lines[0] = int(w[0]) * 4, int(h[0])
                return 1

            def lock(self, _o: Any, planes: Any) -> None:
                planes[0] = self.buffer.ctypes.data

            def display(self, _o: Any, _p: Any) -> None:
                counts[self.i] += 1

        frames = Frames(i)
        player = vlc_instance().media_player_new()
        _set_callbacks(player, frames)  # type: ignore[arg-type]
        media = vlc_instance().media_new(url)
        media.add_option(":network-caching=300")
        player.set_media(media)
        player.play()
        players.append(player)
        keep.append((frames, media))
    stop = threading.Event()
    result = _measure_counts(counts, stop, [], seconds)
    for p in players:
        p.stop()
        p.release()
    return result


def _measure_counts(
    counts: list[int], stop: threading.Event, threads: list[threading.Thread], seconds: float
) -> dict[str, Any]:
    deadline = time.monotonic() + 25
    while not all(counts) and time.monotonic() < deadline:
        time.sleep(0.1)
    live = sum(1 for c in counts if c)
    time.sleep(2.0)
    t0, c0, f0 = time.monotonic(), cpu_s(), sum(counts)
    time.sleep(seconds)
    result: dict[str, Any] = {"live": live, "elapsed": time.monotonic() - t0, "cpu": cpu_s() - c0}
    result["frames"] = sum(counts) - f0
    result["decoded"], result["dropped"], result["stall_ms"], result["rss_mb"] = result["frames"], 0, None, rss_mb()
    stop.set()
    for t in threads:
        t.join(5)
    return result


def paint_formats() -> None:
    """BGR888 painted as decoded against RGB32 after the decode thread's conversion, at tile sizes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import cv2
    import numpy as np
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter

    from console.video.decoders import _one_opencv_thread

    _app = QGuiApplication([])
    _one_opencv_thread()  # as the console converts
    rng = np.random.default_rng(0)
    print("| source | tile | paint BGR888 ms | paint RGB32 ms | BGR→BGRX ms | RGB32 + conversion ms |")
    print("|---|---|---|---|---|---|")
    for sw, sh in ((1280, 720), (640, 360)):
        # Twelve frames round-robin, as many as the pools hold: pictures cold in cache, as they are live.
        bgr = [rng.integers(0, 255, (sh, sw, 3), dtype=np.uint8) for _ in range(12)]
        bgrx = [np.empty((sh, sw, 4), np.uint8) for _ in range(12)]
        start = time.perf_counter()
        for _ in range(5):
            for src, dst in zip(bgr, bgrx, strict=True):
                cv2.cvtColor(src, cv2.COLOR_BGR2BGRA, dst=dst)
        convert = (time.perf_counter() - start) / 60 * 1000
        for tw, th in ((1600, 900), (800, 450), (533, 300), (400, 225)):
            target = QImage(1600, 900, QImage.Format.Format_RGB32)
            costs = []
            for frames, fmt in ((bgr, QImage.Format.Format_BGR888), (bgrx, QImage.Format.Format_RGB32)):
                images = [QImage(f.data, sw, sh, f.strides[0], fmt) for f in frames]
                painter = QPainter(target)
                start = time.perf_counter()
                for n in range(60):
                    painter.drawImage(QRectF(0, 0, tw, th), images[n % len(images)])
                costs.append((time.perf_counter() - start) / 60 * 1000)
                painter.end()
            print(f"| {sw}x{sh} | {tw}x{th} | {costs[0]:.2f} | {costs[1]:.2f} | {convert:.2f} "
                  f"| {costs[1] + convert:.2f} |")  # fmt: skip


MEASURES = {"console": measure_console, "cv2": measure_cv2, "vlc": measure_vlc}


# ---- orchestration ------------------------------------------------------------------------------


def run_child(
    kind: str, urls: list[str], seconds: float, decoder: str | None, extra: dict[str, str] | None = None
) -> dict[str, Any]:
    # Same RTSP transport (TCP) for the console and the bare baseline, so only the console differs.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPENCV_FFMPEG_CAPTURE_OPTIONS="rtsp_transport;tcp")
    env.update(extra or {})
    if decoder:
        env["CSGT_VIDEO_DECODER"] = decoder
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--seconds", str(seconds), "--urls", json.dumps(urls)],
        capture_output=True, text=True, timeout=seconds + 90, env=env,
    )  # fmt: skip
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{kind} measurement failed: {out.stderr[-800:]}")
    return dict(json.loads(lines[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--tiles", default="1,4,9,16")
    parser.add_argument(
        "--breakdown", action="store_true", help="also run the RTSP wall without painting, and without tile text"
    )
    parser.add_argument("--no-udp", action="store_true", help="skip the libVLC/UDP rows")
    parser.add_argument("--paint-formats", action="store_true", help="time painting BGR888 against RGB32 only")
    parser.add_argument("--child")
    parser.add_argument("--urls")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(MEASURES[args.child](json.loads(args.urls), args.seconds)))
        return 0
    if args.paint_formats:
        paint_formats()
        return 0

    from console.demo.cameras import render_scenes
    from console.services.wall import StreamSource, tile_url
    from console.video.rtsp_server import ServerSpec, StreamServer, free_port, missing_packages

    if missing := missing_packages():
        print("the benchmark needs the system packages: " + " ".join(missing))
        return 2
    folders = list(render_scenes().values())
    if not folders:
        print("no demo scenes could be rendered (console.demo.scenes missing?)")
        return 2
    tiles = [int(t) for t in args.tiles.split(",")]
    spec = ServerSpec()
    for i, folder in enumerate(folders):
        spec.jpeg_mount(f"hd{i}", folder)
        spec.jpeg_mount(f"sd{i}", folder, width=640, height=360)
    udp_ports = {n: [free_port(kind=2) for _ in range(n)] for n in tiles}
    rows = []
    with StreamServer(spec) as server:
        for n in tiles:
            grid = math.ceil(math.sqrt(n))
            # Each camera has a 720p main stream and a 640x360 sub-stream; the wall picks per layout.
            sources = [
                StreamSource(i, server.url(f"hd{i % len(folders)}"), None, sub_url=server.url(f"sd{i % len(folders)}"))
                for i in range(n)
            ]
            rtsp = [tile_url(s, grid, maximised=False) for s in sources]
            res = "1280x720" if "/hd" in rtsp[0] else "640x360"
            row: dict[str, Any] = {"tiles": n, "res": res}
            row["console-rtsp"] = run_child("console", rtsp, args.seconds, None)
            if args.breakdown:
                row["no-paint"] = run_child("console", rtsp, args.seconds, None, {"BENCH_NO_PAINT": "1"})
                row["no-text"] = run_child("console", rtsp, args.seconds, None, {"BENCH_NO_TEXT": "1"})
            row["bare-cv2"] = run_child("cv2", rtsp, args.seconds, None)
            if not args.no_udp:
                # UDP pushes start per row (each is a live encoder): one encoder fans out to n ports.
                sd = {} if res == "1280x720" else {"width": 640, "height": 360}
                udp_spec = ServerSpec(
                    udp=[{"ports": udp_ports[n][i::len(folders)], "dir": str(f), **sd}
                         for i, f in enumerate(folders) if udp_ports[n][i::len(folders)]]
                )  # fmt: skip
                udp = [f"udp://@127.0.0.1:{p}" for p in udp_ports[n]]
                with StreamServer(udp_spec):
                    row["console-udp"] = run_child("console", udp, args.seconds, "libvlc")
                    row["bare-vlc"] = run_child("vlc", udp, args.seconds, None)
            rows.append(row)
            print_row(row, header=len(rows) == 1)
    return 0


def per_frame(m: dict[str, Any]) -> float:
    return 1000 * m["cpu"] / m["frames"] if m["frames"] else float("nan")


def print_row(row: dict[str, Any], header: bool) -> None:
    if header:
        print(
            "| tiles | stream | path | live | shown fps (of source) | drops | CPU ms/frame | bare ms/frame "
            "| console ÷ bare | GUI stall p99 / max | first live tile | RSS MB |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    n, b = row["tiles"], row["bare-cv2"]
    if "no-paint" in row:
        m = row["no-paint"]
        cost = 1000 * m["cpu"] / max(m["decoded"], 1)  # nothing is painted: per decoded frame
        print(f"| {n} | {row['res']} | console-rtsp, not painted | {m['live']}/{n} | {m['decoded'] / m['elapsed']:.0f} "
              f"(decoded) | – | {cost:.2f} | {per_frame(b):.2f} | {cost / per_frame(b):.2f}× | – | – "
              f"| {m['rss_mb']:.0f} |")  # fmt: skip
    paths = [("console-rtsp, no tile text", "no-text", "bare-cv2"), ("console-rtsp", "console-rtsp", "bare-cv2"),
             ("console-udp", "console-udp", "bare-vlc")]  # fmt: skip
    for label, path, bare in paths:
        if path not in row:
            continue
        m, b = row[path], row[bare]
        shown = m["frames"] / m["elapsed"]
        ratio = per_frame(m) / per_frame(b)
        first = f"{m['first_live_s']:.2f} s" if m.get("first_live_s") is not None else "–"
        print(
            f"| {n} | {row['res']} | {label} vs {bare} | {m['live']}/{n} | {shown:.0f} ({n * FPS}) | {m['dropped']} "
            f"| {per_frame(m):.2f} | {per_frame(b):.2f} ({b['frames'] / b['elapsed']:.0f} fps) | {ratio:.2f}× "
            f"| {m['stall_p99_ms']:.0f} / {m['stall_ms']:.0f} ms | {first} | {m['rss_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    sys.exit(main())
