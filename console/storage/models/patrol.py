"""Patrol units and their positions, incidents and dispatches, patrol logs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")


class PatrolUnit(Base):
    __tablename__ = "patrol_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sign: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    station: Mapped[str] = mapped_column(String(160), default="")
    vehicle: Mapped[str] = mapped_column(String(64), default="")  # e.g. "ô tô 80A-012.34", "mô tô"
    members: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The OwnTracks topic parts (owntracks/<team>/<device>) that report for this unit.
    tracker_team: Mapped[str | None] = mapped_column(String(64))
    tracker_device: Mapped[str | None] = mapped_column(String(64))
    # available | dispatched | en_route | on_scene | returning | off_duty | out_of_service
    status: Mapped[str] = mapped_column(String(20), default="available")
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    latest: Mapped[UnitLatestPosition | None] = relationship(cascade="all, delete-orphan")


class UnitLatestPosition(Base):
    __tablename__ = "unit_latest_positions"

    unit_id: Mapped[int] = mapped_column(ForeignKey("patrol_units.id", ondelete="CASCADE"), primary_key=True)
    fixed_at: Mapped[datetime]
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    speed_kmh: Mapped[float | None] = mapped_column(Float)
    course_deg: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    battery_pct: Mapped[int | None] = mapped_column(Integer)


class UnitPosition(Base):
    __tablename__ = "unit_positions"
    # A fix repeated by the broker (QoS 1 redelivery) is the same row, not a new one.
    __table_args__ = (UniqueConstraint("unit_id", "fixed_at", name="uq_unit_positions_unit_fixed"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("patrol_units.id", ondelete="CASCADE"))
    fixed_at: Mapped[datetime]
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    speed_kmh: Mapped[float | None] = mapped_column(Float)
    course_deg: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    battery_pct: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # crash | wanted_vehicle | wrong_way | stopped_vehicle | ...
    priority: Mapped[int] = mapped_column(Integer, default=2)
    # new | dispatched | on_scene | resolved | cancelled
    status: Mapped[str] = mapped_column(String(16), default="new")
    source: Mapped[str] = mapped_column(String(16), default="manual")  # alert | violation | citizen | manual
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    place: Mapped[str] = mapped_column(String(255), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"))
    candidate_id: Mapped[int | None] = mapped_column(ForeignKey("violation_candidates.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class IncidentEvent(Base):
    """The incident's timeline: every state change and note, with who and when."""

    __tablename__ = "incident_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_units.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class Dispatch(Base):
    __tablename__ = "dispatches"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("patrol_units.id"), index=True)
    dispatched_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    dispatched_at: Mapped[datetime] = mapped_column(default=utcnow)
    distance_m: Mapped[float | None] = mapped_column(Float)
    eta_s: Mapped[float | None] = mapped_column(Float)
    acknowledged_at: Mapped[datetime | None]
    arrived_at: Mapped[datetime | None]
    cleared_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="sent")  # sent | acknowledged | arrived | cleared


class PatrolLog(Base):
    __tablename__ = "patrol_logs"
    __table_args__ = (Index("ix_patrol_logs_status_start", "status", "shift_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("patrol_units.id"), index=True)
    shift_start: Mapped[datetime]
    shift_end: Mapped[datetime | None]
    plan_ref: Mapped[str] = mapped_column(String(64), default="")
    route_area: Mapped[str] = mapped_column(String(255), default="")
    vehicle: Mapped[str] = mapped_column(String(64), default="")
    members: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | submitted | returned | signed
    # A correction after sign-off is a new revision pointing at the one it replaces.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("patrol_logs.id"))
    review_comment: Mapped[str] = mapped_column(Text, default="")
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    signed_at: Mapped[datetime | None]
    source: Mapped[str] = mapped_column(String(16), default="station")  # station | import
    import_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    entries: Mapped[list[PatrolLogEntry]] = relationship(
        back_populates="log", cascade="all, delete-orphan", order_by="PatrolLogEntry.at"
    )


class PatrolLogEntry(Base):
    __tablename__ = "patrol_log_entries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("patrol_logs.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))  # checkpoint | vehicle_check | alcohol_test | incident | note
    place: Mapped[str] = mapped_column(String(255), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    plate: Mapped[str | None] = mapped_column(String(16), index=True)
    vehicle_class: Mapped[str | None] = mapped_column(String(16))
    result: Mapped[str | None] = mapped_column(String(20))  # no_violation | warning | violation | held
    violation_code: Mapped[str | None] = mapped_column(String(48))
    tests_count: Mapped[int | None] = mapped_column(Integer)
    reading_mg_l: Mapped[float | None] = mapped_column(Float)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    log: Mapped[PatrolLog] = relationship(back_populates="entries")
