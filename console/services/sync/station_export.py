"""What a station sends: its rows created or changed since a date, with every row they refer to.

Rows keep their station ids in the bundle; the centre maps them (services/sync/centre_import.py).
Shared registries travel by their natural keys: cameras by code, operators by username (never a
password hash), patrol units by call sign, registrations by plate and colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Table, or_, select
from sqlalchemy.orm import Session

from console.storage.models import (
    AuditEntry,
    Camera,
    CandidateEvidence,
    EvidenceFile,
    Fine,
    Operator,
    PatrolLog,
    PatrolLogEntry,
    PatrolUnit,
    PlateRead,
    VehicleRegistration,
    ViolationCandidate,
)

from .bundle import to_json

# Bundle table names, in the order the centre applies them (referenced rows first).
STATION_TABLES = (
    "cameras",
    "operators",
    "patrol_units",
    "vehicle_registrations",
    "evidence_files",
    "plate_reads",
    "violation_candidates",
    "candidate_evidence",
    "fines",
    "patrol_logs",
    "patrol_log_entries",
    "audit_entries",
)
# Credentials never leave the station's database in a bundle, which is signed but not encrypted.
CAMERA_COLUMNS = ("id", "code", "name", "route", "route_kind", "km", "lat", "lon", "direction", "main_url", "sub_url",
                  "speed_limit_kmh", "detector", "enabled")  # fmt: skip
OPERATOR_COLUMNS = ("id", "username", "display_name", "role")
_CHUNK = 500
T = TypeVar("T")


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _rows(
    session: Session, model: Any, *where: ColumnElement[bool], columns: Sequence[str] = ()
) -> list[dict[str, Any]]:
    table = _table(model)
    cols = [table.c[name] for name in columns] if columns else list(table.columns)
    pk = next(iter(table.primary_key.columns))
    result = session.execute(select(*cols).where(*where).order_by(pk))
    return [to_json(dict(r._mapping)) for r in result]


def _by_ids(session: Session, model: Any, ids: Iterable[int], columns: Sequence[str] = ()) -> list[dict[str, Any]]:
    wanted = sorted(set(ids))
    out: list[dict[str, Any]] = []
    for start in range(0, len(wanted), _CHUNK):
        out += _rows(session, model, model.id.in_(wanted[start : start + _CHUNK]), columns=columns)
    return out


def _since(since: datetime, *columns: Any) -> ColumnElement[bool]:
    return or_(*(c >= since for c in columns))


def collect(session: Session, since: datetime) -> tuple[dict[str, list[dict[str, Any]]], set[str]]:
    """The station's tables for a bundle, and the SHA-256 of every evidence file they refer to."""
    reads = _rows(session, PlateRead, PlateRead.seen_at >= since)
    vc = ViolationCandidate
    cand_ids = set(session.scalars(select(vc.id).where(_since(since, vc.detected_at, vc.claimed_at, vc.decided_at))))
    fine_ids = set(
        session.scalars(
            select(Fine.id).where(
                or_(
                    _since(since, Fine.created_at, Fine.approved_at, Fine.notified_at, Fine.published_at),
                    _since(since, Fine.resolved_at),
                    Fine.candidate_id.in_(select(vc.id).where(_since(since, vc.detected_at, vc.decided_at))),
                )
            )
        )
    )
    fines = _by_ids(session, Fine, fine_ids)
    cand_ids |= {f["candidate_id"] for f in fines}  # a fine never travels without its candidate
    candidates = _by_ids(session, vc, cand_ids)
    links = [
        to_json(dict(r._mapping))
        for chunk in _chunks(sorted(cand_ids))
        for r in session.execute(
            select(CandidateEvidence.__table__)
            .where(CandidateEvidence.candidate_id.in_(chunk))
            .order_by(CandidateEvidence.candidate_id, CandidateEvidence.evidence_id)
        )
    ]
    logs = _patrol_logs(session, since)
    entries = [
        e
        for chunk in _chunks([lg["id"] for lg in logs])
        for e in _rows(session, PatrolLogEntry, PatrolLogEntry.log_id.in_(chunk))
    ]
    evidence = _by_ids(
        session,
        EvidenceFile,
        [r["evidence_id"] for r in reads if r["evidence_id"]] + [lk["evidence_id"] for lk in links],
    )
    operator_ids = {
        v
        for rows, names in (
            (candidates, ("claimed_by_id", "decided_by_id")),
            (fines, ("created_by_id", "approved_by_id")),
            (logs, ("signed_by_id",)),
        )
        for row in rows
        for v in (row[n] for n in names)
        if v is not None
    }
    camera_ids = {r["camera_id"] for r in (*reads, *candidates, *evidence) if r.get("camera_id") is not None}
    tables = {
        "cameras": _by_ids(session, Camera, camera_ids, CAMERA_COLUMNS),
        "operators": _by_ids(session, Operator, operator_ids, OPERATOR_COLUMNS),
        "patrol_units": _by_ids(session, PatrolUnit, {lg["unit_id"] for lg in logs}),
        "vehicle_registrations": _by_ids(
            session, VehicleRegistration, {f["registration_id"] for f in fines if f["registration_id"]}
        ),
        "evidence_files": evidence,
        "plate_reads": reads,
        "violation_candidates": candidates,
        "candidate_evidence": links,
        "fines": fines,
        "patrol_logs": logs,
        "patrol_log_entries": entries,
        "audit_entries": _rows(session, AuditEntry, AuditEntry.at >= since),
    }
    return tables, {e["sha256"] for e in evidence}


def _patrol_logs(session: Session, since: datetime) -> list[dict[str, Any]]:
    pl = PatrolLog
    ids = set(session.scalars(select(pl.id).where(_since(since, pl.shift_start, pl.created_at, pl.signed_at))))
    ids |= set(session.scalars(select(PatrolLogEntry.log_id).where(PatrolLogEntry.at >= since)))
    # A revision refers to the log it replaces, which therefore travels with it, back to the first.
    frontier = set(ids)
    while frontier:
        older = set(session.scalars(select(pl.supersedes_id).where(pl.id.in_(frontier), pl.supersedes_id.is_not(None))))
        frontier = {i for i in older if i is not None} - ids
        ids |= frontier
    return _by_ids(session, pl, ids)


def _chunks(values: Sequence[T]) -> Iterable[list[T]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def evidence_paths(root: Path, session: Session, digests: set[str]) -> dict[str, Path]:
    """Where each evidence file lies in the station's store."""
    out: dict[str, Path] = {}
    for chunk in _chunks(sorted(digests)):
        for sha, rel in session.execute(
            select(EvidenceFile.sha256, EvidenceFile.path).where(EvidenceFile.sha256.in_(chunk))
        ):
            out[sha] = root / rel
    return out
