"""The append-only, hash-chained audit log: write an entry with each change, verify the chain."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.orm import Session

from console.storage.db import Database
from console.storage.models import AuditEntry, AuditHead

from .audit_key import KEYED_ACTION, AuditKey, AuditKeyError
from .context import Actor, Permission, PermissionDenied

GENESIS = "0" * 64
_HEAD_ID = 1
_MAX_FIELD = 64  # width of the actor/action/object columns; PostgreSQL would refuse longer text


def canonical_json(value: Any) -> str:
    """One spelling per value, so that the same content always hashes the same."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    details: str,
    prev_hash: str,
    key: bytes | None = None,
) -> str:
    payload = {
        "seq": seq,
        # Fixed precision and zone: both backends keep microseconds and hand back aware UTC.
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "details": details,
        "prev_hash": prev_hash,
    }
    data = canonical_json(payload).encode("utf-8")
    if key is not None:  # signed: only a holder of the key can recompute it (services/audit_key.py)
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


def _rehash(entry: AuditEntry, key: AuditKey | None = None) -> str:
    return entry_hash(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.details,
        entry.prev_hash,
        key.key if key is not None and entry.seq >= key.since else None,
    )


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""
    needs_key: bool = False  # entries are signed with an audit key this workstation does not have
    keyed_since: int | None = None  # seq from which entries are signed, when they are


class AuditLog:
    """Every method works inside a session or database handed in by the caller.

    ``key``: the audit key of this site (services/audit_key.py); entries from its ``since`` on are signed.
    Without one, appending to a chain that has been keyed is refused: those entries would not verify.
    """

    def __init__(self, key: AuditKey | None = None) -> None:
        self.key = key
        self._keyed_since: int | None = None  # learnt once: a chain never stops being keyed

    def append(
        self,
        session: Session,
        actor: Actor,
        action: str,
        object_type: str = "",
        object_id: str | int = "",
        details: dict[str, Any] | None = None,
    ) -> AuditEntry:
        """Add an entry in the caller's transaction, so it commits or rolls back with the change."""
        object_id = str(object_id)
        fields = {"actor": actor.username, "action": action, "object_type": object_type, "object_id": object_id}
        for name, value in fields.items():
            if len(value) > _MAX_FIELD:
                raise ValueError(f"audit {name} longer than {_MAX_FIELD} characters: {value[:80]!r}")
        if action == KEYED_ACTION:
            raise ValueError(f"{KEYED_ACTION} is written by start_keying only")
        details_json = canonical_json(details or {})
        if self.key is None and self.keyed_since(session) is not None:
            raise AuditKeyError(
                f"the audit log is signed with an audit key since entry #{self._keyed_since}, and this "
                "workstation has none: set [audit] key_file to a copy of the site's key file"
            )
        head = _lock_head(session)
        entry = AuditEntry(
            seq=head.seq + 1,
            at=datetime.now(UTC),
            actor=actor.username,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=details_json,
            prev_hash=head.hash,
        )
        entry.hash = _rehash(entry, self.key)
        _store(session, entry)
        return entry

    def keyed_since(self, session: Session) -> int | None:
        """The seq of the audit.keyed entry, if the chain has been keyed."""
        if self._keyed_since is None:
            self._keyed_since = _keyed_entry(session)
        return self._keyed_since

    def start_keying(self, session: Session, actor: Actor, key: bytes) -> AuditKey:
        """Append the audit.keyed entry, signed with ``key``: the entries from it on are signed.

        In the caller's transaction: the caller writes the key file (with the returned ``since``) before
        it commits, so a key file that could not be written leaves the chain as it was.
        """
        if self.keyed_since(session) is not None:
            raise AuditKeyError(f"the audit log is already keyed since entry #{self._keyed_since}")
        head = _lock_head(session)
        signed = AuditKey(key, head.seq + 1)
        entry = AuditEntry(
            seq=signed.since,
            at=datetime.now(UTC),
            actor=actor.username,
            action=KEYED_ACTION,
            object_type="audit_key",
            object_id=signed.fingerprint,
            details=canonical_json({"fingerprint": signed.fingerprint}),
            prev_hash=head.hash,
        )
        entry.hash = _rehash(entry, signed)
        _store(session, entry)
        self.key, self._keyed_since = signed, signed.since
        return signed

    def require(
        self, db: Database, actor: Actor, permission: Permission, attempted: str, object_id: str | int = ""
    ) -> None:
        """Raise PermissionDenied unless ``actor`` may; a refusal is itself recorded."""
        if actor.can(permission):
            return
        with db.session() as session:
            self.append(
                session,
                actor,
                "auth.denied",
                "permission",
                permission.value,
                {"attempted": attempted, "object_id": str(object_id), "role": actor.role.value},
            )
        raise PermissionDenied(actor, permission)

    def verify(self, db: Database) -> AuditVerification:
        """Recompute the chain from the first entry and report the first entry that breaks it."""
        with db.sessions() as session:
            # Read the head before and after the entries: appends from other workstations while
            # this runs must not look like tampering, but a tail cut off or added behind the
            # head's back must.
            head_before = self._head(session)
            marked = _keyed_entry(session)  # read afresh: verification trusts no cached state
            if self.key is None and marked is not None:
                return AuditVerification(
                    False,
                    0,
                    marked,
                    f"entries from #{marked} are signed with the site's audit key, which this workstation "
                    "does not have: verify where [audit] key_file is set",
                    needs_key=True,
                    keyed_since=marked,
                )
            if self.key is not None and marked != self.key.since:
                found = f"#{marked}" if marked is not None else "no audit.keyed entry at all"
                return AuditVerification(
                    False,
                    0,
                    self.key.since,
                    f"the audit key starts signing at entry #{self.key.since} but the log has {found}: "
                    "the signed part was rewritten, or the key belongs to another database",
                    keyed_since=self.key.since,
                )
            checked, last_seq, last_hash = 0, 0, GENESIS
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=1000))
            for entry in entries:
                problem = _check(entry, last_seq + 1, last_hash, self.key)
                if problem is not None:
                    bad_seq, text = problem
                    return AuditVerification(False, checked, bad_seq, text)
                if entry.seq == head_before.seq and entry.hash != head_before.hash:
                    return AuditVerification(False, checked, entry.seq, _head_mismatch(entry.seq))
                checked, last_seq, last_hash = checked + 1, entry.seq, entry.hash
            head_after = self._head(session)
        if last_seq < head_before.seq:
            return AuditVerification(
                False,
                checked,
                last_seq + 1,
                f"entries #{last_seq + 1} to #{head_before.seq} are missing from the end (deleted)",
            )
        if last_seq > head_after.seq:
            return AuditVerification(
                False,
                checked,
                head_after.seq + 1,
                f"entries after #{head_after.seq} were added outside the console (the audit head does not know them)",
            )
        if last_seq == head_after.seq and last_hash != head_after.hash:
            return AuditVerification(False, checked, last_seq, _head_mismatch(last_seq))
        return AuditVerification(True, checked, keyed_since=self.key.since if self.key else None)

    def browse(
        self,
        db: Database,
        actor: Actor,
        *,
        action: str | None = None,
        actor_name: str | None = None,
        text: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 500,
    ) -> list[AuditEntry]:
        """Entries newest first. ``action`` "auth" also matches "auth.login"; ``until`` is exclusive."""
        self.require(db, actor, Permission.AUDIT_VIEW, "audit.browse")
        query: Select[tuple[AuditEntry]] = select(AuditEntry)
        if action:
            query = query.where(
                or_(AuditEntry.action == action, AuditEntry.action.startswith(action + ".", autoescape=True))
            )
        if actor_name:
            query = query.where(AuditEntry.actor == actor_name)
        if text:
            needle = text.lower()
            columns = (AuditEntry.details, AuditEntry.object_id, AuditEntry.object_type, AuditEntry.action)
            query = query.where(or_(*(func.lower(c).contains(needle, autoescape=True) for c in columns)))
        if since is not None:
            query = query.where(AuditEntry.at >= since)
        if until is not None:
            query = query.where(AuditEntry.at < until)
        with db.session() as session:
            return list(session.scalars(query.order_by(AuditEntry.seq.desc()).limit(limit)))

    @staticmethod
    def _head(session: Session) -> AuditHead:
        return session.execute(
            select(AuditHead).where(AuditHead.id == _HEAD_ID).execution_options(populate_existing=True)
        ).scalar_one()


