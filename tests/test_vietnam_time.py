"""The console shows Vietnam time on a PC whose clock zone is something else (console/app.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOW = """
from datetime import UTC, datetime
from console.app import use_vietnam_time
from console.ui.labels import local_time
use_vietnam_time()
print(local_time(datetime(2026, 12, 6, 17, 30, tzinfo=UTC)))
"""


def _shown(zone_setting: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "CSGT_TIME_ZONE")}
    env["TZ"] = "UTC"  # the PC's clock zone, as on a server image
    if zone_setting is not None:
        env["CSGT_TIME_ZONE"] = zone_setting
    out = subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_times_are_shown_in_vietnam_time_on_a_utc_pc() -> None:
    assert _shown(None) == "07/12/2026 00:30:00"  # 17:30 UTC is half past midnight the next day in Hà Nội


def test_the_pc_zone_is_kept_when_asked() -> None:
    assert _shown("local") == "06/12/2026 17:30:00"
