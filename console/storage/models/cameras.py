"""Cameras, their rule geometry, and evidence files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow


class Camera(Base):
    __tablename__ = "cameras"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    route: Mapped[str] = mapped_column(String(64), index=True)  # "QL1A", "CT.01", "Hà Nội"
    route_kind: Mapped[str] = mapped_column(String(20))  # expressway | national_highway | city
    km: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(64), default="")
    # URLs are stored without credentials; those live in their own columns so that a URL can be
    # logged or shown as it is.
    main_url: Mapped[str] = mapped_column(Text)
    sub_url: Mapped[str | None] = mapped_column(Text)
    stream_username: Mapped[str | None] = mapped_column(String(128))
    stream_password: Mapped[str | None] = mapped_column(String(256))
    speed_limit_kmh: Mapped[int | None] = mapped_column(Integer)
    # The vehicle detector this camera's frames go through (a model name in resources/models or a
    # user's model folder); None means the default COCO detector.
    detector: Mapped[str | None] = mapped_column(String(64))
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    rules: Mapped[list[CameraRule]] = relationship(back_populates="camera", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"Camera({self.code!r}, {self.name!r})"


class CameraRule(Base):
    """A behaviour rule drawn on a camera's image: stop line, lane, zone, speed lines."""

    __tablename__ = "camera_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # red_light | wrong_way | speed | no_stopping | lane | ...
    name: Mapped[str] = mapped_column(String(128), default="")
    # Normalised image coordinates (0..1) so geometry survives a resolution change.
    geometry: Mapped[dict[str, Any]] = mapped_column(default=dict)
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    enabled: Mapped[bool] = mapped_column(default=True)

    camera: Mapped[Camera] = relationship(back_populates="rules")


class EvidenceFile(Base):
    """An image or clip written once to the evidence store and referenced by content hash."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    path: Mapped[str] = mapped_column(Text)  # relative to the evidence directory
    kind: Mapped[str] = mapped_column(String(20))  # frame | plate_crop | snapshot | clip
    mime: Mapped[str] = mapped_column(String(64), default="image/jpeg")
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