def _keyed_entry(session: Session) -> int | None:
    """The seq of the audit.keyed entry, if there is one."""
    seq: int | None = session.scalar(
        select(AuditEntry.seq).where(AuditEntry.action == KEYED_ACTION).order_by(AuditEntry.seq).limit(1)
    )
    return seq


def _store(session: Session, entry: AuditEntry) -> None:
    """Add the entry and move the head to it, in the caller's transaction (the head is locked)."""
    session.add(entry)
    session.flush()
    session.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(seq=entry.seq, hash=entry.hash))


def _lock_head(session: Session) -> AuditHead:
    """The head row, locked until the caller's transaction ends: one appender at a time."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has no row locks: a transaction that reads the head and then writes fails when
        # another process appended in between. Writing first takes the database write lock up
        # front, so concurrent appends wait their turn (busy timeout) instead of failing.
        session.execute(update(AuditHead).where(AuditHead.id == _HEAD_ID).values(seq=AuditHead.seq))
    return session.execute(
        select(AuditHead).where(AuditHead.id == _HEAD_ID).with_for_update().execution_options(populate_existing=True)
    ).scalar_one()


def _check(entry: AuditEntry, expected_seq: int, prev_hash: str, key: AuditKey | None) -> tuple[int, str] | None:
    """What is wrong with ``entry`` as the successor of the chain so far, if anything."""
    if entry.seq != expected_seq:
        missing = f"#{expected_seq}" if entry.seq == expected_seq + 1 else f"#{expected_seq} to #{entry.seq - 1}"
        return expected_seq, f"entry {missing} missing (deleted)"
    # Constant-time: the comparison must not tell a forger how much of a signature was right.
    content_ok = hmac.compare_digest(_rehash(entry, key), entry.hash)
    link_ok = entry.prev_hash == prev_hash
    if content_ok and link_ok:
        return None
    if not content_ok and link_ok:
        return entry.seq, "content no longer matches its hash (edited)"
    if content_ok:
        return entry.seq, f"does not follow entry #{entry.seq - 1} (inserted or reordered)"
    return entry.seq, f"neither its content nor its link to entry #{entry.seq - 1} holds (replaced or reordered)"


def _head_mismatch(seq: int) -> str:
    return f"the audit head does not match entry #{seq} (entry replaced)"


def check_successor(
    entry: AuditEntry, expected_seq: int, prev_hash: str, key: AuditKey | None
) -> tuple[int, str] | None:
    """The verifier's own test of one entry, for chains kept outside audit_entries (a station's, at the centre)."""
    return _check(entry, expected_seq, prev_hash, key)
