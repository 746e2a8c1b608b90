"""Benchmark: 1,000 patrol units moving at 1 Hz through the real broker onto the live map.

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu" \\
        .venv/bin/python bench/map_units.py [--units 1000] [--seconds 15] [--broker 127.0.0.1:1883]

Phases, in one run, on the same page and the same message stream:
  idle      the page loaded, no messages (the floor for GUI stalls and CPU);
  naive     fixes from the feed, one ``runJavaScript`` call per fix (the obvious way);
  batched   fixes from the feed, coalesced per unit and sent as one JSON batch per 250 ms tick
            (what MapPage does).
Measured: fixes applied in the page per second, end-to-end latency (publish → marker moved,
taken when the page's callback for the batch returns), the longest and 99th-percentile GUI-thread
stall (a 10 ms heartbeat timer), and CPU of the console process and of its Chromium children
(Linux /proc). Messages go through the broker and the feed's full validation; positions are not
written to the database here (that writer runs on its own thread and is measured by the tests).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from console.config import BrokerConfig
from console.feeds.gps import FixValidator, GpsFeed
from maps.geo import destination
from maps.page import PageOptions, build_page

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


class Publisher(threading.Thread):
    """Publishes every unit once a second, spread over the second in 20 slices."""

    def __init__(self, host: str, port: int, prefix: str, units: int) -> None:
        super().__init__(daemon=True)
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="")
        self.client.connect(host, port)
        self.client.loop_start()
        self.prefix = prefix
        self.units = units
        self.sent: dict[tuple[int, float], float] = {}
        self.running = threading.Event()
        self.stop_flag = threading.Event()
        self.step = 0

    def run(self) -> None:
        slices = 20
        per_slice = self.units // slices
        while not self.stop_flag.is_set():
            if not self.running.is_set():
                time.sleep(0.01)
                continue
            start = time.monotonic()
            for s in range(slices):
                for i in range(s * per_slice, (s + 1) * per_slice):
                    tst = time.time()
                    lat, lon = destination((21.0 + (i % 40) * 0.01, 105.6 + (i // 40) * 0.01), (i * 37) % 360,
                                           (self.step % 60) * 15.0)  # fmt: skip
                    body = {"_type": "location", "lat": lat, "lon": lon, "tst": tst, "vel": 54, "cog": (i * 37) % 360}
                    self.sent[(i + 1, round(tst, 6))] = time.monotonic()
                    self.client.publish(f"{self.prefix}/u{i}/d", json.dumps(body), qos=0)
                time.sleep(max(0.0, start + (s + 1) / slices - time.monotonic()))
            self.step += 1

    def close(self) -> None:
        self.stop_flag.set()
        self.join(5)
        self.client.disconnect()
        self.client.loop_stop()


def run_phase(app: QApplication, view: Any, feed: GpsFeed, pub: Publisher, mode: str, seconds: float) -> dict[str, Any]:
    from widgets.map_view import MapView

    assert isinstance(view, MapView)
    latencies: list[float] = []
    applied = [0]
    gaps: list[float] = []
    beat = QElapsedTimer()
    beat.start()

    def heartbeat() -> None:
        gaps.append(beat.restart())

    def on_applied(batch: list[dict[str, Any]]) -> None:
        now = time.monotonic()
        applied[0] += len(batch)
        for u in batch:
            t0 = pub.sent.get((u["id"], round(u["t"], 6)))
            if t0 is not None:
                latencies.append(now - t0)

    view.applied_callback = on_applied
    seq = [feed.changes_since(10**12)[0]]

    def pull() -> None:
        seq[0], fixes = feed.changes_since(seq[0])
        updates = [{"id": f.unit_id, "cs": f"U{f.unit_id}", "lat": f.lat, "lon": f.lon, "st": "available",
                    "crs": f.course_deg, "t": f.tst} for f in fixes]  # fmt: skip
        if mode == "batched":
            view.push_units(updates)
        elif mode == "naive":
            for u in updates:
                view.page.runJavaScript(f"csgt.applyUnits([{json.dumps(u)}])", 0, lambda _r, u=u: on_applied([u]))

    hb = QTimer()
    hb.setInterval(10)
    hb.timeout.connect(heartbeat)
    puller = QTimer()
    puller.setInterval(250)
    puller.timeout.connect(pull)
    if mode != "idle":
        pub.running.set()
    else:
        pub.running.clear()
    me = os.getpid()
    kids = _descendants(me)
    cpu0 = _cpu_seconds(me), sum(_cpu_seconds(k) for k in kids)
    wall0 = time.monotonic()
    accepted0 = feed.stats().accepted
    hb.start()
    puller.start()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    hb.stop()
    puller.stop()
    pub.running.clear()
    wall = time.monotonic() - wall0
    cpu1 = _cpu_seconds(me), sum(_cpu_seconds(k) for k in kids)
    # Let the last callbacks land before the next phase.
    settle = QEventLoop()
    QTimer.singleShot(1500, settle.quit)
    settle.exec()
    view.applied_callback = None
    gaps_sorted = sorted(gaps[1:]) or [0.0]
    lat_sorted = sorted(latencies) or [float("nan")]
    return {
        "mode": mode,
        "received_per_s": (feed.stats().accepted - accepted0) / wall,
        "applied_per_s": applied[0] / wall,
        "lat_p50_ms": statistics.median(lat_sorted) * 1000,
        "lat_p95_ms": lat_sorted[int(0.95 * (len(lat_sorted) - 1))] * 1000,
        "lat_max_ms": lat_sorted[-1] * 1000,
        "stall_max_ms": gaps_sorted[-1] - 10,
        "stall_p99_ms": gaps_sorted[int(0.99 * (len(gaps_sorted) - 1))] - 10,
        "cpu_console_pct": 100 * (cpu1[0] - cpu0[0]) / wall,
        "cpu_chromium_pct": 100 * (cpu1[1] - cpu0[1]) / wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--broker", default="127.0.0.1:1883")
    parser.add_argument("--rounds", type=int, default=2, help="naive/batched pairs")
    args = parser.parse_args()
    host, _, port = args.broker.partition(":")
    app = QApplication([])
    from widgets.map_view import MapView

    prefix = f"bench{os.getpid()}"
    trackers = {(f"u{i}", "d"): i + 1 for i in range(args.units)}
    feed = GpsFeed(FixValidator(trackers), topic_prefix=prefix)
    feed.connect(BrokerConfig(host=host, port=int(port or 1883)))
    if not feed.connected_event.wait(10):
        print(f"no broker at {args.broker}")
        return 2
    view = MapView()
    view.resize(1600, 900)
    view.show()
    loop = QEventLoop()
    view.ready.connect(loop.quit)
    view.load_html(build_page([], [], PageOptions(zoom=10)))
    loop.exec()
    pub = Publisher(host, int(port or 1883), prefix, args.units)
    pub.start()
    results = []
    try:
        # Warm-up: every unit gets its marker created before anything is measured.
        warm = run_phase(app, view, feed, pub, "batched", 3.0)
        print(f"warm-up: {warm['applied_per_s']:.0f} fixes/s applied")
        # Alternated and repeated: the machine is shared, so load drifts during a run.
        for mode in ("idle", *(("naive", "batched") * args.rounds)):
            results.append(run_phase(app, view, feed, pub, mode, args.seconds))
    finally:
        pub.close()
        feed.close()
    naive = [r for r in results if r["mode"] == "naive"]
    base = {k: statistics.median(r[k] for r in naive) for k in naive[0] if k != "mode"}
    print(f"\n{args.units} units at 1 Hz via MQTT {args.broker}, {args.seconds:.0f} s per phase, "
          f"{os.cpu_count()} CPU(s)\n")  # fmt: skip
    head = ("phase", "recv/s", "applied/s", "lat p50 ms", "lat p95 ms", "lat max ms", "stall max ms",
            "stall p99 ms", "CPU console %", "CPU chromium %", "CPU vs naive")  # fmt: skip
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        cpu, cpu_base = r["cpu_console_pct"] + r["cpu_chromium_pct"], base["cpu_console_pct"] + base["cpu_chromium_pct"]
        ratio = cpu / cpu_base if cpu_base else float("nan")
        print(f"| {r['mode']} | {r['received_per_s']:.0f} | {r['applied_per_s']:.0f} | {r['lat_p50_ms']:.0f} | "
              f"{r['lat_p95_ms']:.0f} | {r['lat_max_ms']:.0f} | {r['stall_max_ms']:.0f} | {r['stall_p99_ms']:.0f} | "
              f"{r['cpu_console_pct']:.0f} | {r['cpu_chromium_pct']:.0f} | {ratio:.2f}× |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
