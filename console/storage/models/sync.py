"""Station ↔ centre sync: imported bundles, the identity of rows made elsewhere, conflicts, station audit chains.

A row created at a station keeps its identity at the centre as (origin, table, origin id) in
``sync_rows``, so importing the same rows again updates, never duplicates, and ids never collide:
the centre's own ids stay its own (docs/sync.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

BigId = BigInteger().with_variant(Integer, "sqlite")


class SyncBundle(Base):
    """A bundle applied here, by the SHA-256 of its file: a second import of it is a no-op."""

    __tablename__ = "sync_bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # station | centre: who wrote it
    origin: Mapped[str] = mapped_column(String(32))  # the station code, or "centre"
    written_at: Mapped[datetime]
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SyncRow(Base):
    """A local row that stands for a row of another system."""

    __tablename__ = "sync_rows"
    __table_args__ = (
        UniqueConstraint("origin", "table_name", "origin_id", name="uq_sync_rows_origin_table_id"),
        Index("ix_sync_rows_table_local", "table_name", "local_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    origin: Mapped[str] = mapped_column(String(32))
    table_name: Mapped[str] = mapped_column(String(48))
    origin_id: Mapped[int] = mapped_column(BigInteger)
    local_id: Mapped[int] = mapped_column(BigInteger)
    # The origin's row as last applied, and this side's row right after: a later difference from
    # the second means someone here changed the row since (the conflict test).
    origin_sha256: Mapped[str] = mapped_column(String(64))
    local_sha256: Mapped[str] = mapped_column(String(64))
    bundle_id: Mapped[int] = mapped_column(ForeignKey("sync_bundles.id"))


class SyncConflict(Base):
    """A row changed at both ends: which version was kept, and the other one, for a supervisor."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("sync_bundles.id"), index=True)
    origin: Mapped[str] = mapped_column(String(32))
    table_name: Mapped[str] = mapped_column(String(48))
    origin_id: Mapped[int] = mapped_column(BigInteger)
    local_id: Mapped[int | None] = mapped_column(BigInteger)
    rule: Mapped[str] = mapped_column(String(48))  # earliest_decision | centre_kept
    kept: Mapped[str] = mapped_column(String(16))  # local | origin
    kept_row: Mapped[dict[str, Any]] = mapped_column(default=dict)
    set_aside_row: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncAuditEntry(Base):
    """A station's audit entry as the station wrote it, kept apart so both chains verify on their own."""

    __tablename__ = "sync_audit_entries"

    origin: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    bundle_id: Mapped[int] = mapped_column(ForeignKey("sync_bundles.id"))
