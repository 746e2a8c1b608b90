"""Read models for the pages: plain rows, no ORM objects crossing into the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from console.storage.db import Database
from console.storage.models import (
    Alert,
    Camera,
    CameraRule,
    HotlistEntry,
    Incident,
    PatrolLog,
    PatrolUnit,
    ViolationCandidate,
)

from .context import Actor, Permission


@dataclass(frozen=True)
class CameraRow:
    id: int
    code: str
    name: str
    route: str
    route_kind: str
    km: float | None
    lat: float
    lon: float
    direction: str
    speed_limit_kmh: int | None
    main_url: str
    sub_url: str | None
    has_credentials: bool
    enabled: bool
    rule_count: int


@dataclass(frozen=True)
class UnitRow:
    id: int
    call_sign: str
    name: str
    station: str
    status: str
    fixed_at: datetime | None
    lat: float | None
    lon: float | None
    speed_kmh: float | None


@dataclass(frozen=True)
class HotlistRow:
    id: int
    plate: str
    plate_colour: str | None
    reason: str
    priority: int
    source: str
    note: str
    added_at: datetime


@dataclass(frozen=True)
class AlertRow:
    id: int
    created_at: datetime
    kind: str
    priority: int
    status: str
    camera: str | None
    message: str


@dataclass(frozen=True)
class CandidateRow:
    id: int
    detected_at: datetime
    camera: str
    rule_kind: str
    plate: str | None
    status: str


@dataclass(frozen=True)
class IncidentRow:
    id: int
    created_at: datetime
    kind: str
    priority: int
    status: str
    place: str


@dataclass(frozen=True)
class PatrolLogRow:
    id: int
    unit: str
    shift_start: datetime
    shift_end: datetime | None
    route_area: str
    status: str
    revision: int


class Queries:
    """Everything a page lists; each call checks the caller may view."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def cameras(self, actor: Actor) -> list[CameraRow]:
        actor.require(Permission.VIEW)
        rules = select(CameraRule.camera_id, func.count().label("n")).group_by(CameraRule.camera_id).subquery()
        stmt = (
            select(Camera, func.coalesce(rules.c.n, 0))
            .outerjoin(rules, rules.c.camera_id == Camera.id)
            .order_by(Camera.route_kind, Camera.route, Camera.km, Camera.name)
        )
        with self.db.session() as s:
            return [
                CameraRow(
                    c.id, c.code, c.name, c.route, c.route_kind, c.km, c.lat, c.lon, c.direction,
                    c.speed_limit_kmh, c.main_url, c.sub_url, bool(c.stream_username), c.enabled, n,
                )
                for c, n in s.execute(stmt)
            ]  # fmt: skip

    def units(self, actor: Actor) -> list[UnitRow]:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            units = s.scalars(select(PatrolUnit).order_by(PatrolUnit.call_sign)).all()
            rows = []
            for u in units:
                p = u.latest
                rows.append(
                    UnitRow(
                        u.id, u.call_sign, u.name, u.station, u.status,
                        p.fixed_at if p else None, p.lat if p else None, p.lon if p else None,
                        p.speed_kmh if p else None,
                    )
                )  # fmt: skip
            return rows

    def hotlist(self, actor: Actor) -> list[HotlistRow]:
        actor.require(Permission.VIEW)
        stmt = select(HotlistEntry).where(HotlistEntry.active).order_by(HotlistEntry.priority, HotlistEntry.plate)
        with self.db.session() as s:
            return [
                HotlistRow(h.id, h.plate, h.plate_colour, h.reason, h.priority, h.source, h.note, h.added_at)
                for h in s.scalars(stmt)
            ]

    def alerts(self, actor: Actor, limit: int = 500) -> list[AlertRow]:
        actor.require(Permission.VIEW)
        stmt = (
            select(Alert, Camera.name)
            .outerjoin(Camera, Camera.id == Alert.camera_id)
            .order_by(Alert.created_at.desc())
            .limit(limit)
        )
        with self.db.session() as s:
            return [
                AlertRow(a.id, a.created_at, a.kind, a.priority, a.status, cam, a.message) for a, cam in s.execute(stmt)
            ]

    def candidates(self, actor: Actor, limit: int = 500) -> list[CandidateRow]:
        actor.require(Permission.VIEW)
        stmt = (
            select(ViolationCandidate, Camera.name)
            .join(Camera, Camera.id == ViolationCandidate.camera_id)
            .order_by(ViolationCandidate.detected_at)
            .limit(limit)
        )
        with self.db.session() as s:
            return [
                CandidateRow(v.id, v.detected_at, cam, v.rule_kind, v.plate, v.status) for v, cam in s.execute(stmt)
            ]

    def incidents(self, actor: Actor, limit: int = 500) -> list[IncidentRow]:
        actor.require(Permission.VIEW)
        stmt = select(Incident).order_by(Incident.created_at.desc()).limit(limit)
        with self.db.session() as s:
            return [IncidentRow(i.id, i.created_at, i.kind, i.priority, i.status, i.place) for i in s.scalars(stmt)]

    def patrol_logs(self, actor: Actor, limit: int = 500) -> list[PatrolLogRow]:
        actor.require(Permission.VIEW)
        stmt = (
            select(PatrolLog, PatrolUnit.call_sign)
            .join(PatrolUnit, PatrolUnit.id == PatrolLog.unit_id)
            .order_by(PatrolLog.shift_start.desc())
            .limit(limit)
        )
        with self.db.session() as s:
            return [
                PatrolLogRow(p.id, unit, p.shift_start, p.shift_end, p.route_area, p.status, p.revision)
                for p, unit in s.execute(stmt)
            ]
