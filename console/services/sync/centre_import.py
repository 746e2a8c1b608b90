"""Apply a verified station bundle at the centre: all of it in one transaction, or nothing.

Conflict rule (a candidate decided at both ends): the decision with the earlier ``decided_at``
stands, on an exact tie the station's; the other is kept in ``sync_conflicts`` with a
``sync.conflict`` audit entry, and the candidate's fine follows the decision that stands. Any other
row changed at both ends keeps the centre's version and sets the station's aside the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from console.services.audit import AuditLog
from console.services.context import SYSTEM
from console.services.evidence import EvidenceStore
from console.storage.db import Database
from console.storage.models import (
    Camera,
    CandidateEvidence,
    EvidenceFile,
    Fine,
    Operator,
    PatrolLog,
    PatrolLogEntry,
    PatrolUnit,
    PlateRead,
    SyncAuditEntry,
    SyncBundle,
    VehicleRegistration,
    ViolationCandidate,
)

from .bundle import Bundle, BundleError, Progress, from_json
from .rows import RowApplier, Side

DECIDED = ("confirmed", "rejected", "duplicate")
UNUSABLE_PASSWORD = "!sync: account made by a station bundle, cannot sign in"


@dataclass
class ImportReport:
    bundle_sha256: str
    kind: str
    origin: str
    already_imported: bool = False
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    set_aside: dict[str, int] = field(default_factory=dict)
    conflicts: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def import_station_bundle(
    db: Database, audit: AuditLog, store: EvidenceStore, bundle: Bundle, progress: Progress | None = None
) -> ImportReport:
    if bundle.kind != "station":
        raise BundleError(f"{bundle.path}: a {bundle.kind} bundle; the centre imports station bundles")
    report = ImportReport(bundle.sha256, bundle.kind, bundle.origin)
    with db.session() as s:
        if s.scalar(select(SyncBundle.id).where(SyncBundle.sha256 == bundle.sha256)) is not None:
            report.already_imported = True
            return report
        record = SyncBundle(sha256=bundle.sha256, kind=bundle.kind, origin=bundle.origin, written_at=bundle.written_at)
        s.add(record)
        s.flush()
        ap = RowApplier(s, bundle.origin, record.id)
        _Centre(s, ap, bundle, store, progress or (lambda *_: None)).run()
        t = ap.tally
        report.inserted, report.updated = dict(t.inserted), dict(t.updated)
        report.unchanged, report.set_aside = dict(t.unchanged), dict(t.set_aside)
        report.conflicts = len(t.conflicts)
        for c in t.conflicts:
            s.flush()
            audit.append(
                s, SYSTEM, "sync.conflict", c.table_name, c.local_id or "",
                {"origin": c.origin, "origin_id": c.origin_id, "rule": c.rule, "kept": c.kept, "conflict_id": c.id},
            )  # fmt: skip
        record.report = report.as_dict()
        audit.append(
            s, SYSTEM, "sync.import", "sync_bundle", bundle.sha256,
            {k: v for k, v in report.as_dict().items() if k != "bundle_sha256"},
        )  # fmt: skip
    return report


class _Centre:
    def __init__(self, s: Session, ap: RowApplier, bundle: Bundle, store: EvidenceStore, progress: Progress) -> None:
        self.s, self.ap, self.b, self.store, self.progress = s, ap, bundle, store, progress
        self.cams: dict[int, int] = {}
        self.ops: dict[int, int] = {}
        self.units: dict[int, int] = {}
        self.regs: dict[int, int] = {}
        self.evidence: dict[int, int] = {}
        self.outcome: dict[int, Side] = {}  # local candidate id -> whose decision stands, when decided at both

    def run(self) -> None:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("registries", self._registries),
            ("evidence_files", self._evidence),
            ("plate_reads", self._reads),
            ("violation_candidates", self._candidates),
            ("fines", self._fines),
            ("patrol_logs", self._logs),
            ("audit_entries", self._audit),
        ]
        for done, (what, step) in enumerate(steps, 1):
            step()
            self.progress(what, done, len(steps))

    # Shared registries: matched by natural key; created (inactive, for operators) when the centre lacks one.
    def _registries(self) -> None:
        self.cams = self._natural(Camera, "cameras", lambda r: (r["code"],), ("code",))
        self.ops = self._natural(
            Operator, "operators", lambda r: (r["username"],), ("username",),
            extra={"password_hash": UNUSABLE_PASSWORD, "active": False},
        )  # fmt: skip
        self.units = self._natural(PatrolUnit, "patrol_units", lambda r: (r["call_sign"],), ("call_sign",))
        self.regs = self._natural(
            VehicleRegistration, "vehicle_registrations", lambda r: (r["plate"], r["plate_colour"]),
            ("plate", "plate_colour"),
        )  # fmt: skip

    def _natural(
        self,
        model: Any,
        name: str,
        key: Callable[[dict[str, Any]], tuple[Any, ...]],
        columns: tuple[str, ...],
        extra: dict[str, Any] | None = None,
    ) -> dict[int, int]:
        table = _table(model)
        out: dict[int, int] = {}
        for row in self.b.rows(name):
            where = [table.c[c] == v for c, v in zip(columns, key(row), strict=True)]
            local: int | None = self.s.scalar(select(table.c.id).where(*where))
            if local is None:
                values = from_json(table, {k: v for k, v in row.items() if k != "id"}) | (extra or {})
                local = self.s.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
                self.ap.tally.inserted[name] += 1
            else:
                self.ap.tally.unchanged[name] += 1
            out[row["id"]] = local
        return out

    def _evidence(self) -> None:
        rows = self.b.rows("evidence_files")
        for done, row in enumerate(rows, 1):
            local = self.s.scalar(select(EvidenceFile.id).where(EvidenceFile.sha256 == row["sha256"]))
            if local is None:
                made = self.store.put(
                    self.s, self.b.evidence(row["sha256"]), row["kind"], row["mime"],
                    camera_id=self.cams.get(row["camera_id"]), width=row["width"], height=row["height"],
                )  # fmt: skip
                local = made.id
                self.ap.tally.inserted["evidence_files"] += 1
            else:
                self.ap.tally.unchanged["evidence_files"] += 1
            self.evidence[row["id"]] = local
            if done % 200 == 0:
                self.progress("evidence_files", done, len(rows))

    def _reads(self) -> None:
        def remap(v: dict[str, Any]) -> dict[str, Any]:
            ev = v["evidence_id"]
            return v | {"camera_id": self.cams[v["camera_id"]], "evidence_id": self.evidence[ev] if ev else None}

        self.ap.apply("plate_reads", _table(PlateRead), self.b.rows("plate_reads"), remap)

    def _op(self, value: int | None) -> int | None:
        return self.ops[value] if value is not None else None

    def _candidates(self) -> None:
        def remap(v: dict[str, Any]) -> dict[str, Any]:
            return v | {
                "camera_id": self.cams[v["camera_id"]],
                "claimed_by_id": self._op(v["claimed_by_id"]),
                "decided_by_id": self._op(v["decided_by_id"]),
            }

        def earliest_decision(
            _row: dict[str, Any], values: dict[str, Any], local: dict[str, Any]
        ) -> tuple[Side, str | None]:
            theirs, ours = values["decided_at"], local["decided_at"]
            if ours is None or local["status"] not in DECIDED:
                return "origin", None  # only the station decided: its decision simply arrives
            if theirs is None or values["status"] not in DECIDED:
                return "local", None  # only the centre decided: the station's claim or release changes nothing
            kept: Side = "origin" if theirs <= datetime.fromisoformat(ours) else "local"
            self.outcome[self._local_candidate(_row["id"])] = kept
            return kept, "earliest_decision"

        table = _table(ViolationCandidate)
        self.ap.apply("violation_candidates", table, self.b.rows("violation_candidates"), remap, earliest_decision)
        cands = self.ap.ids["violation_candidates"]
        for link in self.b.rows("candidate_evidence"):
            key = {"candidate_id": cands[link["candidate_id"]], "evidence_id": self.evidence[link["evidence_id"]]}
            exists = self.s.scalar(select(CandidateEvidence.role).filter_by(**key))
            if exists is None:
                self.s.execute(insert(CandidateEvidence).values(**key, role=link["role"]))
                self.ap.tally.inserted["candidate_evidence"] += 1
            else:
                self.ap.tally.unchanged["candidate_evidence"] += 1

    def _local_candidate(self, origin_id: int) -> int:
        return self.ap.ids["violation_candidates"][origin_id]

    def _fines(self) -> None:
        cands = self.ap.ids.get("violation_candidates", {})

        def remap(v: dict[str, Any]) -> dict[str, Any]:
            reg = v["registration_id"]
            return v | {
                "candidate_id": cands[v["candidate_id"]],
                "registration_id": self.regs[reg] if reg is not None else None,
                "created_by_id": self.ops[v["created_by_id"]],
                "approved_by_id": self._op(v["approved_by_id"]),
            }

        def claim(row: dict[str, Any], values: dict[str, Any]) -> int | Literal["insert", "skip"]:
            candidate = values["candidate_id"]
            local_fine = self.s.scalar(select(Fine.id).where(Fine.candidate_id == candidate))
            if self.outcome.get(candidate) == "local":
                self.ap.conflict("fines", row["id"], local_fine, "earliest_decision", "local", None, row)
                return "skip"
            return local_fine if local_fine is not None else "insert"

        self.ap.apply("fines", _table(Fine), self.b.rows("fines"), remap, claim=claim)
        station_fines = set(self.ap.ids.get("fines", {}).values())
        for candidate, kept in self.outcome.items():
            if kept != "origin":
                continue
            # The station's earlier decision stands: a fine the centre made on its later one goes.
            self.s.execute(
                update(Fine)
                .where(Fine.candidate_id == candidate, Fine.id.not_in(station_fines or {-1}))
                .values(status="cancelled", note=Fine.note + " [sync: the station decided this candidate first]")
            )

    def _logs(self) -> None:
        def remap_log(v: dict[str, Any]) -> dict[str, Any]:
            sup = v["supersedes_id"]
            return v | {
                "unit_id": self.units[v["unit_id"]],
                "signed_by_id": self._op(v["signed_by_id"]),
                "supersedes_id": self.ap.ids["patrol_logs"][sup] if sup is not None else None,
            }

        # One at a time in id order: a revision refers to the log it replaces, applied just before.
        for row in sorted(self.b.rows("patrol_logs"), key=lambda r: r["id"]):
            self.ap.apply("patrol_logs", _table(PatrolLog), [row], remap_log)
        logs = self.ap.ids.get("patrol_logs", {})

        def remap_entry(v: dict[str, Any]) -> dict[str, Any]:
            # Incidents stay with the station that handled them (docs/sync.md).
            return v | {"log_id": logs[v["log_id"]], "incident_id": None}

        self.ap.apply("patrol_log_entries", _table(PatrolLogEntry), self.b.rows("patrol_log_entries"), remap_entry)

    def _audit(self) -> None:
        origin, rows = self.b.origin, self.b.rows("audit_entries")
        seqs = [r["seq"] for r in rows]
        known: dict[int, str] = {}
        for start in range(0, len(seqs), 500):
            q = select(SyncAuditEntry.seq, SyncAuditEntry.hash).where(
                SyncAuditEntry.origin == origin, SyncAuditEntry.seq.in_(seqs[start : start + 500])
            )
            known.update({seq: h for seq, h in self.s.execute(q)})
        table, fresh = _table(SyncAuditEntry), []
        for row in rows:
            if row["seq"] in known:
                if known[row["seq"]] != row["hash"]:
                    raise BundleError(
                        f"{self.b.path}: station {origin}'s audit entry #{row['seq']} differs from the one imported "
                        "before (its chain was rewritten); nothing imported"
                    )
                self.ap.tally.unchanged["audit_entries"] += 1
                continue
            fresh.append(from_json(table, row) | {"origin": origin, "bundle_id": self.ap.bundle_id})
        if fresh:
            self.s.execute(insert(table), fresh)
        self.ap.tally.inserted["audit_entries"] += len(fresh)
