"""Who analyses which camera: analytics processes and the camera leases they hold."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class AnalyticsNode(Base):
    """A running analytics process (or a console analysing its own wall), seen at each renewal."""

    __tablename__ = "analytics_nodes"

    holder: Mapped[str] = mapped_column(String(128), primary_key=True)  # "analytics@host:pid"
    kind: Mapped[str] = mapped_column(String(16), default="analytics")  # analytics | console
    device: Mapped[str] = mapped_column(String(32), default="")  # the OpenVINO device it infers on
    capacity: Mapped[int] = mapped_column(Integer, default=0)  # most cameras it will take; 0 = no limit
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class CameraLease(Base):
    """One row per camera being analysed: its holder, until when. Expired rows are free to take."""

    __tablename__ = "camera_leases"

    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128), index=True)
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
