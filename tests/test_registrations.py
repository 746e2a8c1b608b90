"""Registration CSV import (service on both backends, command line end to end) and fines publish."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from review_setup import hit, make_world
from sqlalchemy import func, select

from console.services.context import SYSTEM
from console.services.registrations import RegistrationImportError, RegistrationService
from console.storage.db import Database
from console.storage.models import AuditEntry, Fine, VehicleRegistration
from console.storage.models.base import utcnow

ROOT = Path(__file__).resolve().parent.parent
HEADER = "plate,plate_colour,vehicle_class,owner_name,owner_address,owner_phone,registered_on\n"
GOOD = HEADER + (
    '30A-111.22,white,car,Nguyễn Văn An,"Số 1, Hà Nội",0912345678,2021-05-01\n'
    "29 b1 12345,white,motorbike,Trần Thị Bình,,,\n"
    "51D20863,yellow,truck,Công ty Vận tải Nam,,,2019-01-31\n"
)
BAD = HEADER + (
    "30A-111.22,white,car,Nguyễn Văn An,,,\n"
    "00Q-1,white,car,X,,,\n"  # line 3: no such plate
    "30A-222.33,green,car,Y,,,\n"  # line 4: colour
    "30A-333.44,white,tractor,,,,31/12/2020\n"  # line 5: class, owner, date
    "30a111.22,white,car,Again,,,\n"  # line 6: same plate as line 2
)


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(VehicleRegistration)) or 0)


def test_import_normalises_plates_and_updates_existing(database: Database) -> None:
    service = RegistrationService(database, make_world(database, Path("/nonexistent")).audit)
    before = _count(database)
    result = service.import_text(SYSTEM, GOOD)
    # 29-B1 123.45 and the yellow 51D-208.63 are registered already: updated, not doubled.
    assert (result.added, result.updated) == (1, 2)
    assert _count(database) == before + 1
    with database.session() as s:
        plates = set(s.scalars(select(VehicleRegistration.plate)))
        truck = s.scalar(select(VehicleRegistration).where(VehicleRegistration.plate == "51D-208.63"))
        assert truck is not None and truck.owner_name == "Công ty Vận tải Nam"
    assert {"30A-111.22", "29-B1 123.45"} <= plates


def test_bad_rows_are_reported_by_line_and_nothing_is_stored(database: Database) -> None:
    service = RegistrationService(database, make_world(database, Path("/nonexistent")).audit)
    before = _count(database)
    with pytest.raises(RegistrationImportError) as caught:
        service.import_text(SYSTEM, BAD)
    problems = caught.value.problems
    assert any(p.startswith("line 3:") and "not a valid Vietnamese plate" in p for p in problems)
    assert any(p.startswith("line 4:") and "plate_colour 'green'" in p for p in problems)
    assert sum(p.startswith("line 5:") for p in problems) == 3  # class, owner, date
    assert any(p.startswith("line 6:") and "already given on line 2" in p for p in problems)
    assert not any(p.startswith("line 2:") for p in problems)
    assert _count(database) == before
    with database.session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "registrations.import")) == 0


def test_unknown_or_missing_columns_refuse_the_file(sqlite_database: Database) -> None:
    service = RegistrationService(sqlite_database, make_world(sqlite_database, Path("/x")).audit)
    with pytest.raises(RegistrationImportError, match=r"missing column\(s\): owner_name.*unknown column\(s\): ower"):
        service.import_text(SYSTEM, "plate,plate_colour,vehicle_class,ower_name\n30A-111.22,white,car,A\n")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def test_command_line_import_exit_status_and_all_or_nothing(sqlite_database: Database, tmp_path: Path) -> None:
    url = str(sqlite_database.engine.url)
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    run = _cli("registrations", "import", str(bad), "--db", url)
    assert run.returncode == 2
    assert run.stderr.startswith("error:") and "line 3:" in run.stderr and "nothing was imported" in run.stderr
    assert _count(sqlite_database) == 0
    good = tmp_path / "good.csv"
    good.write_text("\ufeff" + GOOD, encoding="utf-8")  # as a spreadsheet saves it, with a BOM
    run = _cli("registrations", "import", str(good), "--db", url)
    assert run.returncode == 0, run.stderr
    assert "3 registration(s) added, 0 updated" in run.stdout
    assert _count(sqlite_database) == 3


def test_command_line_publish_writes_json_and_csv(sqlite_database: Database, tmp_path: Path) -> None:
    world = make_world(sqlite_database, tmp_path / "ev")
    # Detected 25 days ago, confirmed, never resolved: due for publication.
    old = hit(world.city, "speed", speed_kmh=68, limit_kmh=60)
    old = type(old)(**{**old.__dict__, "detected_at": utcnow() - timedelta(days=25)})
    cid, _recent = world.review.add_candidates(world.op1, [old, hit(world.city, plate="30A-999.88")])
    claimed = world.review.claim(world.op1, cid)
    world.review.confirm(world.op1, cid, claimed.version)
    url = str(sqlite_database.engine.url)
    run = _cli("fines", "publish", "--out", str(tmp_path / "pub.json"), "--db", url)
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "pub.json").read_text(encoding="utf-8"))
    assert doc["count"] == 1
    item = doc["items"][0]
    assert (item["plate"], item["vehicle_type"], item["plate_colour"]) == ("30A-123.45", "car", "white")
    assert item["violation"].startswith("Chạy quá tốc độ") and item["place"].startswith("Ngã tư Sở")
    assert set(item) >= {"time", "detecting_unit", "resolving_unit", "phone"}
    with sqlite_database.session() as s:
        assert s.scalar(select(Fine.status)) == "published"
    run = _cli("fines", "publish", "--out", str(tmp_path / "pub.csv"), "--db", url)
    assert run.returncode == 0, run.stderr
    with (tmp_path / "pub.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["plate"] for r in rows] == ["30A-123.45"]  # still listed until resolved
    run = _cli("fines", "publish", "--out", str(tmp_path / "pub.txt"), "--db", url)
    assert run.returncode == 2 and ".json or .csv" in run.stderr
