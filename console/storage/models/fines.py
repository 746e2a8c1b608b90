"""Fine records and the vehicle-registration table used for owner lookup."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class VehicleRegistration(Base):
    __tablename__ = "vehicle_registrations"
    # Plate and colour together identify a vehicle (a white and a yellow 30A-123.45 can coexist).
    __table_args__ = (UniqueConstraint("plate", "plate_colour", name="uq_vehicle_registrations_plate_colour"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16), index=True)
    plate_colour: Mapped[str] = mapped_column(String(8))
    vehicle_class: Mapped[str] = mapped_column(String(16))  # car | motorbike | bus | truck
    brand: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(64), default="")
    colour: Mapped[str] = mapped_column(String(32), default="")
    owner_name: Mapped[str] = mapped_column(String(160))
    owner_id_number: Mapped[str] = mapped_column(String(20), default="")
    owner_address: Mapped[str] = mapped_column(Text, default="")
    owner_phone: Mapped[str] = mapped_column(String(20), default="")
    registered_on: Mapped[date | None] = mapped_column(Date)


class Fine(Base):
    """A confirmed camera violation. One per candidate, enforced by a unique key."""

    __tablename__ = "fines"
    __table_args__ = (Index("ix_fines_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("violation_candidates.id"), unique=True)
    plate: Mapped[str] = mapped_column(String(16), index=True)
    plate_colour: Mapped[str] = mapped_column(String(8))
    vehicle_class: Mapped[str] = mapped_column(String(16))
    violation_code: Mapped[str] = mapped_column(String(48))  # key into the Decree 168 rule table
    legal_ref: Mapped[str] = mapped_column(String(64))  # e.g. "NĐ 168/2024 Đ6.9.b"
    amount_min_vnd: Mapped[int] = mapped_column(BigInteger)
    amount_max_vnd: Mapped[int] = mapped_column(BigInteger)
    points: Mapped[int] = mapped_column(Integer, default=0)
    # pending_approval | final | notified | published | resolved | cancelled
    status: Mapped[str] = mapped_column(String(20), default="final")
    registration_id: Mapped[int | None] = mapped_column(ForeignKey("vehicle_registrations.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    approved_at: Mapped[datetime | None]
    notice_path: Mapped[str | None] = mapped_column(Text)
    notice_sha256: Mapped[str | None] = mapped_column(String(64))
    notified_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]  # publication deadline (20 days, Circular 73/2024 art. 24)
    published_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")
