"""The fault-injection table: every scenario of tests/faults/ at the issue's full count.

    .venv/bin/python bench/faults.py [--only NAME ...] [--times N] [--list]

`make test` runs each scenario at a count that fits CI; this runs them at the counts the reliability
targets name (docs/reliability.md) and prints one Markdown row per scenario and backend, ready for
that table. Needs what the tests need: the PostgreSQL server (TCC_TEST_PG_URL), Mosquitto, GStreamer.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "faults")]


@dataclass(frozen=True)
class Scenario:
    name: str
    module: str  # in tests/faults/
    times: int
    backends: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)


BOTH = ("sqlite", "postgresql")
SCENARIOS = [
    Scenario("race", "test_workstation_race", 1000, BOTH),  # iterations per workstation
    Scenario("kill9-decide", "test_kill9", 200, BOTH, {"mode": "decide"}),
    Scenario("kill9-dispatch", "test_kill9", 100, BOTH, {"mode": "dispatch"}),
    Scenario("pg-restart", "test_pg_restart", 20, ("postgresql",)),  # a private cluster of its own
    Scenario("broker-restart", "test_broker_restart", 20, BOTH),
    Scenario("camera-restart", "test_camera_restart", 100, ("rtsp-tcp", "rtsp-udp", "udp", "http", "file")),
    Scenario("disk-full", "test_disk_full", 1000, BOTH),  # candidates refused; needs root to mount a tmpfs
    Scenario("bad-model", "test_bad_files", 1000, ("model",)),
    Scenario("bad-video", "test_bad_files", 1000, ("video",)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[], help="scenario names (see --list)")
    parser.add_argument("--times", type=int, help="override every scenario's count (a quick look)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    chosen = [s for s in SCENARIOS if not args.only or s.name in args.only]
    if args.list or not chosen:
        for s in SCENARIOS:
            print(f"{s.name:16} {s.times:>6,} × {', '.join(s.backends)}")
        return
    print("| injected | command | times | recovered | lost | duplicated | worst time |")
    print("|---|---|---|---|---|---|---|")
    for s in chosen:
        run = importlib.import_module(s.module).scenario
        for backend in s.backends:
            started = time.monotonic()
            with tempfile.TemporaryDirectory(prefix="faults-") as work:
                row = run(args.times or s.times, Path(work), backend, **s.options)
            print(row.markdown(f"bench/faults.py --only {s.name}"), flush=True)
            print(f"  ({s.name} on {backend}: {time.monotonic() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
