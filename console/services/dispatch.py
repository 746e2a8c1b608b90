"""Incidents, dispatch suggestions, dispatch, and the unit / incident state machines.

Every change is one transaction with its incident_events row (the timeline) and its audit entry.
A unit is taken for an incident by a conditional UPDATE (``... WHERE status = 'available'``):
of two operators dispatching the same unit at once, the database lets exactly one update a row,
and the other gets :class:`DispatchConflict`. The order to the team goes out over MQTT on
``<prefix>/dispatch/<call_sign>`` only after that commit.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ParamSpec, TypeVar, cast

from sqlalchemy import ColumnElement, CursorResult, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from console.config import MapConfig
from console.storage.db import Database
from console.storage.models import (
    Alert,
    Camera,
    Dispatch,
    Incident,
    IncidentEvent,
    Operator,
    PatrolUnit,
    ViolationCandidate,
    utcnow,
)
from maps.geo import haversine_m, valid_lat_lon
from maps.ranking import RankingPolicy, Suggestion, UnitFix, eta_s, rank_units
from maps.routes import RouteLine, nearest_road_class

from .audit import AuditLog
from .context import Actor, Permission
from .events import announce

log = logging.getLogger(__name__)

UNIT_STATES = ("available", "dispatched", "en_route", "on_scene", "returning", "off_duty", "out_of_service")
# Which state a unit may move to from each state. "dispatched" is reached only through dispatch().
UNIT_MOVES: dict[str, frozenset[str]] = {
    "available": frozenset({"off_duty", "out_of_service"}),
    "dispatched": frozenset({"en_route", "on_scene", "available", "out_of_service"}),
    "en_route": frozenset({"on_scene", "available", "out_of_service"}),
    "on_scene": frozenset({"returning", "available", "out_of_service"}),
    "returning": frozenset({"available", "off_duty", "out_of_service"}),
    "off_duty": frozenset({"available"}),
    "out_of_service": frozenset({"available", "off_duty"}),
}
INCIDENT_STATES = ("new", "dispatched", "on_scene", "resolved", "cancelled")
INCIDENT_MOVES: dict[str, frozenset[str]] = {
    "new": frozenset({"dispatched", "on_scene", "resolved", "cancelled"}),
    "dispatched": frozenset({"on_scene", "resolved", "cancelled"}),
    "on_scene": frozenset({"resolved", "cancelled"}),
    "resolved": frozenset(),
    "cancelled": frozenset(),
}
INCIDENT_KINDS = ("crash", "stopped_vehicle", "wanted_vehicle", "wrong_way", "road_hazard", "congestion", "other")
ACTIVE_DISPATCH = ("sent", "acknowledged", "arrived")


class DispatchError(ValueError):
    """A request that cannot be carried out as asked; nothing was changed."""


class DispatchConflict(DispatchError):
    """The unit was taken (or changed state) by someone else first."""


@dataclass(frozen=True)
class NewIncident:
    kind: str
    priority: int
    lat: float
    lon: float
    place: str = ""
    description: str = ""
    source: str = "manual"  # alert | violation | citizen | manual | map
    alert_id: int | None = None
    candidate_id: int | None = None


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    from_status: str | None
    to_status: str | None
    actor: str | None
    unit: str | None
    note: str


@dataclass(frozen=True)
class IncidentDetail:
    id: int
    kind: str
    priority: int
    status: str
    source: str
    lat: float
    lon: float
    place: str
    description: str
    created_at: datetime
    closed_at: datetime | None
    units: list[tuple[int, str, str]]  # (unit id, call sign, dispatch status) of active dispatches
    timeline: list[TimelineRow]


@dataclass(frozen=True)
class DispatchResult:
    dispatch_id: int
    unit_id: int
    call_sign: str
    topic: str
    sent: bool


Publisher = Callable[[str, bytes], bool]
P = ParamSpec("P")
R = TypeVar("R")


def retry_when_locked(fn: Callable[P, R]) -> Callable[P, R]:
    """Retry a whole transaction that SQLite refused with "database is locked".

    On SQLite a transaction that read before another connection committed cannot then write
    (WAL snapshot); with the GPS writer committing every few seconds that happens. The session
    rolled everything back, and orders are published only after commit, so a retry is safe.
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(4):
            try:
                return fn(*args, **kwargs)
            except OperationalError as exc:
                if "database is locked" not in str(exc) or attempt == 3:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    return wrapper


