"""Fines from confirmed camera violations: computation, two-person approval, the cold-fine procedure.

Procedure (Circular 73/2024/TT-BCA art. 24): identify vehicle and owner within 10 days, send the
owner a notice (form 02), and list a fine still unresolved 20 days after detection for
publication. Fine states: pending_approval → final → notified → published → resolved, or cancelled.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session, aliased

from console.storage.db import Database
from console.storage.models import (
    Camera,
    CandidateEvidence,
    EvidenceFile,
    Fine,
    Operator,
    VehicleRegistration,
    ViolationCandidate,
    utcnow,
)

from .audit import AuditLog
from .context import Actor, Permission
from .fine_table import ComputedFine, FineTable, load_table

OPEN_STATES = ("final", "notified", "published")


class FineError(ValueError):
    """A fine request that cannot be done; the message is for the operator."""


@dataclass(frozen=True)
class FinePolicy:
    # Fines whose upper amount exceeds this need a supervisor's approval (two-person rule).
    approval_threshold_vnd: int = 10_000_000
    owner_days: int = 10
    publish_days: int = 20
    detecting_unit: str = "Phòng Cảnh sát giao thông – Công an TP Hà Nội"
    resolving_unit: str = "Phòng Cảnh sát giao thông – Công an TP Hà Nội, 86 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội"
    resolving_phone: str = "069 219 6666"


@dataclass(frozen=True)
class Assessment:
    """What confirming a candidate would produce; shown before the decision and stored by it."""

    plate: str
    plate_colour: str
    vehicle_class: str | None
    registration_id: int | None
    owner_name: str | None
    computed: ComputedFine
    needs_approval: bool


@dataclass(frozen=True)
class FineRow:
    id: int
    candidate_id: int
    plate: str
    plate_colour: str
    vehicle_class: str
    violation_code: str
    legal_ref: str
    amount_min_vnd: int
    amount_max_vnd: int
    points: int
    status: str
    detected_at: datetime
    created_at: datetime
    created_by: str
    owner_name: str | None
    camera: str
    due_at: datetime | None
    notified_at: datetime | None
    days_since_detection: int
    owner_overdue: bool  # no owner found and the 10 days are over
    publish_due: bool


@dataclass(frozen=True)
class PublicationRow:
    fine_id: int
    vehicle_type: str
    plate: str
    plate_colour: str
    time: str  # ISO 8601 with offset
    place: str
    violation: str
    legal_ref: str
    detecting_unit: str
    resolving_unit: str
    phone: str

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class NoticeData:
    """Everything the form-02 notice shows, read in one go for the PDF writer."""

    fine_id: int
    plate: str
    plate_colour: str
    vehicle_class: str
    owner_name: str | None
    owner_address: str | None
    violation_vi: str
    violation_en: str
    legal_ref: str
    amount_min_vnd: int
    amount_max_vnd: int
    points: int
    detected_at: datetime
    place: str
    measured: dict[str, Any]
    evidence: list[tuple[str, str, str]] = field(default_factory=list)  # (role, relative path, sha256)
    detecting_unit: str = ""
    resolving_unit: str = ""
    resolving_phone: str = ""
    status: str = ""


def place_of(camera: Camera) -> str:
    km = f" Km {camera.km:g}" if camera.km is not None else ""
    direction = f", {camera.direction}" if camera.direction else ""
    return f"{camera.name} ({camera.route}{km}){direction}"


class FineService:
    def __init__(
        self, db: Database, audit: AuditLog, policy: FinePolicy | None = None, table: FineTable | None = None
    ) -> None:
        self.db = db
        self.audit = audit
        self.policy = policy or FinePolicy()
        self.table = table or load_table()

    # -- computation -----------------------------------------------------------------------

    def assess(self, session: Session, candidate: ViolationCandidate, camera: Camera) -> Assessment:
        """Fine for a candidate: the registration's vehicle class when the plate is registered."""
        plate = candidate.corrected_plate or candidate.plate
        if not plate:
            raise FineError("the plate is unreadable: correct it or reject the candidate")
        colour = candidate.plate_colour or "white"
        registration = session.scalar(
            select(VehicleRegistration)
            .where(VehicleRegistration.plate == plate, VehicleRegistration.plate_colour == colour)
            .limit(1)
        )
        vehicle_class = registration.vehicle_class if registration else candidate.vehicle_class
        computed = self.table.compute(candidate.rule_kind, camera.route_kind, vehicle_class, candidate.measured)
        return Assessment(
            plate=plate,
            plate_colour=colour,
            vehicle_class=vehicle_class,
            registration_id=registration.id if registration else None,
            owner_name=registration.owner_name if registration else None,
            computed=computed,
            needs_approval=computed.penalty.max_vnd > self.policy.approval_threshold_vnd,
        )

    def create(self, session: Session, actor: Actor, candidate: ViolationCandidate, camera: Camera) -> Fine:
        """The fine for a candidate being confirmed, inside the confirming transaction.

        The caller's audit entry (``review.confirm``) records the fine with the decision: one entry
        per operator action.
        """
        assert actor.operator_id is not None
        a = self.assess(session, candidate, camera)
        p = a.computed.penalty
        fine = Fine(
            candidate_id=candidate.id,
            plate=a.plate,
            plate_colour=a.plate_colour,
            vehicle_class=a.vehicle_class or a.computed.fine_class,
            violation_code=a.computed.violation.code,
            legal_ref=a.computed.legal_ref,
            amount_min_vnd=p.min_vnd,
            amount_max_vnd=p.max_vnd,
            points=p.points,
            status="pending_approval" if a.needs_approval else "final",
            registration_id=a.registration_id,
            created_by_id=actor.operator_id,
            due_at=candidate.detected_at + timedelta(days=self.policy.publish_days),
            note="" if a.registration_id else "owner unknown: follow up with the registration authority",
        )
        session.add(fine)
        session.flush()
        return fine

    # -- two-person approval ---------------------------------------------------------------

    def approval_queue(self, actor: Actor, now: datetime | None = None) -> list[FineRow]:
        actor.require(Permission.FINE_APPROVE)
        return self._rows(("pending_approval",), now, limit=500)

    def approve(self, actor: Actor, fine_id: int) -> None:
        self._approval(actor, fine_id, approve=True, note="")

    def refuse(self, actor: Actor, fine_id: int, note: str) -> None:
        if not note.strip():
            raise FineError("say why the fine is refused")
        self._approval(actor, fine_id, approve=False, note=note.strip())

    def _approval(self, actor: Actor, fine_id: int, *, approve: bool, note: str) -> None:
        actor.require(Permission.FINE_APPROVE)
        with self.db.session() as s:
            fine = s.get(Fine, fine_id, with_for_update=True)
            if fine is None:
                raise FineError(f"there is no fine {fine_id}")
            if fine.status != "pending_approval":
                raise FineError(f"fine {fine_id} is not waiting for approval (it is {fine.status})")
            if fine.created_by_id == actor.operator_id:
                raise FineError("the operator who confirmed a fine cannot also approve it")
            fine.approved_by_id = actor.operator_id
            fine.approved_at = utcnow()
            fine.status = "final" if approve else "cancelled"
            if note:
                fine.note = (fine.note + "\n" if fine.note else "") + note
            action = "fine.approve" if approve else "fine.refuse"
            self.audit.append(s, actor, action, "fine", fine.id, {"note": note} if note else {})

    # -- procedure -------------------------------------------------------------------------

    def record_notice(self, actor: Actor, fine_id: int, path: str, sha256: str) -> None:
        actor.require(Permission.REVIEW_DECIDE)
        with self.db.session() as s:
            fine = s.get(Fine, fine_id, with_for_update=True)
            if fine is None:
                raise FineError(f"there is no fine {fine_id}")
            if fine.status not in ("final", "notified"):
                raise FineError(f"a notice needs a final fine; fine {fine_id} is {fine.status}")
            fine.notice_path, fine.notice_sha256 = path, sha256
            fine.notified_at = utcnow()
            fine.status = "notified"
            self.audit.append(s, actor, "fine.notice", "fine", fine.id, {"sha256": sha256})

    def resolve(self, actor: Actor, fine_id: int, note: str = "") -> None:
        actor.require(Permission.REVIEW_DECIDE)
        with self.db.session() as s:
            fine = s.get(Fine, fine_id, with_for_update=True)
            if fine is None:
                raise FineError(f"there is no fine {fine_id}")
            if fine.status not in OPEN_STATES:
                raise FineError(f"fine {fine_id} is {fine.status} and cannot be resolved")
            fine.status = "resolved"
            fine.resolved_at = utcnow()
            if note:
                fine.note = (fine.note + "\n" if fine.note else "") + note
            self.audit.append(s, actor, "fine.resolve", "fine", fine.id, {"note": note} if note else {})

    def tracking(self, actor: Actor, now: datetime | None = None, limit: int = 200) -> list[FineRow]:
        """Open fines, oldest detection first, with the procedure's deadlines worked out."""
        actor.require(Permission.VIEW)
        return self._rows(("pending_approval", *OPEN_STATES), now, limit)

    def publication_list(self, actor: Actor, now: datetime | None = None) -> list[PublicationRow]:
        actor.require(Permission.VIEW)
        now = now or utcnow()
        stmt = (
            select(Fine, ViolationCandidate.detected_at, Camera)
            .join(ViolationCandidate, ViolationCandidate.id == Fine.candidate_id)
            .join(Camera, Camera.id == ViolationCandidate.camera_id)
            .where(Fine.status.in_(OPEN_STATES), Fine.due_at <= now, Fine.resolved_at.is_(None))
            .order_by(Fine.due_at, Fine.id)
        )
        with self.db.session() as s:
            return [self._publication_row(f, at, cam) for f, at, cam in s.execute(stmt)]

    def publish(self, actor: Actor, now: datetime | None = None) -> list[PublicationRow]:
        """Mark overdue fines published and return the whole public list (also earlier ones)."""
        actor.require(Permission.FINE_APPROVE)
        now = now or utcnow()
        rows = self.publication_list(actor, now)
        fresh = []
        with self.db.session() as s:
            for fine in s.scalars(select(Fine).where(Fine.id.in_([r.fine_id for r in rows]))):
                if fine.status != "published":
                    fine.status, fine.published_at = "published", now
                    fresh.append(fine.id)
            self.audit.append(
                s, actor, "fines.publish", "fine", "", {"listed": len(rows), "newly_published": sorted(fresh)}
            )
        return rows

    def notice_data(self, actor: Actor, fine_id: int) -> NoticeData:
        actor.require(Permission.VIEW)
        with self.db.session() as s:
            found = s.execute(
                select(Fine, ViolationCandidate, Camera)
                .join(ViolationCandidate, ViolationCandidate.id == Fine.candidate_id)
                .join(Camera, Camera.id == ViolationCandidate.camera_id)
                .where(Fine.id == fine_id)
            ).first()
            if found is None:
                raise FineError(f"there is no fine {fine_id}")
            fine, cand, cam = found
            reg = s.get(VehicleRegistration, fine.registration_id) if fine.registration_id else None
            evidence = [
                (role, path, sha)
                for role, path, sha in s.execute(
                    select(CandidateEvidence.role, EvidenceFile.path, EvidenceFile.sha256)
                    .join(EvidenceFile, EvidenceFile.id == CandidateEvidence.evidence_id)
                    .where(CandidateEvidence.candidate_id == cand.id)
                    .order_by(CandidateEvidence.role)
                )
            ]
            violation = self.table.by_code(fine.violation_code)
            return NoticeData(
                fine_id=fine.id,
                plate=fine.plate,
                plate_colour=fine.plate_colour,
                vehicle_class=fine.vehicle_class,
                owner_name=reg.owner_name if reg else None,
                owner_address=reg.owner_address if reg else None,
                violation_vi=violation.name_vi,
                violation_en=violation.name_en,
                legal_ref=fine.legal_ref,
                amount_min_vnd=fine.amount_min_vnd,
                amount_max_vnd=fine.amount_max_vnd,
                points=fine.points,
                detected_at=cand.detected_at,
                place=place_of(cam),
                measured=dict(cand.measured),
                evidence=evidence,
                detecting_unit=self.policy.detecting_unit,
                resolving_unit=self.policy.resolving_unit,
                resolving_phone=self.policy.resolving_phone,
                status=fine.status,
            )

    # -- helpers ---------------------------------------------------------------------------

    def _rows(self, statuses: tuple[str, ...], now: datetime | None, limit: int) -> list[FineRow]:
        """Fines in these states, oldest due first (due = detection + 20 days, so detection order)."""
        now = now or utcnow()
        creator = aliased(Operator)
        # One ordered, limited branch per state over ix_fines_status_due, merged: "status IN (…)"
        # would sort every open fine (100,000 of them) to show the first page.
        branches = []
        for status in statuses:
            sub = (
                select(Fine.id, Fine.due_at)
                .where(Fine.status == status)
                .order_by(Fine.due_at, Fine.id)
                .limit(limit)
                .subquery()
            )
            branches.append(select(sub.c.id, sub.c.due_at))
        merged = (branches[0] if len(branches) == 1 else union_all(*branches)).subquery()
        top = select(merged.c.id).order_by(merged.c.due_at, merged.c.id).limit(limit).subquery()
        stmt = (
            select(Fine, ViolationCandidate.detected_at, creator.username, VehicleRegistration.owner_name, Camera.name)
            .join(top, top.c.id == Fine.id)
            .join(ViolationCandidate, ViolationCandidate.id == Fine.candidate_id)
            .join(Camera, Camera.id == ViolationCandidate.camera_id)
            .join(creator, creator.id == Fine.created_by_id)
            .outerjoin(VehicleRegistration, VehicleRegistration.id == Fine.registration_id)
            .order_by(Fine.due_at, Fine.id)
        )
        with self.db.session() as s:
            rows = []
            for f, detected, username, owner, cam in s.execute(stmt):
                days = (now - detected).days
                rows.append(
                    FineRow(
                        f.id, f.candidate_id, f.plate, f.plate_colour, f.vehicle_class, f.violation_code,
                        f.legal_ref, f.amount_min_vnd, f.amount_max_vnd, f.points, f.status, detected,
                        f.created_at, username, owner, cam, f.due_at, f.notified_at, days,
                        owner is None and days >= self.policy.owner_days,
                        f.status in OPEN_STATES and f.due_at is not None and f.due_at <= now,
                    )
                )  # fmt: skip
            return rows

    def _publication_row(self, fine: Fine, detected_at: datetime, camera: Camera) -> PublicationRow:
        violation = self.table.by_code(fine.violation_code)
        return PublicationRow(
            fine_id=fine.id,
            vehicle_type=fine.vehicle_class,
            plate=fine.plate,
            plate_colour=fine.plate_colour,
            time=detected_at.isoformat(timespec="seconds"),
            place=place_of(camera),
            violation=violation.name_vi,
            legal_ref=fine.legal_ref,
            detecting_unit=self.policy.detecting_unit,
            resolving_unit=self.policy.resolving_unit,
            phone=self.policy.resolving_phone,
        )


def render_publication(rows: list[PublicationRow], suffix: str, generated_at: datetime) -> str:
    """The public list as JSON (``.json``) or CSV (anything else), for the public lookup site."""
    if suffix == ".json":
        doc = {
            "generated_at": generated_at.isoformat(timespec="seconds"),
            "legal_basis": "Thông tư 73/2024/TT-BCA, Điều 24",
            "count": len(rows),
            "items": [r.as_dict() for r in rows],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(PublicationRow.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    writer.writerows(r.as_dict() for r in rows)
    return out.getvalue()
