"""Demo data for ``--demo``: real places, made-up people, seeded once into an empty database.

The data itself lives in ``resources/demo/demo_data.json`` (provenance in the README beside it);
this module only loads it and inserts it. Times in the file are offsets ("minutes ago") so that a
fresh demo always looks live: unit positions a few seconds old, an incident opened minutes ago.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypedDict, cast

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from console.paths import RESOURCES
from console.services.audit import AuditLog
from console.services.auth import hash_password
from console.services.context import SYSTEM
from console.storage.db import Database
from console.storage.models import (
    AuditHead,
    Camera,
    CameraRule,
    Dispatch,
    HotlistEntry,
    Incident,
    IncidentEvent,
    Operator,
    PatrolUnit,
    UnitLatestPosition,
    UnitPosition,
    VehicleRegistration,
    utcnow,
)

DEMO_DATA_PATH = RESOURCES / "demo" / "demo_data.json"

# Shown on the login dialog in demo mode; never used outside a demo database.
DEMO_PASSWORD = "demo1234"
DEMO_ADMIN = "admin"
DEMO_SUPERVISORS = ("thuy", "hung")
DEMO_OPERATORS = ("vanh", "tuan", "ngoc")
DEMO_USERNAMES = (DEMO_ADMIN, *DEMO_SUPERVISORS, *DEMO_OPERATORS)


# The shape of demo_data.json. Only what the loader reads is declared; "meta" is for people.
class OperatorData(TypedDict):
    username: str
    display_name: str
    role: str


class RuleData(TypedDict):
    kind: str
    name: str
    geometry: dict[str, Any]
    params: dict[str, Any]


class CameraData(TypedDict):
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
    rules: list[RuleData]


class PositionData(TypedDict):
    lat: float
    lon: float
    age_s: float
    speed_kmh: float | None
    course_deg: float | None
    accuracy_m: float | None
    battery_pct: int | None


class UnitData(TypedDict):
    call_sign: str
    name: str
    station: str
    vehicle: str
    members: dict[str, Any]
    tracker_team: str | None
    tracker_device: str | None
    status: str
    status_age_s: float
    position: PositionData


# "from" is a Python keyword, so the event type is declared in the functional form.
IncidentEventData = TypedDict(
    "IncidentEventData",
    {
        "minutes_ago": float,
        "from": str | None,
        "to": str | None,
        "actor": str | None,
        "unit": str | None,
        "note": str,
    },
)


class DispatchData(TypedDict):
    unit: str
    by: str
    minutes_ago: float
    distance_m: float | None
    eta_s: float | None
    acknowledged_minutes_ago: float | None
    arrived_minutes_ago: float | None
    status: str


class IncidentData(TypedDict):
    kind: str
    priority: int
    status: str
    source: str
    lat: float
    lon: float
    place: str
    description: str
    created_by: str
    minutes_ago: float
    events: list[IncidentEventData]
    dispatches: list[DispatchData]


class HotlistData(TypedDict):
    plate: str
    plate_colour: str | None
    reason: str
    priority: int
    note: str
    source: str
    added_by: str
    added_days_ago: float
    expires_in_days: float | None


class RegistrationData(TypedDict):
    plate: str
    plate_colour: str
    vehicle_class: str
    brand: str
    model: str
    colour: str
    owner_name: str
    owner_id_number: str
    owner_address: str
    registered_on: str | None


class DemoData(TypedDict):
    meta: dict[str, Any]
    operators: list[OperatorData]
    cameras: list[CameraData]
    patrol_units: list[UnitData]
    incidents: list[IncidentData]
    hotlist: list[HotlistData]
    vehicle_registrations: list[RegistrationData]


@dataclass(frozen=True)
class DemoSeedResult:
    """Rows inserted per table; also the details of the "demo.seed" audit entry."""

    operators: int
    cameras: int
    camera_rules: int
    patrol_units: int
    unit_latest_positions: int
    unit_positions: int
    incidents: int
    incident_events: int
    dispatches: int
    hotlist: int
    vehicle_registrations: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def load_demo_data(path: Path = DEMO_DATA_PATH) -> DemoData:
    # Explicit UTF-8: the platform default on Windows is a code page that mangles Vietnamese.
    with path.open(encoding="utf-8") as fh:
        return cast(DemoData, json.load(fh))


def seed_demo(
    db: Database,
    audit: AuditLog,
    *,
    data: DemoData | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> DemoSeedResult | None:
    """Fill an empty database with the demo data in one transaction; None if it holds any data.

    "Empty" means no operators and no cameras: demo data must never mix with a real
    installation's accounts or camera registry.
    """
    # Cheap check first, so that restarting an existing demo does not pay for hashing passwords.
    with db.sessions() as session:
        if not _is_empty(session):
            return None
    data = data if data is not None else load_demo_data()
    # Argon2 is deliberately slow; hash before the transaction so its locks are held briefly.
    hashes = {op["username"]: hash_password(DEMO_PASSWORD) for op in data["operators"]}
    with db.session() as session:
        _serialise_seeders(session)
        if not _is_empty(session):
            return None
        result = _insert(session, data, hashes, clock())
        audit.append(session, SYSTEM, "demo.seed", "database", "", result.as_dict())
    return result


def _is_empty(session: Session) -> bool:
    has_operator = session.scalar(select(exists().select_from(Operator)))
    has_camera = session.scalar(select(exists().select_from(Camera)))
    return not has_operator and not has_camera


def _serialise_seeders(session: Session) -> None:
    # Two consoles started with --demo on one PostgreSQL server must not both seed (the second
    # would fail on duplicate usernames). A no-op update of the audit head, which the audit entry
    # updates anyway, takes its row lock on PostgreSQL and the database write lock on SQLite: a
    # second seeder waits here, and its emptiness check then sees the first one's rows.
    session.execute(update(AuditHead).values(seq=AuditHead.seq))


def _insert(session: Session, data: DemoData, hashes: dict[str, str], now: datetime) -> DemoSeedResult:
    def minutes_ago(value: float) -> datetime:
        return now - timedelta(minutes=value)

    def maybe_minutes_ago(value: float | None) -> datetime | None:
        return None if value is None else minutes_ago(value)

    operators = {
        op["username"]: Operator(
            username=op["username"],
            display_name=op["display_name"],
            role=op["role"],
            password_hash=hashes[op["username"]],
            created_at=now,
        )
        for op in data["operators"]
    }
    session.add_all(operators.values())

    rule_count = 0
    for cam in data["cameras"]:
        rules = [
            CameraRule(kind=r["kind"], name=r["name"], geometry=r["geometry"], params=r["params"]) for r in cam["rules"]
        ]
        rule_count += len(rules)
        session.add(
            Camera(
                code=cam["code"],
                name=cam["name"],
                route=cam["route"],
                route_kind=cam["route_kind"],
                km=cam["km"],
                lat=cam["lat"],
                lon=cam["lon"],
                direction=cam["direction"],
                main_url=cam["main_url"],
                sub_url=cam["sub_url"],
                speed_limit_kmh=cam["speed_limit_kmh"],
                created_at=now,
                rules=rules,
            )
        )

    units: dict[str, PatrolUnit] = {}
    for u in data["patrol_units"]:
        fix = u["position"]
        fixed_at = now - timedelta(seconds=fix["age_s"])
        unit = PatrolUnit(
            call_sign=u["call_sign"],
            name=u["name"],
            station=u["station"],
            vehicle=u["vehicle"],
            members=u["members"],
            tracker_team=u["tracker_team"],
            tracker_device=u["tracker_device"],
            status=u["status"],
            status_changed_at=now - timedelta(seconds=u["status_age_s"]),
            latest=UnitLatestPosition(fixed_at=fixed_at, **_fix_values(fix)),
        )
        units[u["call_sign"]] = unit
        session.add(unit)
    # Ids are needed below for the position history and the incident links.
    session.flush()
    # The feed writes every fix to the history as well as to the latest position; so does the demo.
    for u in data["patrol_units"]:
        fix = u["position"]
        session.add(
            UnitPosition(
                unit_id=units[u["call_sign"]].id,
                fixed_at=now - timedelta(seconds=fix["age_s"]),
                received_at=now - timedelta(seconds=fix["age_s"]),
                **_fix_values(fix),
            )
        )

    def operator_id(username: str | None) -> int | None:
        return None if username is None else operators[username].id

    def unit_id(call_sign: str | None) -> int | None:
        return None if call_sign is None else units[call_sign].id

    event_count = dispatch_count = 0
    for inc in data["incidents"]:
        incident = Incident(
            kind=inc["kind"],
            priority=inc["priority"],
            status=inc["status"],
            source=inc["source"],
            lat=inc["lat"],
            lon=inc["lon"],
            place=inc["place"],
            description=inc["description"],
            created_by_id=operator_id(inc["created_by"]),
            created_at=minutes_ago(inc["minutes_ago"]),
        )
        session.add(incident)
        session.flush()
        for ev in inc["events"]:
            session.add(
                IncidentEvent(
                    incident_id=incident.id,
                    at=minutes_ago(ev["minutes_ago"]),
                    from_status=ev["from"],
                    to_status=ev["to"],
                    actor_id=operator_id(ev["actor"]),
                    unit_id=unit_id(ev["unit"]),
                    note=ev["note"],
                )
            )
            event_count += 1
        for d in inc["dispatches"]:
            session.add(
                Dispatch(
                    incident_id=incident.id,
                    unit_id=units[d["unit"]].id,
                    dispatched_by_id=operator_id(d["by"]),
                    dispatched_at=minutes_ago(d["minutes_ago"]),
                    distance_m=d["distance_m"],
                    eta_s=d["eta_s"],
                    acknowledged_at=maybe_minutes_ago(d["acknowledged_minutes_ago"]),
                    arrived_at=maybe_minutes_ago(d["arrived_minutes_ago"]),
                    status=d["status"],
                )
            )
            dispatch_count += 1

    for h in data["hotlist"]:
        added_at = now - timedelta(days=h["added_days_ago"])
        expires = h["expires_in_days"]
        session.add(
            HotlistEntry(
                plate=h["plate"],
                plate_colour=h["plate_colour"],
                reason=h["reason"],
                priority=h["priority"],
                note=h["note"],
                source=h["source"],
                added_by_id=operator_id(h["added_by"]),
                added_at=added_at,
                expires_at=None if expires is None else now + timedelta(days=expires),
            )
        )

    for r in data["vehicle_registrations"]:
        registered = r["registered_on"]
        session.add(
            VehicleRegistration(
                plate=r["plate"],
                plate_colour=r["plate_colour"],
                vehicle_class=r["vehicle_class"],
                brand=r["brand"],
                model=r["model"],
                colour=r["colour"],
                owner_name=r["owner_name"],
                owner_id_number=r["owner_id_number"],
                owner_address=r["owner_address"],
                registered_on=None if registered is None else date.fromisoformat(registered),
            )
        )
    session.flush()

    units_count = len(data["patrol_units"])
    return DemoSeedResult(
        operators=len(operators),
        cameras=len(data["cameras"]),
        camera_rules=rule_count,
        patrol_units=units_count,
        unit_latest_positions=units_count,
        unit_positions=units_count,
        incidents=len(data["incidents"]),
        incident_events=event_count,
        dispatches=dispatch_count,
        hotlist=len(data["hotlist"]),
        vehicle_registrations=len(data["vehicle_registrations"]),
    )


def _fix_values(fix: PositionData) -> dict[str, Any]:
    return {
        "lat": fix["lat"],
        "lon": fix["lon"],
        "speed_kmh": fix["speed_kmh"],
        "course_deg": fix["course_deg"],
        "accuracy_m": fix["accuracy_m"],
        "battery_pct": fix["battery_pct"],
    }
