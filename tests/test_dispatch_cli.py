"""``incident create|list|suggest`` and ``gps simulate`` on the command line, as a program (no Qt)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gps_setup import add_units

from console.storage.db import Database

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, db: Database, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TCC_")}
    env["TCC_LOGGING__DIR"] = str(tmp_path / "logs")
    url = db.engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "main.py", *args, "--db", url],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip


def test_create_list_and_suggest(tmp_path: Path, sqlite_database: Database) -> None:
    add_units(sqlite_database, [("PV-01", "ct6", "pv01", "available"), ("PV-02", "ct6", "pv02", "on_scene")],
              {"PV-01": (20.95, 105.85, 5), "PV-02": (20.94, 105.85, 5)})  # fmt: skip
    made = _run(tmp_path, sqlite_database, "incident", "create", "--kind", "crash", "--priority", "1",
                "--lat", "20.9362", "--lon", "105.8546", "--place", "Km 186 Pháp Vân – Cầu Giẽ")  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "1" and "PySide6" not in made.stderr
    listed = _run(tmp_path, sqlite_database, "incident", "list")
    assert listed.stdout.splitlines() == ["1\tnew\tP1\tcrash\t20.93620,105.85460\tKm 186 Pháp Vân – Cầu Giẽ"]
    suggested = _run(tmp_path, sqlite_database, "incident", "suggest", "1")
    # No cameras, so no route lines: city speed (25 km/h × detour 1.3) → 5 min for 1.6 km.
    assert suggested.stdout.splitlines() == ["PV-01\t1.6 km\t5 min"]


def test_bad_input_is_refused_with_a_message(tmp_path: Path, sqlite_database: Database) -> None:
    bad = _run(tmp_path, sqlite_database, "incident", "create", "--kind", "crash", "--lat", "91", "--lon", "105")
    assert bad.returncode == 2 and "not a valid latitude" in bad.stderr
    missing = _run(tmp_path, sqlite_database, "incident", "suggest", "42")
    assert missing.returncode == 2 and "incident 42 does not exist" in missing.stderr
    nobroker = _run(tmp_path, sqlite_database, "gps", "simulate", "--seconds", "1")
    assert nobroker.returncode == 2 and "[broker] host is not configured" in nobroker.stderr
    assert _run(tmp_path, sqlite_database, "incident", "list").stdout == ""
