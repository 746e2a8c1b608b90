"""Patrol logs: station entry, JSON import, supervisor review and sign-off, revisions after sign-off.

State flow: open -> submitted -> (returned -> submitted)* -> signed. A signed log is frozen; a
correction is a new revision (revision + 1, supersedes_id) that starts open, and the signed one
stays as it was. Every change writes one audit entry in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from console.storage.db import Database
from console.storage.models import Dispatch, Incident, Operator, PatrolLog, PatrolLogEntry, PatrolUnit, UnitPosition

from .audit import AuditLog
from .context import Actor, Permission
from .patrol.checks import run_checks
from .patrol.importer import content_hash, read_text
from .patrol.model import (
    STATUSES,
    EntryInput,
    EntryView,
    LogInput,
    LogRow,
    LogView,
    check_header,
    normalise_entry,
)
from .patrol.route import Fix, RouteSummary, summarise
from .patrol.schema import LogFileError

# Without an end time the trace is cut here: a forgotten end must not pull in the next shift.
OPEN_SHIFT_WINDOW = timedelta(hours=12)


class PatrolLogError(ValueError):
    """The request cannot be carried out; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    log_id: int
    created: bool  # False: this content was imported before, nothing new was stored
    entries: int


def shift_fixes(session: Session, unit_id: int, start: datetime, end: datetime | None) -> list[Fix]:
    until = end if end is not None else start + OPEN_SHIFT_WINDOW
    rows = session.execute(
        select(UnitPosition.fixed_at, UnitPosition.lat, UnitPosition.lon)
        .where(UnitPosition.unit_id == unit_id, UnitPosition.fixed_at >= start, UnitPosition.fixed_at <= until)
        .order_by(UnitPosition.fixed_at)
    )
    return [Fix(at, lat, lon) for at, lat, lon in rows]


def route_of(session: Session, log: PatrolLog) -> RouteSummary:
    return summarise(shift_fixes(session, log.unit_id, log.shift_start, log.shift_end))


