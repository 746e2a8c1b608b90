"""``patrol import`` and ``patrol report`` on the command line, as a program (no Qt)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from patrol_setup import dumps, log_doc, make_unit

from console.storage.db import Database

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, db: Database, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TCC_")}
    env["TCC_LOGGING__DIR"] = str(tmp_path / "logs")
    url = db.engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "main.py", "patrol", *args, "--db", url],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip


def test_import_valid_duplicate_and_malformed(tmp_path: Path, sqlite_database: Database) -> None:
    make_unit(sqlite_database)
    good = tmp_path / "pv01.json"
    good.write_text(dumps(log_doc()), encoding="utf-8")
    bad = tmp_path / "broken.json"
    doc = log_doc()
    doc["entries"][1]["result"] = "fined"
    bad.write_text(dumps(doc), encoding="utf-8")
    done = _run(tmp_path, sqlite_database, "import", str(good))
    assert done.returncode == 0, done.stderr
    assert "imported as patrol log #1 (6 entries)" in done.stdout
    assert "PySide6" not in done.stderr
    again = _run(tmp_path, sqlite_database, "import", str(good), str(bad))
    assert again.returncode == 2
    assert "already imported as patrol log #1; nothing changed" in again.stdout
    line = next(i for i, t in enumerate(bad.read_text().splitlines(), 1) if '"fined"' in t)
    assert again.stderr.strip() == (
        f'error: {bad}: line {line}, entries[1].result: "fined" is not one of: no_violation, warning, violation, '
        "held (nothing imported from this file)"
    )


@pytest.mark.parametrize("args", [("report", "--since", "2026-11-19", "--until", "2026-11-21")])
def test_report_csv(tmp_path: Path, sqlite_database: Database, args: tuple[str, ...]) -> None:
    make_unit(sqlite_database)
    path = tmp_path / "pv01.json"
    path.write_text(dumps(log_doc()), encoding="utf-8")
    assert _run(tmp_path, sqlite_database, "import", str(path)).returncode == 0
    done = _run(tmp_path, sqlite_database, *args)
    assert done.returncode == 0, done.stderr
    rows = [line.split(",") for line in done.stdout.splitlines()]
    assert rows[1][:4] == ["team", "shifts", "km", "vehicles_checked"]
    assert rows[2] == ["PV-01", "1", "20.0", "2", "2", "0", "25", "1", "0"]
    assert ["speed_10_20", "1"] in rows and ["alcohol_2", "1"] in rows
