"""Checked-vehicle lookup: one timeline per plate across patrol checks, camera reads and fines.

A team at the roadside asks "was this vehicle checked already, seen, fined?". Plates are stored in
their display form ("30A-123.45"); the match compares letters and digits only, so any spelling of
the query works. A partial plate matches anywhere in the plate; ``*`` and ``?`` are wildcards for
any run of characters and for one character ("30A*45", "29?1").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select

from console.storage.db import Database
from console.storage.models import (
    Camera,
    Fine,
    PatrolLog,
    PatrolLogEntry,
    PatrolUnit,
    PlateRead,
    ViolationCandidate,
    keys_like_on_sqlite,
)

from .context import Actor, Permission

MIN_QUERY = 3  # fewer characters match half the country


class PlateQueryError(ValueError):
    """The query cannot be searched; the message says why."""


@dataclass(frozen=True)
class LookupEvent:
    at: datetime
    source: str  # patrol_check | camera_read | fine
    plate: str
    place: str
    lat: float | None
    lon: float | None
    result: str  # the check's result, the read's confidence as text, the fine's status
    detail: str  # violation code, camera code, legal reference
    ref_id: int  # patrol log id, plate read id, fine id


def pattern_for(query: str) -> str:
    """SQL LIKE pattern over plate keys (upper-case letters and digits) for a lookup query."""
    cleaned = re.sub(r"[^0-9A-Za-z*?]", "", query).upper()
    if len(cleaned.replace("*", "").replace("?", "")) < MIN_QUERY:
        raise PlateQueryError(f"type at least {MIN_QUERY} letters or digits of the plate")
    body = cleaned.replace("*", "%").replace("?", "_")
    wildcard = "*" in cleaned or "?" in cleaned
    return body if wildcard else f"%{body}%"


def _key(column: Any) -> ColumnElement[str]:
    # The same normalisation in SQL on both backends: drop the separators, upper-case.
    return func.upper(func.replace(func.replace(func.replace(column, "-", ""), ".", ""), " ", ""))


class LookupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def timeline(self, actor: Actor, query: str, limit: int = 300) -> list[LookupEvent]:
        """Newest first, at most ``limit`` events per source."""
        actor.require(Permission.VIEW)
        like = pattern_for(query)
        events: list[LookupEvent] = []
        with self.db.session() as s:
            checks = (
                select(PatrolLogEntry, PatrolUnit.call_sign, PatrolLog.id)
                .join(PatrolLog, PatrolLog.id == PatrolLogEntry.log_id)
                .join(PatrolUnit, PatrolUnit.id == PatrolLog.unit_id)
                .where(PatrolLogEntry.plate.is_not(None), _key(PatrolLogEntry.plate).like(like))
                .order_by(PatrolLogEntry.at.desc())
                .limit(limit)
            )
            for e, unit, log_id in s.execute(checks):
                detail = e.violation_code or ""
                if e.reading_mg_l is not None:
                    detail = f"{detail} {e.reading_mg_l:g} mg/l".strip()
                place = f"{unit}: {e.place}" if e.place else unit
                events.append(
                    LookupEvent(
                        e.at, "patrol_check", e.plate or "", place, e.lat, e.lon, e.result or "", detail, log_id
                    )
                )
            # PostgreSQL: the trigram index serves this LIKE (0008). SQLite: plate_keys, then the key index.
            matches = keys_like_on_sqlite(s, like) if self.db.kind == "sqlite" else _key(PlateRead.plate).like(like)
            reads = (
                select(PlateRead, Camera)
                .join(Camera, Camera.id == PlateRead.camera_id)
                .where(PlateRead.plate.is_not(None), matches)
                .order_by(PlateRead.seen_at.desc())
                .limit(limit)
            )
            for r, cam in s.execute(reads):
                events.append(
                    LookupEvent(
                        r.seen_at, "camera_read", r.plate or "", cam.name, cam.lat, cam.lon,
                        f"{r.confidence:.0%}", cam.code, r.id,
                    )
                )  # fmt: skip
            fines = (
                select(Fine, ViolationCandidate.detected_at, Camera)
                .join(ViolationCandidate, ViolationCandidate.id == Fine.candidate_id)
                .join(Camera, Camera.id == ViolationCandidate.camera_id)
                .where(_key(Fine.plate).like(like))
                .order_by(ViolationCandidate.detected_at.desc())
                .limit(limit)
            )
            for f, detected, cam in s.execute(fines):
                events.append(
                    LookupEvent(
                        detected, "fine", f.plate, cam.name, cam.lat, cam.lon, f.status,
                        f"{f.violation_code} ({f.legal_ref})", f.id,
                    )
                )  # fmt: skip
        events.sort(key=lambda ev: ev.at, reverse=True)
        return events
