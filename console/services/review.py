"""The camera-fine review queue: filters and keyset paging, claiming, decisions, duplicate cases.

Safety between operators rests on the database, not on the window:
- claiming is one UPDATE whose target row is picked by a sub-select; on PostgreSQL the sub-select
  takes ``FOR UPDATE SKIP LOCKED`` so two workstations never pick the same row, and on SQLite the
  UPDATE takes the write lock at once (db.py begins each transaction with BEGIN) and re-checks
  ``status = 'pending'``;
- every decision is a conditional UPDATE on (id, version, status 'claimed', claimed by me) that
  bumps ``version``: of two decisions on one row only the first matches, the second is told who won;
- a fine row is unique per candidate, a last guard against a double fine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, literal, or_, select, tuple_, union_all, update
from sqlalchemy.orm import Session

from console.storage.db import Database
from console.storage.models import (
    Camera,
    CandidateEvidence,
    EvidenceFile,
    Operator,
    UTCDateTime,
    ViolationCandidate,
    utcnow,
)
from inference.plates.grammar import parse_plate, plate_key

from .audit import AuditLog
from .context import Actor, Permission
from .events import announce
from .fine_table import FineRuleError
from .fines import Assessment, FineError, FineService

VC = ViolationCandidate

REJECT_REASONS = ("unreadable_plate", "emergency_vehicle", "detection_error", "duplicate", "other")
OPEN = ("pending", "claimed")
STATUSES = ("pending", "claimed", "confirmed", "rejected", "duplicate")
# Vietnam keeps UTC+7 all year; shifts are counted in local time.
VN_TIME = timezone(timedelta(hours=7))
SHIFT_STARTS = (6, 14, 22)


class ReviewError(ValueError):
    """A request the queue refuses; the message is for the operator."""


class ReviewConflict(ReviewError):
    """Someone else got there first (claimed or decided the candidate); nothing was changed."""


@dataclass(frozen=True)
class QueueFilter:
    camera_id: int | None = None
    route: str | None = None
    rule_kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    statuses: tuple[str, ...] = OPEN
    plate: str | None = None  # a whole plate in any spelling, or the start of one


@dataclass(frozen=True)
class Cursor:
    detected_at: datetime
    id: int


@dataclass(frozen=True)
class QueueRow:
    id: int
    detected_at: datetime
    camera: str
    route: str
    rule_kind: str
    plate: str | None
    vehicle_class: str | None
    status: str
    claimed_by: str | None
    case_key: str | None
    source: str = "camera"


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    next: Cursor | None


@dataclass(frozen=True)
class EvidenceItem:
    role: str
    path: Path
    sha256: str
    width: int | None
    height: int | None


@dataclass(frozen=True)
class CandidateDetail:
    id: int
    version: int
    status: str
    detected_at: datetime
    camera: str
    camera_code: str
    route: str
    route_kind: str
    rule_kind: str
    plate_raw: str | None
    plate: str | None
    corrected_plate: str | None
    plate_colour: str | None
    vehicle_class: str | None
    measured: dict[str, Any]
    track: dict[str, Any]
    claimed_by: str | None
    case_key: str | None
    case_size: int
    evidence: list[EvidenceItem]
    assessment: Assessment | None
    assessment_problem: str | None
    source: str = "camera"  # camera | citizen
    reporter: str | None = None  # the intake calling system of a citizen report


@dataclass(frozen=True)
class NewCandidate:
    """A rule hit as the detection engine (or the demo) hands it over."""

    camera_id: int
    rule_kind: str
    detected_at: datetime
    plate_raw: str | None
    plate: str | None
    plate_colour: str | None
    vehicle_class: str | None
    measured: dict[str, Any] = field(default_factory=dict)
    track: dict[str, Any] = field(default_factory=dict)
    model_versions: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[tuple[str, int], ...] = ()  # (role, evidence_files.id)
    source: str = "camera"
    reporter: str | None = None


@dataclass(frozen=True)
class Decision:
    candidate_id: int
    status: str
    fine_id: int | None = None
    fine_status: str | None = None
    owner_known: bool | None = None
    duplicates_closed: tuple[int, ...] = ()


@dataclass(frozen=True)
class ReviewStats:
    # (operator, shift start in local time) -> {"confirmed": n, "rejected": n, "duplicate": n}
    per_operator_shift: dict[tuple[str, datetime], dict[str, int]]
    # rule kind -> (confirmed, rejected)
    per_rule: dict[str, tuple[int, int]]
    per_camera: dict[str, tuple[int, int]]


def display_prefixes(typed: str) -> set[str] | None:
    """The starts of stored (display-form) plates that a partial plate can be, or None if unknown.

    "30A1" is the start of the car plate "30A-1…" or the motorbike plate "30-A1…"; "29MD1" of
    "29MD-1…", "29-MD1…" or the moped "29-MD 1…". Separators are placed as Plate.text places them.
    """
    key = plate_key(typed)
    if len(key) <= 2:
        return {key} if key.isdigit() else None
    match = re.fullmatch(r"(\d\d)([A-Z]{1,2})(\d*)", key)
    if match is None:
        return None
    province, letters, digits = match.groups()

    def number(d: str) -> set[str]:
        # Five-digit numbers are written 123.45, older four-digit ones 1234.
        return {d} if len(d) <= 3 else {f"{d[:3]}.{d[3:]}", d} if len(d) == 4 else {f"{d[:3]}.{d[3:]}"}

    found = {province + letters + (f"-{n}" if n else "") for n in (number(digits) if digits else {""})}
    if digits:  # two-row: the series ends with a digit (B1, MD1)
        rest = digits[1:]
        found |= {f"{province}-{letters}{digits[0]}" + (f" {n}" if n else "") for n in (number(rest) if rest else {""})}
    else:
        found.add(f"{province}-{letters}")
    if len(letters) == 2 and digits:  # two-row moped series of two letters (AA 123.45)
        found |= {f"{province}-{letters} {n}" for n in number(digits)}
    return found


def _plate_prefix(typed: str) -> Any:
    """A filter for plates starting with a partial plate, using the plate index where it can."""
    prefixes = display_prefixes(typed)
    if prefixes is None or len(plate_key(typed)) < 3:
        # Too short (or not a civil plate) to narrow much: match the key form of every row.
        bare = func.replace(func.replace(func.replace(VC.plate, "-", ""), ".", ""), " ", "")
        return bare.like(plate_key(typed) + "%")
    # A range per possible start uses the (plate, detected_at) index; LIKE keeps it exact whatever
    # the database's collation does with "-" and ".".
    return or_(
        *(
            and_(VC.plate >= p, VC.plate < p[:-1] + chr(ord(p[-1]) + 1), VC.plate.like(p + "%"))
            for p in sorted(prefixes)
        )
    )


def shift_start(at: datetime) -> datetime:
    """Start (local time) of the 8-hour shift (06–14, 14–22, 22–06) that ``at`` falls in."""
    local = at.astimezone(VN_TIME)
    day = local.replace(minute=0, second=0, microsecond=0)
    if local.hour < SHIFT_STARTS[0]:
        return (day - timedelta(days=1)).replace(hour=SHIFT_STARTS[-1])
    return day.replace(hour=max(h for h in SHIFT_STARTS if h <= local.hour))


class ReviewService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        fines: FineService,
        evidence_root: Path,
        *,
        claim_timeout_s: float = 600,
        duplicate_window_s: float = 3600,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.audit = audit
        self.fines = fines
        self.evidence_root = evidence_root
        self.claim_timeout = timedelta(seconds=claim_timeout_s)
        self.duplicate_window = timedelta(seconds=duplicate_window_s)
        self.clock = clock

    # -- reading ---------------------------------------------------------------------------

    def _where(self, f: QueueFilter) -> list[Any]:
        where: list[Any] = []
        if f.statuses:
            where.append(VC.status.in_(f.statuses) if len(f.statuses) > 1 else VC.status == f.statuses[0])
        if f.camera_id is not None:
            # "+ 0" keeps the planner on (status, detected_at): walking one camera's index from its
            # oldest hit first wades through months of decided rows before reaching the waiting ones.
            where.append(VC.camera_id + 0 == f.camera_id if f.statuses else VC.camera_id == f.camera_id)
        if f.route:
            where.append(VC.camera_id.in_(select(Camera.id).where(Camera.route == f.route)))
        if f.rule_kind:
            where.append(VC.rule_kind == f.rule_kind)
        if f.since is not None:
            where.append(VC.detected_at >= f.since)
        if f.until is not None:
            where.append(VC.detected_at < f.until)
        if f.plate and f.plate.strip():
            plate = parse_plate(f.plate)
            if plate is not None:
                where.append(VC.plate == plate.text)
            else:
                where.append(_plate_prefix(f.plate))
        return where

    def queue(self, actor: Actor, f: QueueFilter, after: Cursor | None = None, limit: int = 50) -> QueuePage:
        """One page, oldest first; ``after`` is the last row of the previous page (keyset paging)."""
        actor.require(Permission.VIEW)
        # One ordered, limited branch per status, merged: each branch walks the (status, detected_at)
        # index in order and stops after a page, where "status IN (…) ORDER BY detected_at" would have
        # to sort every waiting row first (hundreds of milliseconds at a million rows on PostgreSQL).
        branches = []
        for status in f.statuses or STATUSES:
            where = self._where(replace(f, statuses=(status,)))
            if after is not None:
                where.append(
                    tuple_(VC.detected_at, VC.id) > tuple_(literal(after.detected_at, UTCDateTime()), literal(after.id))
                )
            branch = select(VC.id, VC.detected_at).where(*where).order_by(VC.detected_at, VC.id).limit(limit + 1)
            sub = branch.subquery()
            branches.append(select(sub.c.id, sub.c.detected_at))
        merged = (branches[0] if len(branches) == 1 else union_all(*branches)).subquery()
        top = select(merged.c.id).order_by(merged.c.detected_at, merged.c.id).limit(limit + 1).subquery()
        stmt = (
            select(VC, Camera.name, Camera.route, Operator.username)
            .join(top, top.c.id == VC.id)
            .join(Camera, Camera.id == VC.camera_id)
            .outerjoin(Operator, Operator.id == VC.claimed_by_id)
            .order_by(VC.detected_at, VC.id)
        )
        with self.db.session() as s:
            found = s.execute(stmt).all()
        rows = [
            QueueRow(
                v.id, v.detected_at, name, route, v.rule_kind, v.corrected_plate or v.plate, v.vehicle_class,
                v.status, username, v.case_key, v.source,
            )
            for v, name, route, username in found[:limit]
        ]  # fmt: skip
        more = len(found) > limit
        return QueuePage(rows, Cursor(rows[-1].detected_at, rows[-1].id) if more and rows else None)

    def counts(self, actor: Actor, f: QueueFilter, cap: int = 10_000) -> dict[str, int]:
        """Rows per status under the filter, each counted up to ``cap`` so a huge table stays fast."""
        actor.require(Permission.VIEW)
        result: dict[str, int] = {}
        with self.db.session() as s:
            for status in STATUSES:
                where = self._where(replace(f, statuses=(status,)))
                limited = select(VC.id).where(*where).limit(cap).subquery()
                result[status] = int(s.scalar(select(func.count()).select_from(limited)) or 0)
        return result

    def detail(self, actor: Actor, candidate_id: int) -> CandidateDetail:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            return self._detail(s, candidate_id)

    def _detail(self, s: Session, candidate_id: int) -> CandidateDetail:
        found = s.execute(
            select(VC, Camera, Operator.username)
            .join(Camera, Camera.id == VC.camera_id)
            .outerjoin(Operator, Operator.id == VC.claimed_by_id)
            .where(VC.id == candidate_id)
        ).first()
        if found is None:
            raise ReviewError(f"there is no violation candidate {candidate_id}")
        c, cam, claimer = found
        evidence = [
            EvidenceItem(role, self.evidence_root / e.path, e.sha256, e.width, e.height)
            for role, e in s.execute(
                select(CandidateEvidence.role, EvidenceFile)
                .join(EvidenceFile, EvidenceFile.id == CandidateEvidence.evidence_id)
                .where(CandidateEvidence.candidate_id == c.id)
                .order_by(CandidateEvidence.role)
            )
        ]
        case_size = 1
        if c.case_key:
            case_size = int(s.scalar(select(func.count()).where(VC.case_key == c.case_key)) or 1)
        assessment: Assessment | None = None
        problem: str | None = None
        try:
            assessment = self.fines.assess(s, c, cam)
        except (FineError, FineRuleError) as exc:
            problem = str(exc)
        return CandidateDetail(
            c.id, c.version, c.status, c.detected_at, cam.name, cam.code, cam.route, cam.route_kind, c.rule_kind,
            c.plate_raw, c.plate, c.corrected_plate, c.plate_colour, c.vehicle_class, dict(c.measured),
            dict(c.track), claimer, c.case_key, case_size, evidence, assessment, problem, c.source, c.reporter,
        )  # fmt: skip

    # -- claiming --------------------------------------------------------------------------

    def release_expired(self) -> int:
        """Put back claims older than the timeout (a closed window, a crashed workstation)."""
        with self.db.session() as s:
            return self._release_expired(s)

    def _release_expired(self, s: Session) -> int:
        result = s.execute(
            update(VC)
            .where(VC.status == "claimed", VC.claimed_at < self.clock() - self.claim_timeout)
            .values(status="pending", claimed_by_id=None, claimed_at=None, version=VC.version + 1)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def claim_next(
        self, actor: Actor, f: QueueFilter | None = None, exclude: Iterable[int] = ()
    ) -> CandidateDetail | None:
        """Claim the oldest pending candidate under the filter; None when nothing is left."""
        operator_id = self._operator(actor)
        f = f or QueueFilter()
        excluded = list(exclude)
        where = self._where(replace(f, statuses=("pending",)))
        if excluded:
            where.append(VC.id.not_in(excluded))
        pick = (
            select(VC.id)
            .where(*where)
            .order_by(VC.detected_at, VC.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        with self.db.session() as s:
            # In the claim's own transaction: one commit (one disk flush) per claim, not two.
            self._release_expired(s)
            claimed = s.scalar(
                update(VC)
                .where(VC.id == pick, VC.status == "pending")
                .values(status="claimed", claimed_by_id=operator_id, claimed_at=self.clock(), version=VC.version + 1)
                .returning(VC.id)
                .execution_options(synchronize_session=False)
            )
            if claimed is None:
                return None
            announce(s, "candidate", claimed)  # the queue of every other operator shows it taken
            self.audit.append(s, actor, "review.claim", "violation_candidate", claimed)
            return self._detail(s, claimed)

    def claim(self, actor: Actor, candidate_id: int) -> CandidateDetail:
        """Claim one chosen candidate (clicked in the list); refused if someone else holds it."""
        operator_id = self._operator(actor)
        cutoff = self.clock() - self.claim_timeout
        with self.db.session() as s:
            result = s.execute(
                update(VC)
                .where(
                    VC.id == candidate_id,
                    or_(
                        VC.status == "pending",
                        and_(VC.status == "claimed", or_(VC.claimed_by_id == operator_id, VC.claimed_at < cutoff)),
                    ),
                )
                .values(status="claimed", claimed_by_id=operator_id, claimed_at=self.clock(), version=VC.version + 1)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) != 1:
                raise self._conflict(s, candidate_id)
            announce(s, "candidate", candidate_id)
            self.audit.append(s, actor, "review.claim", "violation_candidate", candidate_id)
            return self._detail(s, candidate_id)

    # -- decisions -------------------------------------------------------------------------

    def skip(self, actor: Actor, candidate_id: int, version: int) -> None:
        """Give the candidate back to the queue undecided."""
        with self.db.session() as s:
            self._take(s, actor, candidate_id, version, status="pending", claimed_by_id=None, claimed_at=None)
            self.audit.append(s, actor, "review.skip", "violation_candidate", candidate_id)

    def correct_plate(self, actor: Actor, candidate_id: int, version: int, text: str) -> CandidateDetail:
        plate = parse_plate(text)
        if plate is None:
            raise ReviewError(f"'{text}' cannot be a Vietnamese plate; type it as on the plate, e.g. 30A-123.45")
        with self.db.session() as s:
            # The conditional write comes first: on SQLite it takes the write lock before any read.
            self._take(s, actor, candidate_id, version, corrected_plate=plate.text)
            cand = s.get(VC, candidate_id)
            assert cand is not None
            case_key = self._case_key(s, plate.text, cand.rule_kind, cand.detected_at)
            s.execute(
                update(VC)
                .where(VC.id == candidate_id)
                .values(case_key=case_key)
                .execution_options(synchronize_session=False)
            )
            self.audit.append(
                s, actor, "review.correct_plate", "violation_candidate", candidate_id,
                {"read": cand.plate_raw, "detected": cand.plate, "to": plate.text},
            )  # fmt: skip
            s.expire_all()
            return self._detail(s, candidate_id)

    def reject(self, actor: Actor, candidate_id: int, version: int, reason: str, note: str = "") -> Decision:
        if reason not in REJECT_REASONS:
            raise ReviewError(f"'{reason}' is not a reject reason; use one of {', '.join(REJECT_REASONS)}")
        if reason == "other" and not note.strip():
            raise ReviewError("a reject for another reason needs a short explanation")
        with self.db.session() as s:
            self._take(
                s, actor, candidate_id, version, status="rejected", decided_by_id=actor.operator_id,
                decided_at=self.clock(), reject_reason=reason, decision_note=note.strip(),
            )  # fmt: skip
            self.audit.append(
                s, actor, "review.reject", "violation_candidate", candidate_id, {"reason": reason, "note": note.strip()}
            )
        return Decision(candidate_id, "rejected")

    def confirm(self, actor: Actor, candidate_id: int, version: int, note: str = "") -> Decision:
        """Confirm the violation: the fine is computed and stored in the same transaction."""
        with self.db.session() as s:
            self._lock_case(s, candidate_id)
            self._take(
                s, actor, candidate_id, version, status="confirmed", decided_by_id=actor.operator_id,
                decided_at=self.clock(), decision_note=note.strip(),
            )  # fmt: skip
            cand = s.get(VC, candidate_id)
            assert cand is not None
            cam = s.get(Camera, cand.camera_id)
            assert cam is not None
            if cand.case_key:
                earlier = s.scalar(
                    select(VC.id).where(VC.case_key == cand.case_key, VC.status == "confirmed", VC.id != cand.id)
                )
                if earlier is not None:
                    raise ReviewConflict(
                        f"candidate {earlier} of the same case is already confirmed; reject this one as a duplicate"
                    )
            try:
                fine = self.fines.create(s, actor, cand, cam)
            except (FineError, FineRuleError) as exc:
                raise ReviewError(str(exc)) from None
            closed = self._close_case(s, actor, cand)
            self.audit.append(
                s, actor, "review.confirm", "violation_candidate", candidate_id,
                {
                    "fine": fine.id, "plate": fine.plate, "violation": fine.violation_code, "legal_ref": fine.legal_ref,
                    "amount": [fine.amount_min_vnd, fine.amount_max_vnd], "points": fine.points,
                    "fine_status": fine.status, "owner_known": fine.registration_id is not None,
                    "table_version": self.fines.table.version, "duplicates": list(closed),
                },
            )  # fmt: skip
            return Decision(candidate_id, "confirmed", fine.id, fine.status, fine.registration_id is not None, closed)

    @staticmethod
    def _lock_case(s: Session, candidate_id: int) -> None:
        """Lock every hit of the candidate's case, in id order, before deciding any of them.

        Two workstations confirming two hits of one case each locked their own hit and then waited
        for the other's to close it as a duplicate: a deadlock on PostgreSQL, which reached one
        operator as a raw database error (tests/faults/test_workstation_race.py). In id order the
        second waits for the first, then finds its hit closed as a duplicate: a plain conflict.
        (SQLite's BEGIN IMMEDIATE already serialises the writers.)
        """
        key = s.scalar(select(VC.case_key).where(VC.id == candidate_id))
        if key:
            s.scalars(select(VC.id).where(VC.case_key == key).order_by(VC.id).with_for_update()).all()

    def _close_case(self, s: Session, actor: Actor, cand: ViolationCandidate) -> tuple[int, ...]:
        if not cand.case_key:
            return ()
        ids = tuple(
            s.scalars(
                update(VC)
                .where(VC.case_key == cand.case_key, VC.id != cand.id, VC.status.in_(OPEN))
                .values(
                    status="duplicate", decided_by_id=actor.operator_id, decided_at=self.clock(),
                    reject_reason="duplicate", decision_note=f"same case as {cand.id}", version=VC.version + 1,
                )
                .returning(VC.id)
                .execution_options(synchronize_session=False)
            )
        )  # fmt: skip
        for closed in ids:
            announce(s, "decision", closed)
        return tuple(sorted(ids))

    def _operator(self, actor: Actor) -> int:
        actor.require(Permission.REVIEW_DECIDE)
        if actor.operator_id is None:
            raise ReviewError("review decisions need a signed-in operator")
        return actor.operator_id

    def _take(self, s: Session, actor: Actor, candidate_id: int, version: int, **values: Any) -> None:
        operator_id = self._operator(actor)
        result = s.execute(
            update(VC)
            .where(
                VC.id == candidate_id, VC.version == version, VC.status == "claimed", VC.claimed_by_id == operator_id
            )
            .values(version=VC.version + 1, **values)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise self._conflict(s, candidate_id)
        announce(s, "decision" if values.get("status") in ("confirmed", "rejected") else "candidate", candidate_id)

    def _conflict(self, s: Session, candidate_id: int) -> ReviewError:
        found = s.execute(
            select(VC.status, Operator.username)
            .outerjoin(Operator, Operator.id == func.coalesce(VC.decided_by_id, VC.claimed_by_id))
            .where(VC.id == candidate_id)
        ).first()
        if found is None:
            return ReviewError(f"there is no violation candidate {candidate_id}")
        status, who = found
        if status in ("confirmed", "rejected", "duplicate"):
            return ReviewConflict(f"candidate {candidate_id} was already decided ({status}) by {who}")
        if status == "claimed":
            return ReviewConflict(f"candidate {candidate_id} is being reviewed by {who}")
        return ReviewConflict(f"candidate {candidate_id} changed since you opened it; open it again")

    # -- ingest ----------------------------------------------------------------------------

    def _case_key(self, s: Session, plate: str | None, rule_kind: str, at: datetime) -> str | None:
        """Same plate and rule within the window → the same case as the nearest earlier hit."""
        if not plate:
            return None
        earlier = s.scalar(
            select(VC.case_key)
            .where(
                VC.plate == plate,
                VC.rule_kind == rule_kind,
                VC.detected_at <= at,
                VC.detected_at >= at - self.duplicate_window,
                VC.case_key.is_not(None),
            )
            .order_by(VC.detected_at.desc())
            .limit(1)
        )
        return earlier or f"{plate_key(plate)}|{rule_kind}|{at.astimezone(UTC):%Y%m%dT%H%M%S}"

    def add_candidates(self, actor: Actor, items: Sequence[NewCandidate]) -> list[int]:
        """Persist rule hits at once (a crash loses nothing), grouped into duplicate cases."""
        with self.db.session() as s:
            return self.insert_candidates(s, actor, items)

    def insert_candidates(self, s: Session, actor: Actor, items: Sequence[NewCandidate]) -> list[int]:
        """``add_candidates`` inside the caller's transaction (intake: the photo's evidence row with it)."""
        ids: list[int] = []
        for item in items:
            parsed = parse_plate(item.plate) if item.plate else None
            plate = parsed.text if parsed else None
            case_key = self._case_key(s, plate, item.rule_kind, item.detected_at)
            decided = case_key is not None and s.scalar(
                select(VC.id).where(VC.case_key == case_key, VC.status == "confirmed").limit(1)
            )
            cand = VC(
                camera_id=item.camera_id, rule_kind=item.rule_kind, detected_at=item.detected_at,
                plate_raw=item.plate_raw, plate=plate, plate_colour=item.plate_colour,
                vehicle_class=item.vehicle_class, measured=item.measured, track=item.track,
                model_versions=item.model_versions, case_key=case_key, source=item.source,
                reporter=item.reporter,
                status="duplicate" if decided else "pending",
                reject_reason="duplicate" if decided else None,
            )  # fmt: skip
            s.add(cand)
            s.flush()
            for role, evidence_id in item.evidence:
                s.add(CandidateEvidence(candidate_id=cand.id, evidence_id=evidence_id, role=role))
            ids.append(cand.id)
        self.audit.append(s, actor, "review.ingest", "violation_candidate", "", {"ids": ids})
        for cid in ids:
            announce(s, "candidate", cid)
        return ids

    # -- statistics ------------------------------------------------------------------------

    def stats(self, actor: Actor, since: datetime) -> ReviewStats:
        actor.require(Permission.VIEW)
        stmt = (
            select(Operator.username, VC.decided_at, VC.status, VC.rule_kind, Camera.name)
            .join(Operator, Operator.id == VC.decided_by_id)
            .join(Camera, Camera.id == VC.camera_id)
            .where(VC.decided_at >= since, VC.status.in_(("confirmed", "rejected", "duplicate")))
        )
        per_shift: dict[tuple[str, datetime], dict[str, int]] = {}
        rule: dict[str, list[int]] = {}
        camera: dict[str, list[int]] = {}
        with self.db.session() as s:
            for who, at, status, kind, cam in s.execute(stmt):
                bucket = per_shift.setdefault((who, shift_start(at)), {"confirmed": 0, "rejected": 0, "duplicate": 0})
                bucket[status] += 1
                if status in ("confirmed", "rejected"):
                    slot = 0 if status == "confirmed" else 1
                    rule.setdefault(kind, [0, 0])[slot] += 1
                    camera.setdefault(cam, [0, 0])[slot] += 1
        return ReviewStats(
            per_shift,
            {k: (v[0], v[1]) for k, v in rule.items()},
            {k: (v[0], v[1]) for k, v in camera.items()},
        )
