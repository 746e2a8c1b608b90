"""Fixes in, periods, clocks and alerts out: the engine run against the database, one transaction a batch.

Each batch reads the clocks of the drivers it carries, steps them, and writes clocks, touched periods
and new alerts together, so a crash between batches loses nothing already committed and never alerts
twice (the alert marks live in the clock written with the alert). Nothing is cached between batches:
a CSV import in another process and the live feed see each other's clocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from console.services.events import announce
from console.storage.db import Database
from console.storage.models import Alert, CommercialDriver, CommercialVehicle, DrivingClock, DrivingPeriod

from .engine import EXCEEDED, DriverClock, DrivingEngine, DrivingFix, LimitAlert, Period
from .rules import DrivingRules

_CHUNK = 500  # ids per IN (...) and rows per statement: well under both backends' parameter limits
_LIMIT_VI = {
    "continuous": "Lái xe liên tục",
    "day": "Thời gian lái xe trong ngày",
    "week": "Thời gian lái xe trong tuần",
}


def normalise_plate(text: str) -> str:
    return re.sub(r"[\s.\-]", "", text).upper()


def _at(tst: float) -> datetime:
    return datetime.fromtimestamp(tst, UTC)


def hours(seconds: float) -> str:
    whole = int(seconds)
    text = f"{whole // 3600} giờ {whole // 60 % 60:02d} phút"
    # Exceeded by half a minute must not read as exactly the limit.
    return f"{text} {whole % 60:02d} giây" if whole % 60 else text


@dataclass(frozen=True)
class ApplyResult:
    applied: int
    skipped: int  # not later than the driver's last fix: a repeat or an import of old data
    alerts: int


class DrivingStore:
    def __init__(self, db: Database, rules: DrivingRules) -> None:
        self.db = db
        self.rules = rules
        self.engine = DrivingEngine(rules)

    def identities(self) -> tuple[dict[str, int], dict[str, int]]:
        """(driver licence -> id, normalised plate -> id): what the journey feed accepts."""
        with self.db.sessions() as s:
            drivers = {lic: i for i, lic in s.execute(select(CommercialDriver.id, CommercialDriver.licence_no))}
            vehicles = {p: i for i, p in s.execute(select(CommercialVehicle.id, CommercialVehicle.plate))}
        return drivers, vehicles

    def apply(self, fixes: Sequence[DrivingFix], session: Session | None = None) -> ApplyResult:
        if session is not None:
            return self._apply(session, fixes)
        with self.db.session() as s:
            return self._apply(s, fixes)

    def _apply(self, s: Session, fixes: Sequence[DrivingFix]) -> ApplyResult:
        ordered = sorted(fixes, key=lambda f: (f.driver_id, f.tst))
        clocks = self._load(s, {f.driver_id for f in ordered})
        periods: dict[tuple[int, float], Period] = {}
        alerts: list[LimitAlert] = []
        applied = skipped = 0
        for fix in ordered:
            clock = clocks.setdefault(fix.driver_id, DriverClock())
            if clock.last_tst is not None and fix.tst <= clock.last_tst:
                skipped += 1
                continue
            touched, raised = self.engine.step(clock, fix)
            for p in touched:
                periods[(p.driver_id, p.start)] = p
            alerts.extend(raised)
            applied += 1
        self._write_clocks(s, clocks)
        self._write_periods(s, periods.values())
        self._write_alerts(s, alerts)
        return ApplyResult(applied, skipped, len(alerts))

    def _load(self, s: Session, driver_ids: set[int]) -> dict[int, DriverClock]:
        ids = sorted(driver_ids)
        out: dict[int, DriverClock] = {}
        for i in range(0, len(ids), _CHUNK):
            stmt = select(DrivingClock.driver_id, DrivingClock.state).where(
                DrivingClock.driver_id.in_(ids[i : i + _CHUNK])
            )
            if s.get_bind().dialect.name == "postgresql":
                stmt = stmt.with_for_update()  # two ingesting workstations step a driver one after the other
            out.update({d: DriverClock.from_json(state) for d, state in s.execute(stmt)})
        return out

    def _upsert(self, s: Session, table: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
        if not rows:
            return
        insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        for i in range(0, len(rows), _CHUNK):
            stmt = insert(table).values(rows[i : i + _CHUNK])
            changed = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
            s.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changed))

    def _write_clocks(self, s: Session, clocks: dict[int, DriverClock]) -> None:
        rows = [
            {
                "driver_id": d,
                "vehicle_id": c.vehicle_id,
                "last_fix_at": _at(c.last_tst),
                "continuous_s": c.continuous_s,
                "day_s": c.day_s,
                "week_s": c.week_s,
                "level": c.level(self.rules),
                "state": c.to_json(),
            }
            for d, c in clocks.items()
            if c.last_tst is not None
        ]
        self._upsert(s, DrivingClock.__table__, rows, ["driver_id"])

    def _write_periods(self, s: Session, periods: Iterable[Period]) -> None:
        rows = [
            {"driver_id": p.driver_id, "started_at": _at(p.start), "ended_at": _at(p.end), "kind": p.kind,
             "vehicle_id": p.vehicle_id}
            for p in periods
        ]  # fmt: skip
        self._upsert(s, DrivingPeriod.__table__, rows, ["driver_id", "started_at"])

    def _write_alerts(self, s: Session, alerts: list[LimitAlert]) -> None:
        if not alerts:
            return
        driver_ids, vehicle_ids = {a.driver_id for a in alerts}, {a.vehicle_id for a in alerts}
        drivers = {i: n for i, n in s.execute(select(CommercialDriver.id, CommercialDriver.name)
                                              .where(CommercialDriver.id.in_(driver_ids)))}  # fmt: skip
        plates = {i: p for i, p in s.execute(select(CommercialVehicle.id, CommercialVehicle.plate)
                                             .where(CommercialVehicle.id.in_(vehicle_ids)))}  # fmt: skip
        for a in alerts:
            over = "đã vượt" if a.level == EXCEEDED else "sắp vượt"
            who = f"{plates.get(a.vehicle_id, '?')}, {drivers.get(a.driver_id, '?')}"
            what = f"{_LIMIT_VI[a.limit].lower()} {over} {hours(a.limit_s)}: {hours(a.value_s)}"
            # Who first: the Alerts page cuts long messages at the column's edge.
            message = f"{who}: {what} ({self.rules.short_ref})"
            row = Alert(kind="driving_time", priority=1 if a.level == EXCEEDED else 2, message=message,
                        created_at=_at(a.at))  # fmt: skip
            s.add(row)
            s.flush()
            announce(s, "alert", row.id)
