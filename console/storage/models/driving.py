"""Commercial vehicles and drivers, and their driving/rest periods (Law 36/2024/QH15 art. 64).

Raw positions are not kept: 10,000 vehicles at two fixes a minute would be 29 million rows a day,
and the limits need only each driver's running clock (driving_clocks) and the periods it closed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class CommercialVehicle(Base):
    __tablename__ = "commercial_vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Normalised (upper case, no '-', '.' or spaces): the same key the journey topic and CSV use.
    plate: Mapped[str] = mapped_column(String(16), unique=True)
    company: Mapped[str] = mapped_column(String(160), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommercialDriver(Base):
    __tablename__ = "commercial_drivers"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(32), unique=True)  # the driver's identity on the device
    name: Mapped[str] = mapped_column(String(160), default="")
    company: Mapped[str] = mapped_column(String(160), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DrivingClock(Base):
    """One driver's running totals; the columns are what the page lists, ``state`` what the engine resumes."""

    __tablename__ = "driving_clocks"
    __table_args__ = (Index("ix_driving_clocks_level", "level"),)

    driver_id: Mapped[int] = mapped_column(ForeignKey("commercial_drivers.id"), primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("commercial_vehicles.id"))
    last_fix_at: Mapped[datetime]
    continuous_s: Mapped[float] = mapped_column(Float, default=0.0)
    day_s: Mapped[float] = mapped_column(Float, default=0.0)
    week_s: Mapped[float] = mapped_column(Float, default=0.0)
    level: Mapped[str] = mapped_column(String(12), default="ok")  # ok | approaching | exceeded
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DrivingPeriod(Base):
    __tablename__ = "driving_periods"

    # Keyed by driver and start, so the open period is updated in place as fixes extend it.
    driver_id: Mapped[int] = mapped_column(ForeignKey("commercial_drivers.id"), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(primary_key=True)
    ended_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(8))  # driving | rest
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("commercial_vehicles.id"))
