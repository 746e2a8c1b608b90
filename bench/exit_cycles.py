"""Clean-exit stress: the demo console started and stopped N times in a row with the CPU loaded.

    .venv/bin/python bench/exit_cycles.py [--cycles 20] [--busy 2] [--exit-after 1]

Each cycle is the real console (`main.py --demo --page wall --exit-after S`, offscreen) on one
SQLite database kept across cycles, as an operator restarting the console would, while `--busy`
processes spin on the CPU: an abort at exit ("terminate called without an active exception",
exit -6) showed up only under load. (The background scene render whose thread caused it runs in
interactive demo runs only; tests/test_demo_cameras.py stops it mid-frame and checks the exit.)

Printed per series: cycles, exit 0, aborts (negative exit), other exits, shutdowns that named a
daemon thread still running, and wall time per cycle p50/p95/max.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _busy(n: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]


def _series(cycles: int, exit_after: float, work: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu",
        "TCC_LOGGING__DIR": str(work / "logs"),
    }
    codes: list[int] = []
    stragglers = 0
    times: list[float] = []
    for i in range(cycles):
        cmd = [sys.executable, str(ROOT / "main.py"), "--demo", "--db", f"sqlite:///{work / 'demo.db'}",
               "--page", "wall", "--exit-after", str(exit_after)]  # fmt: skip
        started = time.monotonic()
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
        times.append(time.monotonic() - started)
        codes.append(result.returncode)
        stragglers += "still running" in result.stderr
        if result.returncode != 0 or "still running" in result.stderr:
            # The temporary folder goes away: what the failing cycle said goes to stderr now.
            print(f"cycle {i}: exit {result.returncode}\n{result.stderr[-3000:]}", file=sys.stderr)
    times.sort()
    return {
        "cycles": cycles,
        "exit 0": sum(c == 0 for c in codes),
        "aborts": sum(c < 0 for c in codes),
        "other": sum(c > 0 for c in codes),
        "stragglers": stragglers,
        "p50 s": statistics.median(times),
        "p95 s": times[min(len(times) - 1, int(0.95 * len(times)))],
        "max s": times[-1],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cycles", type=int, default=20)
    ap.add_argument("--busy", type=int, default=2, help="CPU-spinning processes alongside (default: 2)")
    ap.add_argument("--exit-after", type=float, default=1.0)
    args = ap.parse_args()
    busy = _busy(args.busy)
    rows = []
    try:
        with tempfile.TemporaryDirectory(prefix="exit-cycles-") as tmp:
            rows.append(("demo console, wall page", _series(args.cycles, args.exit_after, Path(tmp))))
    finally:
        for p in busy:
            p.kill()
    print(f"clean exit, {args.cycles} cycles per series, {args.busy} busy processes, exit after {args.exit_after:g} s")
    head = ("series", "exit 0", "aborts", "other", "strag.", "p50 s", "p95 s", "max s")
    print(f"{head[0]:25} " + " ".join(f"{h:>7}" for h in head[1:]))
    for label, r in rows:
        counts = " ".join(f"{r[k]:>7}" for k in ("exit 0", "aborts", "other", "stragglers"))
        print(f"{label:25} {counts} " + " ".join(f"{r[k]:>7.1f}" for k in ("p50 s", "p95 s", "max s")))
    return 0 if all(r["exit 0"] == r["cycles"] and not r["stragglers"] for _, r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
