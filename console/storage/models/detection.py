"""What the detection engine produces: plate reads, alerts and violation candidates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")


class PlateRead(Base):
    __tablename__ = "plate_reads"
    __table_args__ = (
        Index("ix_plate_reads_plate_seen", "plate", "seen_at"),
        Index("ix_plate_reads_camera_seen", "camera_id", "seen_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    seen_at: Mapped[datetime]
    raw_text: Mapped[str] = mapped_column(String(32))  # what OCR said, kept as is
    plate: Mapped[str | None] = mapped_column(String(16))  # normalised; None when unreadable
    plate_colour: Mapped[str | None] = mapped_column(String(8))  # white | yellow | blue | red
    rows: Mapped[int] = mapped_column(Integer, default=1)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    vehicle_class: Mapped[str | None] = mapped_column(String(16))  # car | motorbike | bus | truck
    track_id: Mapped[str | None] = mapped_column(String(32))
    bbox: Mapped[dict[str, Any] | None]
    evidence_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_files.id"))


class HotlistEntry(Base):
    __tablename__ = "hotlist"

    id: Mapped[int] = mapped_column(primary_key=True)
    plate: Mapped[str] = mapped_column(String(16), index=True)
    plate_colour: Mapped[str | None] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(20))  # wanted | stolen | hit_and_run | other
    priority: Mapped[int] = mapped_column(Integer, default=2)  # 1 highest
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(128), default="")  # the requesting unit or case file
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # hotlist_hit | behaviour | system
    priority: Mapped[int] = mapped_column(Integer, default=2)
    status: Mapped[str] = mapped_column(String(16), default="new")  # new | acknowledged | closed
    message: Mapped[str] = mapped_column(Text, default="")
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id"))
    plate_read_id: Mapped[int | None] = mapped_column(ForeignKey("plate_reads.id"))
    hotlist_entry_id: Mapped[int | None] = mapped_column(ForeignKey("hotlist.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    acknowledged_at: Mapped[datetime | None]


class ViolationCandidate(Base):
    """A rule hit waiting for an operator's decision (camera fines, phạt nguội)."""

    __tablename__ = "violation_candidates"
    __table_args__ = (
        Index("ix_candidates_status_detected", "status", "detected_at"),
        Index("ix_candidates_plate_detected", "plate", "detected_at"),
        Index("ix_candidates_camera_detected", "camera_id", "detected_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    rule_kind: Mapped[str] = mapped_column(String(32))
    detected_at: Mapped[datetime]
    plate_raw: Mapped[str | None] = mapped_column(String(32))
    plate: Mapped[str | None] = mapped_column(String(16))
    plate_colour: Mapped[str | None] = mapped_column(String(8))
    vehicle_class: Mapped[str | None] = mapped_column(String(16))
    # Measured values the rule used: speed and limit, signal state, dwell seconds, lane.
    measured: Mapped[dict[str, Any]] = mapped_column(default=dict)
    track: Mapped[dict[str, Any]] = mapped_column(default=dict)
    model_versions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # camera: a rule hit; citizen: a report through the intake API, whose calling system is the reporter.
    source: Mapped[str] = mapped_column(String(16), default="camera", server_default="camera")
    reporter: Mapped[str | None] = mapped_column(String(64))
    # pending | claimed | confirmed | rejected | duplicate
    status: Mapped[str] = mapped_column(String(16), default="pending")
    case_key: Mapped[str | None] = mapped_column(String(96), index=True)  # duplicate grouping
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    claimed_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    decided_at: Mapped[datetime | None]
    reject_reason: Mapped[str | None] = mapped_column(String(32))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    corrected_plate: Mapped[str | None] = mapped_column(String(16))
    # Optimistic lock: every decision bumps it, so two decisions on one row cannot both win.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}


class CandidateEvidence(Base):
    __tablename__ = "candidate_evidence"

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("violation_candidates.id", ondelete="CASCADE"), primary_key=True
    )
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="frame")  # frame | plate_crop | track_frame