class PatrolLogService:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    # ----- reading -------------------------------------------------------------------------
    def list_logs(
        self, actor: Actor, status: str | None = None, *, include_superseded: bool = False, limit: int = 500
    ) -> list[LogRow]:
        actor.require(Permission.VIEW)
        newer = aliased(PatrolLog)
        superseded = exists().where(newer.supersedes_id == PatrolLog.id)
        counts = select(PatrolLogEntry.log_id, func.count().label("n")).group_by(PatrolLogEntry.log_id).subquery()
        stmt = (
            select(PatrolLog, PatrolUnit.call_sign, superseded, func.coalesce(counts.c.n, 0))
            .join(PatrolUnit, PatrolUnit.id == PatrolLog.unit_id)
            .outerjoin(counts, counts.c.log_id == PatrolLog.id)
            .order_by(PatrolLog.shift_start.desc(), PatrolLog.revision.desc())
            .limit(limit)
        )
        if status is not None:
            stmt = stmt.where(PatrolLog.status == status)
        if not include_superseded:
            stmt = stmt.where(~superseded)
        with self.db.session() as s:
            return [
                LogRow(
                    p.id, unit, p.shift_start, p.shift_end, p.route_area, p.status, p.revision, bool(old), p.source, n
                )
                for p, unit, old, n in s.execute(stmt)
            ]

    def view(self, actor: Actor, log_id: int) -> LogView:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            log = self._get(s, log_id)
            unit = s.get_one(PatrolUnit, log.unit_id)
            newer = s.scalar(select(PatrolLog.id).where(PatrolLog.supersedes_id == log.id))
            signer = s.get(Operator, log.signed_by_id) if log.signed_by_id else None
            entries = tuple(_entry_view(e) for e in log.entries)
            route = route_of(s, log)
            dispatched = set(s.scalars(select(Dispatch.incident_id).where(Dispatch.unit_id == log.unit_id)))
            checks = run_checks(log.shift_start, log.shift_end, entries, route, dispatched)
            members = tuple(log.members.get("members", []))
            return LogView(
                log.id, log.unit_id, unit.call_sign, unit.name, log.shift_start, log.shift_end, log.plan_ref,
                log.route_area, log.vehicle, members, log.status, log.revision, log.supersedes_id, newer,
                log.review_comment, signer.display_name or signer.username if signer else None, log.signed_at,
                log.source, entries, route, checks,
            )  # fmt: skip

    # ----- station entry -------------------------------------------------------------------
    def create(self, actor: Actor, data: LogInput) -> int:
        actor.require(Permission.VIEW)
        entries = self._validated(data)
        with self.db.session() as s:
            unit = self._unit(s, data.unit)
            self._check_incidents(s, entries)
            self._refuse_same_shift(s, unit.id, data.shift_start)
            log = self._new_log(unit.id, data, entries, source="station")
            s.add(log)
            s.flush()
            self.audit.append(s, actor, "patrol_log.create", "patrol_log", log.id, _summary(data, entries))
            return log.id

    def update(self, actor: Actor, log_id: int, data: LogInput) -> None:
        """Rewrite an open or returned log (header and entries) with what the station typed."""
        actor.require(Permission.VIEW)
        entries = self._validated(data)
        with self.db.session() as s:
            log = self._editable(s, log_id)
            unit = self._unit(s, data.unit)
            self._check_incidents(s, entries)
            log.unit_id = unit.id
            self._fill(log, data, entries)
            self.audit.append(s, actor, "patrol_log.update", "patrol_log", log.id, _summary(data, entries))

    def add_entry(self, actor: Actor, log_id: int, entry: EntryInput) -> int:
        actor.require(Permission.VIEW)
        try:
            clean = normalise_entry(entry)
        except ValueError as exc:
            raise PatrolLogError(str(exc)) from None
        with self.db.session() as s:
            log = self._editable(s, log_id)
            self._check_incidents(s, [clean])
            row = _entry_row(clean)
            log.entries.append(row)
            s.flush()
            self.audit.append(
                s, actor, "patrol_log.entry_add", "patrol_log", log.id,
                {"entry_id": row.id, "kind": clean.kind, "plate": clean.plate, "result": clean.result},
            )  # fmt: skip
            return row.id

    def remove_entry(self, actor: Actor, log_id: int, entry_id: int) -> None:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            log = self._editable(s, log_id)
            row = next((e for e in log.entries if e.id == entry_id), None)
            if row is None:
                raise PatrolLogError(f"log #{log_id} has no entry #{entry_id}")
            log.entries.remove(row)
            self.audit.append(
                s, actor, "patrol_log.entry_remove", "patrol_log", log.id,
                {"entry_id": entry_id, "kind": row.kind, "plate": row.plate, "at": row.at.isoformat()},
            )  # fmt: skip

    # ----- import --------------------------------------------------------------------------
    def import_file(self, actor: Actor, path: Path) -> ImportResult:
        try:
            text = path.read_text(encoding="utf-8-sig")  # phones and Windows editors add a BOM
        except UnicodeDecodeError as exc:
            raise LogFileError(f"not UTF-8 text (byte {exc.start})") from None
        return self.import_text(actor, text, path.name)

    def import_text(self, actor: Actor, text: str, name: str = "") -> ImportResult:
        """Store one submitted log (status submitted) in one transaction, or raise LogFileError."""
        actor.require(Permission.VIEW)
        doc, data = read_text(text)
        digest = content_hash(doc)
        with self.db.session() as s:
            existing = s.scalar(select(PatrolLog).where(PatrolLog.import_sha256 == digest))
            if existing is not None:
                return ImportResult(existing.id, False, len(existing.entries))
            unit = s.scalar(select(PatrolUnit).where(PatrolUnit.call_sign == data.unit))
            if unit is None:
                raise doc.fail(("unit",), f"no patrol unit has the call sign '{data.unit}'")
            for i, item in enumerate(doc.value["entries"]):
                incident = item.get("incident_id")
                if incident is not None and s.get(Incident, incident) is None:
                    raise doc.fail(("entries", i, "incident_id"), f"there is no incident #{incident}")
            clash = self._same_shift(s, unit.id, data.shift_start)
            if clash is not None:
                raise doc.fail(("shift", "start"), f"{data.unit} already has log #{clash} for the shift starting then")
            log = self._new_log(unit.id, data, data.entries, source="import", status="submitted")
            log.import_sha256 = digest
            s.add(log)
            try:
                s.flush()
            except IntegrityError:
                # Another workstation imported the same file a moment ago.
                raise PatrolLogError("this file is being imported elsewhere right now; try again") from None
            details = _summary(data, data.entries) | {"file": name[:120], "sha256": digest}
            self.audit.append(s, actor, "patrol_log.import", "patrol_log", log.id, details)
            return ImportResult(log.id, True, len(data.entries))

    # ----- review --------------------------------------------------------------------------
    def submit(self, actor: Actor, log_id: int) -> None:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            log = self._editable(s, log_id)
            self._move(s, actor, log, "submitted", "patrol_log.submit", {})

    def return_log(self, actor: Actor, log_id: int, comment: str) -> None:
        self.audit.require(self.db, actor, Permission.PATROL_LOG_SIGN, "patrol_log.return", log_id)
        comment = comment.strip()
        if not comment:
            raise PatrolLogError("say what the team must correct: a returned log needs a comment")
        with self.db.session() as s:
            log = self._get(s, log_id, lock=True)
            self._expect(log, "submitted", "return")
            log.review_comment = comment
            self._move(s, actor, log, "returned", "patrol_log.return", {"comment": comment})

    def sign(self, actor: Actor, log_id: int, comment: str = "") -> None:
        """Sign off a submitted log. The checks it had at that moment go into the audit entry."""
        self.audit.require(self.db, actor, Permission.PATROL_LOG_SIGN, "patrol_log.sign", log_id)
        with self.db.session() as s:
            log = self._get(s, log_id, lock=True)
            self._expect(log, "submitted", "sign")
            entries = [_entry_view(e) for e in log.entries]
            dispatched = set(s.scalars(select(Dispatch.incident_id).where(Dispatch.unit_id == log.unit_id)))
            checks = run_checks(log.shift_start, log.shift_end, entries, route_of(s, log), dispatched)
            log.review_comment = comment.strip()
            log.signed_by_id = actor.operator_id
            log.signed_at = datetime.now(UTC)
            details: dict[str, object] = {"comment": log.review_comment, "checks": [c.text for c in checks]}
            self._move(s, actor, log, "signed", "patrol_log.sign", details)

    def revise(self, actor: Actor, log_id: int, data: LogInput | None = None) -> int:
        """Correct a signed log: a new open revision (a copy, or ``data``); the signed one stays."""
        actor.require(Permission.VIEW)
        entries = self._validated(data) if data is not None else None
        with self.db.session() as s:
            old = self._get(s, log_id, lock=True)
            if old.status != "signed":
                raise PatrolLogError(f"log #{log_id} is {old.status}, not signed: edit it directly")
            newer = s.scalar(select(PatrolLog.id).where(PatrolLog.supersedes_id == old.id))
            if newer is not None:
                raise PatrolLogError(f"log #{log_id} was already corrected as log #{newer}; correct that one")
            if data is None:
                unit_id = old.unit_id
                copy = [_copy_entry(e) for e in old.entries]
                new = PatrolLog(
                    unit_id=unit_id, shift_start=old.shift_start, shift_end=old.shift_end, plan_ref=old.plan_ref,
                    route_area=old.route_area, vehicle=old.vehicle, members=dict(old.members), entries=copy,
                )  # fmt: skip
            else:
                assert entries is not None
                unit = self._unit(s, data.unit)
                self._check_incidents(s, entries)
                new = self._new_log(unit.id, data, entries, source=old.source)
            new.status, new.revision, new.supersedes_id, new.source = "open", old.revision + 1, old.id, old.source
            s.add(new)
            s.flush()
            self.audit.append(
                s, actor, "patrol_log.revise", "patrol_log", new.id,
                {"supersedes": old.id, "revision": new.revision},
            )  # fmt: skip
            return new.id

    # ----- helpers -------------------------------------------------------------------------
    @staticmethod
    def _validated(data: LogInput) -> list[EntryInput]:
        try:
            check_header(data)
            return [normalise_entry(e) for e in data.entries]
        except ValueError as exc:
            raise PatrolLogError(str(exc)) from None

    @staticmethod
    def _get(s: Session, log_id: int, *, lock: bool = False) -> PatrolLog:
        stmt = select(PatrolLog).where(PatrolLog.id == log_id)
        if lock:
            stmt = stmt.with_for_update()
        log = s.scalar(stmt)
        if log is None:
            raise PatrolLogError(f"there is no patrol log #{log_id}")
        return log

    def _editable(self, s: Session, log_id: int) -> PatrolLog:
        log = self._get(s, log_id, lock=True)
        if log.status == "signed":
            raise PatrolLogError(f"log #{log_id} is signed off and frozen; correct it as a new revision")
        if log.status == "submitted":
            raise PatrolLogError(f"log #{log_id} is waiting for review; a supervisor must return it first")
        return log

    @staticmethod
    def _expect(log: PatrolLog, status: str, what: str) -> None:
        if log.status != status:
            raise PatrolLogError(f"cannot {what} log #{log.id}: it is {log.status}, not {status}")

    def _move(self, s: Session, actor: Actor, log: PatrolLog, to: str, action: str, details: dict[str, object]) -> None:
        assert to in STATUSES
        before, log.status = log.status, to
        self.audit.append(s, actor, action, "patrol_log", log.id, {"from": before, "to": to} | details)

    @staticmethod
    def _unit(s: Session, call_sign: str) -> PatrolUnit:
        unit = s.scalar(select(PatrolUnit).where(PatrolUnit.call_sign == call_sign))
        if unit is None:
            raise PatrolLogError(f"no patrol unit has the call sign '{call_sign}'")
        return unit

    @staticmethod
    def _check_incidents(s: Session, entries: list[EntryInput]) -> None:
        for e in entries:
            if e.incident_id is not None and s.get(Incident, e.incident_id) is None:
                raise PatrolLogError(f"incident_id: there is no incident #{e.incident_id}")

    @staticmethod
    def _same_shift(s: Session, unit_id: int, start: datetime) -> int | None:
        newer = aliased(PatrolLog)
        return s.scalar(
            select(PatrolLog.id).where(
                PatrolLog.unit_id == unit_id,
                PatrolLog.shift_start == start,
                ~exists().where(newer.supersedes_id == PatrolLog.id),
            )
        )

    def _refuse_same_shift(self, s: Session, unit_id: int, start: datetime) -> None:
        clash = self._same_shift(s, unit_id, start)
        if clash is not None:
            raise PatrolLogError(f"this unit already has log #{clash} for the shift starting then")

    def _new_log(
        self, unit_id: int, data: LogInput, entries: list[EntryInput] | tuple[EntryInput, ...], *, source: str,
        status: str = "open",
    ) -> PatrolLog:  # fmt: skip
        log = PatrolLog(unit_id=unit_id, status=status, source=source, revision=1)
        self._fill(log, data, entries)
        return log

    @staticmethod
    def _fill(log: PatrolLog, data: LogInput, entries: list[EntryInput] | tuple[EntryInput, ...]) -> None:
        log.shift_start, log.shift_end = data.shift_start, data.shift_end
        log.plan_ref, log.route_area, log.vehicle = data.plan_ref, data.route_area, data.vehicle
        log.members = {"members": [dict(m) for m in data.members]}
        log.entries = [_entry_row(e) for e in entries]


