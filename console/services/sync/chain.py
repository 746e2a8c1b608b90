"""A station's audit chain as received at the centre, verified with the audit service's own entry check."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from console.services.audit import GENESIS, check_successor
from console.services.audit_key import KEYED_ACTION, AuditKey
from console.storage.db import Database
from console.storage.models import AuditEntry, SyncAuditEntry


@dataclass(frozen=True)
class StationChain:
    ok: bool
    checked: int
    first_seq: int | None = None  # entries before it were never sent (an export --since later than the start)
    last_seq: int | None = None
    gaps: list[tuple[int, int]] = field(default_factory=list)  # not received yet: the links across are unproven
    links_only: int = 0  # signed with the station's audit key, not given here: only their links were checked
    first_bad_seq: int | None = None
    problem: str = ""


def verify_station_chain(db: Database, origin: str, key: AuditKey | None = None) -> StationChain:
    with db.sessions() as s:
        rows = list(
            s.scalars(select(SyncAuditEntry).where(SyncAuditEntry.origin == origin).order_by(SyncAuditEntry.seq))
        )
    marked = next((r.seq for r in rows if r.action == KEYED_ACTION), None)
    if key is not None and marked is not None and key.since != marked:
        return StationChain(
            False, 0, first_bad_seq=marked, problem=f"the audit key signs from #{key.since}, the chain from #{marked}"
        )
    checked, links_only, gaps = 0, 0, []
    last_seq: int | None = None
    last_hash = GENESIS
    for r in rows:
        if last_seq is None or r.seq != last_seq + 1:
            if last_seq is not None:
                gaps.append((last_seq + 1, r.seq - 1))
            # The first entry after a gap is taken at its word for its link; its content is still checked.
            last_hash = GENESIS if r.seq == 1 else r.prev_hash
        entry = AuditEntry(
            seq=r.seq, at=r.at, actor=r.actor, action=r.action, object_type=r.object_type,
            object_id=r.object_id, details=r.details, prev_hash=r.prev_hash, hash=r.hash,
        )  # fmt: skip
        if marked is not None and r.seq >= marked and key is None:
            problem = None if r.prev_hash == last_hash else (r.seq, f"does not follow entry #{r.seq - 1}")
            links_only += 1
        else:
            problem = check_successor(entry, r.seq, last_hash, key)
        if problem is not None:
            return StationChain(False, checked, rows[0].seq, last_seq, gaps, links_only, problem[0], problem[1])
        checked, last_seq, last_hash = checked + 1, r.seq, r.hash
    first = rows[0].seq if rows else None
    missing = f"entries #{gaps[0][0]} to #{gaps[0][1]} not received yet" if gaps else ""
    return StationChain(not gaps, checked, first, last_seq, gaps, links_only, gaps[0][0] if gaps else None, missing)