def policy_from_config(cfg: MapConfig) -> RankingPolicy:
    return RankingPolicy(
        stale_after=timedelta(seconds=cfg.stale_after_s),
        eta_top=cfg.eta_top,
        speeds_kmh={
            "expressway": cfg.speed_expressway_kmh,
            "national_highway": cfg.speed_national_highway_kmh,
            "city": cfg.speed_city_kmh,
        },
    )


class DispatchService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        policy: RankingPolicy | None = None,
        routes: list[RouteLine] | None = None,
        topic_prefix: str = "csgt",
        publish: Publisher | None = None,
    ) -> None:
        self.db = db
        self.audit = audit
        self.policy = policy or RankingPolicy()
        self.routes = routes or []
        self.topic_prefix = topic_prefix.rstrip("/")
        self.publish = publish

    # ----- incidents ---------------------------------------------------------------------------
    @retry_when_locked
    def create_incident(self, actor: Actor, new: NewIncident) -> int:
        with self.db.session() as s:
            return self.add_incident(s, actor, new)

    def add_incident(self, s: Session, actor: Actor, new: NewIncident, note: str = "") -> int:
        """``create_incident`` inside the caller's transaction, with an optional first note: what commits
        with it (intake's alert) cannot be kept without it, nor it without them."""
        actor.require(Permission.INCIDENT_MANAGE)
        if new.kind not in INCIDENT_KINDS:
            raise DispatchError(f"unknown incident type {new.kind!r}; one of {', '.join(INCIDENT_KINDS)}")
        if not 1 <= new.priority <= 3:
            raise DispatchError(f"priority must be 1 (urgent) to 3, not {new.priority}")
        if not valid_lat_lon(new.lat, new.lon):
            raise DispatchError(f"location {new.lat}, {new.lon} is not a valid latitude/longitude")
        if new.alert_id is not None and s.get(Alert, new.alert_id) is None:
            raise DispatchError(f"alert {new.alert_id} does not exist")
        if new.candidate_id is not None and s.get(ViolationCandidate, new.candidate_id) is None:
            raise DispatchError(f"violation {new.candidate_id} does not exist")
        incident = Incident(
            kind=new.kind, priority=new.priority, status="new", source=new.source, lat=new.lat, lon=new.lon,
            place=new.place.strip(), description=new.description.strip(), alert_id=new.alert_id,
            candidate_id=new.candidate_id, created_by_id=actor.operator_id,
        )  # fmt: skip
        s.add(incident)
        s.flush()
        s.add(IncidentEvent(incident_id=incident.id, to_status="new", actor_id=actor.operator_id,
                            note=""))  # fmt: skip
        self.audit.append(s, actor, "incident.create", "incident", incident.id,
                          {"kind": new.kind, "priority": new.priority, "source": new.source,
                           "lat": new.lat, "lon": new.lon})  # fmt: skip
        if note.strip():
            s.add(IncidentEvent(incident_id=incident.id, actor_id=actor.operator_id, note=note.strip()))
            self.audit.append(s, actor, "incident.note", "incident", incident.id, {"note": note.strip()})
        announce(s, "incident", incident.id)
        return incident.id

    @retry_when_locked
    def prefill_from_alert(self, actor: Actor, alert_id: int) -> NewIncident:
        """An incident draft at the alert's camera (the operator confirms it in the form)."""
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            alert = s.get(Alert, alert_id)
            if alert is None:
                raise DispatchError(f"alert {alert_id} does not exist")
            camera = s.get(Camera, alert.camera_id) if alert.camera_id is not None else None
            if camera is None:
                raise DispatchError(f"alert {alert_id} has no camera, so no location; enter the place by hand")
            kind = "wanted_vehicle" if alert.kind == "hotlist_hit" else "other"
            place = f"{camera.name} {camera.direction}".strip()
            priority = max(1, min(3, alert.priority))
            return NewIncident(kind, priority, camera.lat, camera.lon, place, alert.message, "alert", alert_id=alert_id)

    def prefill_from_violation(self, actor: Actor, candidate_id: int) -> NewIncident:
        """An incident draft at the violation's camera (e.g. a wrong-way driver still on the road)."""
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            v = s.get(ViolationCandidate, candidate_id)
            if v is None:
                raise DispatchError(f"violation {candidate_id} does not exist")
            camera = s.get(Camera, v.camera_id)
            assert camera is not None  # camera_id is a required foreign key
            kind = {"wrong_way": "wrong_way", "no_stopping": "stopped_vehicle"}.get(v.rule_kind, "other")
            text = f"{v.rule_kind} {v.plate or ''}".strip()
            return NewIncident(kind, 1 if kind == "wrong_way" else 2, camera.lat, camera.lon,
                               f"{camera.name} {camera.direction}".strip(), text, "violation",
                               candidate_id=candidate_id)  # fmt: skip

    def set_incident_status(self, actor: Actor, incident_id: int, status: str, note: str = "") -> None:
        """Operator moves an incident on (on scene, resolved, cancelled); units are released on close."""
        actor.require(Permission.INCIDENT_MANAGE)
        with self.db.session() as s:
            incident = self._locked_incident(s, incident_id)
            self._move_incident(s, actor, incident, status, note)
            active = s.scalars(select(Dispatch).where(Dispatch.incident_id == incident_id,
                                                      Dispatch.status.in_(ACTIVE_DISPATCH))).all()  # fmt: skip
            for d in active:
                unit = s.get(PatrolUnit, d.unit_id)
                if unit is None or unit.status not in ("dispatched", "en_route", "on_scene"):
                    continue
                if status == "on_scene" and unit.status != "on_scene":
                    # The operator confirms arrival for teams that did not report it themselves.
                    d.status, d.arrived_at = "arrived", utcnow()
                    self._move_unit(s, actor, unit, "on_scene", "", incident_id)
                elif status in ("resolved", "cancelled"):
                    d.status, d.cleared_at = "cleared", utcnow()
                    after = "returning" if unit.status == "on_scene" else "available"
                    self._move_unit(s, actor, unit, after, "", incident_id)

    def _locked_incident(self, s: Session, incident_id: int) -> Incident:
        incident = s.scalars(select(Incident).where(Incident.id == incident_id).with_for_update()).first()
        if incident is None:
            raise DispatchError(f"incident {incident_id} does not exist")
        return incident

    def _move_incident(self, s: Session, actor: Actor, incident: Incident, to: str, note: str,
                       unit_id: int | None = None) -> None:  # fmt: skip
        if to not in INCIDENT_STATES:
            raise DispatchError(f"unknown incident state {to!r}")
        if to not in INCIDENT_MOVES[incident.status]:
            raise DispatchError(f"incident {incident.id} is {incident.status}; it cannot become {to}")
        before = incident.status
        incident.status = to
        if to in ("resolved", "cancelled"):
            incident.closed_at = utcnow()
        s.add(IncidentEvent(incident_id=incident.id, from_status=before, to_status=to, actor_id=actor.operator_id,
                            unit_id=unit_id, note=note.strip()))  # fmt: skip
        announce(s, "incident", incident.id)
        self.audit.append(s, actor, "incident.status", "incident", incident.id,
                          {"from": before, "to": to, "note": note.strip(), "unit_id": unit_id})  # fmt: skip

    @retry_when_locked
    def add_note(self, actor: Actor, incident_id: int, note: str) -> None:
        actor.require(Permission.INCIDENT_MANAGE)
        if not note.strip():
            raise DispatchError("the note is empty")
        with self.db.session() as s:
            self._locked_incident(s, incident_id)
            s.add(IncidentEvent(incident_id=incident_id, actor_id=actor.operator_id, note=note.strip()))
            self.audit.append(s, actor, "incident.note", "incident", incident_id, {"note": note.strip()})
            announce(s, "incident", incident_id)

    def detail(self, actor: Actor, incident_id: int) -> IncidentDetail:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            i = s.get(Incident, incident_id)
            if i is None:
                raise DispatchError(f"incident {incident_id} does not exist")
            units = [
                (d.unit_id, cs, d.status)
                for d, cs in s.execute(
                    select(Dispatch, PatrolUnit.call_sign).join(PatrolUnit, PatrolUnit.id == Dispatch.unit_id)
                    .where(Dispatch.incident_id == incident_id).order_by(Dispatch.dispatched_at)
                )
            ]  # fmt: skip
            rows = s.execute(
                select(IncidentEvent, Operator.username, PatrolUnit.call_sign)
                .outerjoin(Operator, Operator.id == IncidentEvent.actor_id)
                .outerjoin(PatrolUnit, PatrolUnit.id == IncidentEvent.unit_id)
                .where(IncidentEvent.incident_id == incident_id)
                .order_by(IncidentEvent.at, IncidentEvent.id)
            )
            timeline = [TimelineRow(e.at, e.from_status, e.to_status, who, cs, e.note) for e, who, cs in rows]
            return IncidentDetail(i.id, i.kind, i.priority, i.status, i.source, i.lat, i.lon, i.place, i.description,
                                  i.created_at, i.closed_at, units, timeline)  # fmt: skip

    # ----- suggestions and dispatch ------------------------------------------------------------
    def suggest(self, actor: Actor, lat: float, lon: float, now: datetime | None = None) -> list[Suggestion]:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            fixes = []
            for u in s.scalars(select(PatrolUnit).where(PatrolUnit.status == "available")):
                p = u.latest
                road = nearest_road_class((p.lat, p.lon), self.routes) if p else "city"
                fixes.append(UnitFix(u.id, u.call_sign, u.status, p.lat if p else None, p.lon if p else None,
                                     p.fixed_at if p else None, road))  # fmt: skip
        return rank_units((lat, lon), fixes, now or datetime.now(UTC), self.policy)

    @retry_when_locked
    def dispatch(self, actor: Actor, incident_id: int, unit_id: int, note: str = "") -> DispatchResult:
        actor.require(Permission.INCIDENT_MANAGE)
        with self.db.session() as s:
            incident = self._locked_incident(s, incident_id)
            if incident.status in ("resolved", "cancelled"):
                raise DispatchError(f"incident {incident_id} is {incident.status}")
            unit = s.get(PatrolUnit, unit_id)
            if unit is None:
                raise DispatchError(f"patrol unit {unit_id} does not exist")
            now = utcnow()
            # The race guard: only the transaction that still sees the unit available updates it.
            taken = cast(CursorResult[Any], s.execute(
                update(PatrolUnit).where(PatrolUnit.id == unit_id, PatrolUnit.status == "available")
                .values(status="dispatched", status_changed_at=now)
                .execution_options(synchronize_session=False)
            )).rowcount  # fmt: skip
            if taken != 1:
                s.refresh(unit)  # what the winner (or the unit's state) made of it
                raise DispatchConflict(f"{unit.call_sign} is no longer available ({unit.status}); choose another unit")
            s.refresh(unit)
            p = unit.latest
            distance = eta = None
            if p is not None:
                distance = haversine_m((p.lat, p.lon), (incident.lat, incident.lon))
                eta = eta_s(distance, nearest_road_class((p.lat, p.lon), self.routes), self.policy)
            d = Dispatch(incident_id=incident_id, unit_id=unit_id, dispatched_by_id=actor.operator_id,
                         dispatched_at=now, distance_m=distance, eta_s=eta, status="sent")  # fmt: skip
            s.add(d)
            if incident.status == "new":
                self._move_incident(s, actor, incident, "dispatched", note, unit_id)
            else:
                s.add(IncidentEvent(incident_id=incident_id, actor_id=actor.operator_id, unit_id=unit_id,
                                    note=note or "dispatched"))  # fmt: skip
            s.flush()
            announce(s, "dispatch", d.id)
            announce(s, "unit", unit_id)
            topic = f"{self.topic_prefix}/dispatch/{unit.call_sign}"
            order = {
                "dispatch_id": d.id, "incident_id": incident.id, "kind": incident.kind, "priority": incident.priority,
                "lat": incident.lat, "lon": incident.lon, "place": incident.place,
                "description": incident.description, "dispatched_at": now.isoformat(),
                "by": actor.username, "distance_m": distance, "eta_s": eta,
            }  # fmt: skip
            self.audit.append(s, actor, "unit.dispatch", "patrol_unit", unit_id,
                              {"incident_id": incident_id, "dispatch_id": d.id, "topic": topic})  # fmt: skip
            result_id, call_sign = d.id, unit.call_sign
        sent = False
        if self.publish is not None:
            try:
                sent = self.publish(topic, json.dumps(order, ensure_ascii=False).encode("utf-8"))
            except Exception:
                log.exception("dispatch %s: order to %s not sent", result_id, call_sign)
        if not sent:
            log.warning("dispatch %s recorded; order to %s not delivered (no broker)", result_id, call_sign)
        return DispatchResult(result_id, unit_id, call_sign, topic, sent)

    # ----- unit states -------------------------------------------------------------------------
    @retry_when_locked
    def set_unit_status(self, actor: Actor, unit_id: int, status: str, note: str = "") -> None:
        """Operator (or a team message) moves a unit on; the active dispatch and incident follow."""
        actor.require(Permission.INCIDENT_MANAGE)
        with self.db.session() as s:
            unit = self._locked_unit(s, PatrolUnit.id == unit_id)
            if unit is None:
                raise DispatchError(f"patrol unit {unit_id} does not exist")
            self._unit_changed(s, actor, unit, status, note)

    @retry_when_locked
    def unit_status_from_team(self, actor: Actor, call_sign: str, status: str) -> None:
        with self.db.session() as s:
            unit = self._locked_unit(s, PatrolUnit.call_sign == call_sign)
            if unit is None:
                raise DispatchError(f"no patrol unit has call sign {call_sign!r}")
            actor.require(Permission.INCIDENT_MANAGE)
            self._unit_changed(s, actor, unit, status, "team_report")

    def _locked_unit(self, s: Session, which: ColumnElement[bool]) -> PatrolUnit | None:
        """The unit locked, after the incident of its active dispatch, if it has one.

        dispatch() and set_incident_status() lock the incident and then the unit; taking them the
        other way round here deadlocked on PostgreSQL when two workstations sent and stood down the
        same team at once (tests/faults/test_workstation_race.py).
        """
        for _ in range(3):
            unit_id = s.scalar(select(PatrolUnit.id).where(which))
            if unit_id is None:
                return None
            incident_id = self._active_incident(s, unit_id)
            if incident_id is not None:
                self._locked_incident(s, incident_id)
            unit = s.scalars(select(PatrolUnit).where(PatrolUnit.id == unit_id).with_for_update()).first()
            # Sent elsewhere between the two reads: lock that incident too rather than act unlocked.
            if unit is None or self._active_incident(s, unit_id) == incident_id:
                return unit
        raise DispatchConflict("the team's assignment kept changing while it was updated; try again")

    @staticmethod
    def _active_incident(s: Session, unit_id: int) -> int | None:
        active = Dispatch.unit_id == unit_id, Dispatch.status.in_(ACTIVE_DISPATCH)
        return s.scalar(select(Dispatch.incident_id).where(*active).order_by(Dispatch.dispatched_at.desc()).limit(1))

    def _unit_changed(self, s: Session, actor: Actor, unit: PatrolUnit, status: str, note: str) -> None:
        if status == unit.status:
            return
        active = s.scalars(select(Dispatch).where(Dispatch.unit_id == unit.id, Dispatch.status.in_(ACTIVE_DISPATCH))
                           .order_by(Dispatch.dispatched_at.desc())).first()  # fmt: skip
        self._move_unit(s, actor, unit, status, note, active.incident_id if active else None)
        if active is None:
            return
        now = utcnow()
        incident = self._locked_incident(s, active.incident_id)
        if status == "en_route" and active.acknowledged_at is None:
            active.acknowledged_at, active.status = now, "acknowledged"
        elif status == "on_scene":
            active.arrived_at, active.status = now, "arrived"
            active.acknowledged_at = active.acknowledged_at or now
            if incident.status in ("new", "dispatched"):
                self._move_incident(s, actor, incident, "on_scene", "", unit.id)
        elif status in ("available", "returning", "off_duty", "out_of_service"):
            active.cleared_at, active.status = now, "cleared"

    def _move_unit(self, s: Session, actor: Actor, unit: PatrolUnit, to: str, note: str,
                   incident_id: int | None) -> None:  # fmt: skip
        if to not in UNIT_STATES:
            raise DispatchError(f"unknown unit state {to!r}; one of {', '.join(UNIT_STATES)}")
        if to == "dispatched":
            raise DispatchError("a unit is dispatched by dispatching it to an incident")
        if to not in UNIT_MOVES[unit.status]:
            raise DispatchError(f"{unit.call_sign} is {unit.status}; it cannot become {to}")
        before = unit.status
        unit.status, unit.status_changed_at = to, utcnow()
        announce(s, "unit", unit.id)
        if incident_id is not None:
            s.add(
                IncidentEvent(
                    incident_id=incident_id,
                    actor_id=actor.operator_id,
                    unit_id=unit.id,
                    # State codes, relabelled in the operator's language when shown (DispatchPanel).
                    note=f"{before} → {to}" + (f" · {note}" if note else ""),
                )
            )
        self.audit.append(s, actor, "unit.status", "patrol_unit", unit.id,
                          {"from": before, "to": to, "note": note, "incident_id": incident_id})  # fmt: skip
