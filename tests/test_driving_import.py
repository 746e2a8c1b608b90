"""``driving import FILE.csv`` on SQLite and PostgreSQL: good files stored, bad files leave nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.cli import main
from console.storage.db import Database
from console.storage.models import Alert, CommercialDriver, CommercialVehicle, DrivingClock, DrivingPeriod

HEADER = "plate,driver_licence,driver_name,company,time,lat,lon,speed_kmh\n"


def export(path: Path, minutes: int, start: str = "2026-12-01T05:00:00") -> Path:
    t0 = datetime.fromisoformat(start)
    lines = [
        f"51B-123.45,790123456789,Nguyễn Văn An,Cty Phương Nam,{(t0 + timedelta(seconds=30 * i)).isoformat()},"
        f"{10.8 + i * 0.001:.5f},106.7,{60 if i < minutes * 2 else 0}\n"
        for i in range(minutes * 2 + 40)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def counts(db: Database) -> tuple[int, ...]:
    with db.sessions() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (CommercialDriver, CommercialVehicle, DrivingClock, DrivingPeriod, Alert)
        )


def test_a_good_file_is_stored_once(database: Database, db_url: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    path = export(tmp_path / "export.csv", minutes=4 * 60 + 10)
    assert main(["driving", "import", str(path), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "540 rows, 540 applied, 0 already known; 1 new drivers, 1 new vehicles, 2 alerts" in out
    with database.sessions() as s:
        clock = s.scalars(select(DrivingClock)).one()
        assert clock.level == "ok"  # the 20 min stop at the end of the file is rest
        assert [p for (p,) in s.execute(select(DrivingPeriod.kind).order_by(DrivingPeriod.started_at))] == [
            "driving", "rest"]  # fmt: skip
        assert s.scalars(select(CommercialVehicle.plate)).one() == "51B12345"
    before = counts(database)
    assert main(["driving", "import", str(path), "--db", db_url]) == 0
    assert "0 applied, 540 already known" in capsys.readouterr().out
    assert counts(database) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("plate,time\n51B12345,2026-12-01T05:00:00\n", "missing column(s) driver_licence"),
        (HEADER + "51B12345,79,An,C,yesterday,10.8,106.7,60\n", "line 2: time 'yesterday' is not ISO 8601"),
        (HEADER + "51B12345,79,An,C,2026-12-01T05:00:00,10.8,106.7,60\n51B12345,79,An,C,2026-12-01T05:00:30,"
         "95,106.7,60\n", "line 3: position 95.0, 106.7 is not on Earth"),
        (HEADER, "no rows"),
    ],
)  # fmt: skip
def test_a_bad_file_stores_nothing_and_says_why(database: Database, db_url: str, tmp_path: Path, text: str,
                                                message: str, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    good = export(tmp_path / "good.csv", minutes=30)
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    assert main(["driving", "import", str(bad), "--db", db_url]) == 2
    assert message in capsys.readouterr().err
    assert counts(database) == (0, 0, 0, 0, 0)
    assert main(["driving", "import", str(good), str(bad), "--db", db_url]) == 2  # the good file still goes in
    assert counts(database)[:2] == (1, 1)


def test_a_binary_file_is_refused(database: Database, db_url: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    bad = tmp_path / "export.csv"
    bad.write_bytes(b"\xff\xfe\x00garbage\x00" * 50)
    assert main(["driving", "import", str(bad), "--db", db_url]) == 2
    assert "not UTF-8 text" in capsys.readouterr().err
    assert counts(database) == (0, 0, 0, 0, 0)
