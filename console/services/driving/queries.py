"""What the driving-time page reads: drivers near or over a limit, and one driver's periods."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from console.services.context import Actor, Permission
from console.storage.db import Database
from console.storage.models import CommercialDriver, CommercialVehicle, DrivingClock, DrivingPeriod, utcnow

from .engine import APPROACHING, EXCEEDED, OK, DriverClock, calendar_keys
from .rules import DrivingRules, default_rules

RECENT = timedelta(hours=24)  # a driver not heard of for a day is not on the road; the day limit restarted anyway


@dataclass(frozen=True)
class DriverRow:
    driver_id: int
    name: str
    licence: str
    plate: str
    company: str
    level: str
    continuous_s: float
    day_s: float
    week_s: float
    last_fix_at: datetime


@dataclass(frozen=True)
class PeriodRow:
    kind: str
    start: datetime
    end: datetime
    plate: str


def as_of(row: DriverRow, now: datetime, rules: DrivingRules) -> DriverRow:
    """The row's figures now rather than at its last fix.

    A device goes quiet when the ignition is off, which is how most rest looks: silence as long as a
    rest ends continuous driving, and a new Vietnam day or week restarts those counts, exactly as the
    engine will decide when the device reports again.
    """
    silent = (now - row.last_fix_at).total_seconds()
    continuous = 0.0 if silent >= rules.rest_min_s else row.continuous_s
    day_now, week_now = calendar_keys(now.timestamp(), rules.utc_offset_h)
    day_then, week_then = calendar_keys(row.last_fix_at.timestamp(), rules.utc_offset_h)
    day = row.day_s if day_then == day_now else 0.0
    week = row.week_s if week_then == week_now else 0.0
    level = DriverClock(continuous_s=continuous, day_s=day, week_s=week).level(rules)
    return replace(row, level=level, continuous_s=continuous, day_s=day, week_s=week)


class DrivingQueries:
    def __init__(self, db: Database, rules: DrivingRules | None = None) -> None:
        self.db = db
        self.rules = rules or default_rules()

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """Each query here is one SELECT; on SQLite it runs outside BEGIN IMMEDIATE, so under WAL the page
        reads a consistent snapshot at once instead of queueing behind the journey writer's batches."""
        if self.db.kind != "sqlite":
            with self.db.sessions() as s:
                yield s
            return
        with self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn, Session(conn) as s:
            yield s

    def watch_list(self, actor: Actor, limit: int = 500, now: datetime | None = None) -> list[DriverRow]:
        """Drivers over a limit first, then those approaching one; longest continuous driving first."""
        actor.require(Permission.VIEW)
        now = now or utcnow()
        since = now - RECENT
        severity = case((DrivingClock.level == EXCEEDED, 0), else_=1)
        stmt = (
            # Columns, not the entity: the engine's JSON state of hundreds of drivers is not the page's business.
            select(DrivingClock.driver_id, CommercialDriver.name, CommercialDriver.licence_no, CommercialVehicle.plate,
                   CommercialDriver.company, DrivingClock.level, DrivingClock.continuous_s, DrivingClock.day_s,
                   DrivingClock.week_s, DrivingClock.last_fix_at)
            .join(CommercialDriver, CommercialDriver.id == DrivingClock.driver_id)
            .join(CommercialVehicle, CommercialVehicle.id == DrivingClock.vehicle_id)
            .where(DrivingClock.level.in_((EXCEEDED, APPROACHING)), DrivingClock.last_fix_at >= since)
            .order_by(severity, DrivingClock.continuous_s.desc(), DrivingClock.driver_id)
            .limit(limit)
        )  # fmt: skip
        with self._reading() as s:
            rows = [as_of(DriverRow(*row), now, self.rules) for row in s.execute(stmt)]
        listed = [r for r in rows if r.level != OK]
        listed.sort(key=lambda r: (r.level != EXCEEDED, -r.continuous_s, r.driver_id))
        return listed

    def timeline(self, actor: Actor, driver_id: int, since: datetime) -> list[PeriodRow]:
        actor.require(Permission.VIEW)
        stmt = (
            select(DrivingPeriod.kind, DrivingPeriod.started_at, DrivingPeriod.ended_at, CommercialVehicle.plate)
            .join(CommercialVehicle, CommercialVehicle.id == DrivingPeriod.vehicle_id)
            .where(DrivingPeriod.driver_id == driver_id, DrivingPeriod.ended_at >= since)
            .order_by(DrivingPeriod.started_at)
        )
        with self._reading() as s:
            return [PeriodRow(k, start, end, plate) for k, start, end, plate in s.execute(stmt)]
