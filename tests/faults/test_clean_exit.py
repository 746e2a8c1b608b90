"""The demo console exits 0 every time, with the CPU loaded (DESIGN: nothing lost at the end of a shift).

An abort after "shutdown: done" (exit -6, "terminate called without an active exception") came back
under load only: a daemon thread still inside OpenCV when the interpreter finalized. This runs the
real start/stop cycle 20 times in a row through bench/exit_cycles.py, beside a CPU-spinning process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CYCLES = 20


def test_twenty_demo_start_stop_cycles_under_load_all_exit_cleanly() -> None:
    cmd = [sys.executable, str(ROOT / "bench" / "exit_cycles.py"), "--cycles", str(CYCLES), "--busy", "1"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=CYCLES * 60)
    row = result.stdout.strip().splitlines()[-1].split()
    # series name, then: exit 0, aborts, other exits, stragglers, p50, p95, max
    exits, aborts, other, stragglers = (int(v) for v in row[-7:-3])
    assert (exits, aborts, other, stragglers) == (CYCLES, 0, 0, 0), result.stdout + result.stderr[-3000:]
    assert result.returncode == 0
