"""Helpers for the GPS, map and dispatch tests: patrol units, a private Mosquitto, waiting."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from console.storage.db import Database
from console.storage.models import PatrolUnit, UnitLatestPosition

SYSTEM_BROKER = ("127.0.0.1", 1883)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(condition: Callable[[], bool], timeout: float = 10.0, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@contextmanager
def private_broker(
    tmp: Path, port: int | None = None, kill: bool = False
) -> Iterator[tuple[int, Callable[[], None], Callable[[], None]]]:
    """A mosquitto of our own on a free port, with stop() and start() for restart tests.

    ``kill``: stop() sends SIGKILL, a broker that dies (OOM killer, power) and says goodbye to no one,
    instead of SIGTERM, which lets mosquitto close its connections cleanly.
    """
    exe = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
    port = port or free_port()
    conf = tmp / "mosquitto.conf"
    conf.write_text(f"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n", encoding="utf-8")
    proc: list[subprocess.Popen[bytes]] = []

    def start() -> None:
        p = subprocess.Popen([exe, "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        proc.append(p)
        assert wait_for(lambda: _accepts(port), 5), "mosquitto did not start"

    def stop() -> None:
        for p in proc:
            if p.poll() is None:
                if kill:
                    p.kill()
                else:
                    p.terminate()
                p.wait(5)

    start()
    try:
        yield port, stop, start
    finally:
        stop()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


def add_units(db: Database, specs: list[tuple[str, str, str, str]], positions: dict[str, tuple[float, float, float]]
              | None = None) -> dict[str, int]:  # fmt: skip
    """specs: (call sign, tracker team, tracker device, status); positions: call sign -> (lat, lon, age s)."""
    now = datetime.now(UTC)
    ids = {}
    with db.session() as s:
        for cs, team, device, status in specs:
            u = PatrolUnit(call_sign=cs, name=f"Tổ {cs}", tracker_team=team, tracker_device=device, status=status)
            s.add(u)
            s.flush()
            ids[cs] = u.id
            if positions and cs in positions:
                lat, lon, age = positions[cs]
                s.add(UnitLatestPosition(unit_id=u.id, fixed_at=now - timedelta(seconds=age), lat=lat, lon=lon))
    return ids