def _entry_row(e: EntryInput) -> PatrolLogEntry:
    return PatrolLogEntry(
        at=e.at, kind=e.kind, place=e.place, lat=e.lat, lon=e.lon, plate=e.plate, vehicle_class=e.vehicle_class,
        result=e.result, violation_code=e.violation_code, tests_count=e.tests_count, reading_mg_l=e.reading_mg_l,
        incident_id=e.incident_id, note=e.note,
    )  # fmt: skip


def _copy_entry(e: PatrolLogEntry) -> PatrolLogEntry:
    return PatrolLogEntry(
        at=e.at, kind=e.kind, place=e.place, lat=e.lat, lon=e.lon, plate=e.plate, vehicle_class=e.vehicle_class,
        result=e.result, violation_code=e.violation_code, tests_count=e.tests_count, reading_mg_l=e.reading_mg_l,
        incident_id=e.incident_id, note=e.note,
    )  # fmt: skip


def _entry_view(e: PatrolLogEntry) -> EntryView:
    return EntryView(
        e.id, e.at, e.kind, e.place, e.lat, e.lon, e.plate, e.vehicle_class, e.result, e.violation_code,
        e.tests_count, e.reading_mg_l, e.incident_id, e.note,
    )  # fmt: skip


def _summary(data: LogInput, entries: list[EntryInput] | tuple[EntryInput, ...]) -> dict[str, object]:
    return {
        "unit": data.unit,
        "shift_start": data.shift_start.isoformat(),
        "shift_end": data.shift_end.isoformat() if data.shift_end else None,
        "entries": len(entries),
    }
