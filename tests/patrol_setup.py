"""Shared set-up for the patrol-log tests: one unit with a known GPS track, and valid log files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from console.services.context import Actor, Role
from console.storage.db import Database
from console.storage.models import Operator, PatrolUnit, UnitPosition

START = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)  # 07:00 in Vietnam
END = START + timedelta(hours=4)
# A straight run north along a meridian: 0.001° of latitude is ~111 m, so positions are easy to place.
LAT0, LON0 = 20.90, 105.88
OPERATOR = Actor("vanh", Role.OPERATOR, None)
SUPERVISOR = Actor("thuy", Role.SUPERVISOR, None)


def make_people(db: Database) -> tuple[Actor, Actor]:
    with db.session() as s:
        op = Operator(username="vanh", display_name="Vân Anh", role="operator", password_hash="x")
        sup = Operator(username="thuy", display_name="Thúy", role="supervisor", password_hash="x")
        s.add_all([op, sup])
        s.flush()
        return Actor("vanh", Role.OPERATOR, op.id), Actor("thuy", Role.SUPERVISOR, sup.id)


def make_unit(db: Database, call_sign: str = "PV-01", *, track: bool = True) -> int:
    """A unit whose tracker drove 20 km north at 60 km/h from START, one fix a minute, then stopped."""
    with db.session() as s:
        unit = PatrolUnit(call_sign=call_sign, name=f"Tổ {call_sign}", station="Đội 6", vehicle="Ô tô")
        s.add(unit)
        s.flush()
        if track:
            rows = [
                {"unit_id": unit.id, "fixed_at": START + timedelta(minutes=m), "lat": LAT0 + 0.009 * min(m, 20),
                 "lon": LON0, "received_at": START}
                for m in range(0, 241)
            ]  # fmt: skip
            s.execute(insert(UnitPosition), rows)
        return unit.id


def at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat()


def log_doc(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": "csgt.patrol_log/1",
        "unit": "PV-01",
        "shift": {"start": START.isoformat(), "end": END.isoformat()},
        "plan_ref": "KH 125/CT6",
        "route_area": "CT.01 Km 184 – Km 208",
        "vehicle": "Ford Everest 80A-012.34",
        "members": [{"rank": "Thiếu tá", "name": "Nguyễn Đức Thịnh", "role": "Tổ trưởng"}],
        "entries": [
            {"at": at(2), "kind": "checkpoint", "place": "Km 184", "lat": LAT0, "lon": LON0},
            {"at": at(30), "kind": "vehicle_check", "place": "Km 197", "lat": LAT0 + 0.1, "lon": LON0,
             "plate": "30a 12345", "vehicle_class": "car", "result": "violation", "violation": "speed_10_20"},
            {"at": at(40), "kind": "vehicle_check", "place": "Km 197", "lat": LAT0 + 0.1, "lon": LON0,
             "plate": "29-B1 736.42", "vehicle_class": "motorbike", "result": "no_violation"},
            {"at": at(60), "kind": "alcohol_test", "place": "Km 204", "lat": LAT0 + 0.18, "lon": LON0,
             "tests_count": 25, "positives": [{"plate": "29A-5613", "vehicle_class": "car", "reading_mg_l": 0.31}]},
            {"at": at(200), "kind": "note", "note": "Kết thúc ca."},
        ],
    }  # fmt: skip
    doc.update(overrides)
    return doc


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)
