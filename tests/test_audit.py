from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from audit_setup import ALICE, BOB, _as_attacker, _fill
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from console.services.audit import GENESIS, AuditLog, entry_hash
from console.services.context import SYSTEM, PermissionDenied
from console.storage.db import Database
from console.storage.models import AuditEntry, AuditHead

_CONTENT = ("at", "actor", "action", "object_type", "object_id", "details", "prev_hash", "hash")


def _row(db: Database, seq: int) -> dict[str, Any]:
    with db.session() as s:
        entry = s.get_one(AuditEntry, seq)
        return {name: getattr(entry, name) for name in _CONTENT}


def test_chain_of_entries_verifies(database: Database) -> None:
    log = AuditLog()
    _fill(database, log, 4)
    with database.session() as s:  # several entries in one transaction chain as well
        log.append(s, SYSTEM, "user.add", "operator", 1, {"username": "lan"})
        log.append(s, SYSTEM, "user.role", "operator", 1, {"from": "operator", "to": "admin"})
    result = log.verify(database)
    assert result.ok and result.checked == 6 and result.first_bad_seq is None
    with database.session() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        head = s.get_one(AuditHead, 1)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    assert (head.seq, head.hash) == (6, entries[-1].hash)
    assert entries[-1].details == '{"from":"operator","to":"admin"}'


def test_read_back_timestamp_hashes_identically(database: Database) -> None:
    log = AuditLog()
    with database.session() as s:
        written = log.append(s, ALICE, "alert.ack", "alert", 3, {"ghi_chú": "Đã xử lý"})
    stored = _row(database, written.seq)
    assert stored["at"] == written.at and stored["at"].tzinfo is not None
    assert stored["at"].microsecond == written.at.microsecond
    assert stored["details"] == '{"ghi_chú":"Đã xử lý"}'
    recomputed = entry_hash(
        written.seq,
        stored["at"],
        stored["actor"],
        stored["action"],
        stored["object_type"],
        stored["object_id"],
        stored["details"],
        stored["prev_hash"],
    )
    assert recomputed == stored["hash"]


def test_entry_rolls_back_with_the_change_it_records(database: Database) -> None:
    log = AuditLog()
    _fill(database, log, 2)
    with pytest.raises(RuntimeError), database.session() as s:
        log.append(s, ALICE, "review.confirm", "candidate", 99)
        raise RuntimeError("the recorded change failed")
    with database.session() as s:
        assert s.get_one(AuditHead, 1).seq == 2
        assert s.scalars(select(AuditEntry.seq)).all() == [1, 2]
    _fill(database, log, 1)
    assert log.verify(database).ok


def test_concurrent_appends_keep_one_chain(database: Database) -> None:
    log = AuditLog()
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(8):
                with database.session() as s:
                    log.append(s, ALICE, "test.concurrent", "worker", n, {"i": i})
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = log.verify(database)
    assert result.ok and result.checked == 32


def test_empty_log_verifies(database: Database) -> None:
    assert AuditLog().verify(database).ok


def test_update_and_delete_refused_by_the_database(database: Database) -> None:
    log = AuditLog()
    _fill(database, log, 2)
    with pytest.raises(DBAPIError, match="append-only"), database.session() as s:
        s.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(details="{}"))
    with pytest.raises(DBAPIError, match="append-only"), database.session() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
    assert log.verify(database).ok


def test_edited_entry_is_named(database: Database) -> None:
    log = AuditLog()
    _fill(database, log)
    _as_attacker(database, update(AuditEntry).where(AuditEntry.seq == 3).values(details='{"n":3,"note":"huỷ"}'))
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 3 and result.checked == 2
    assert "edited" in result.problem


def test_edited_timestamp_is_named(database: Database) -> None:
    log = AuditLog()
    _fill(database, log)
    earlier = _row(database, 4)["at"] - timedelta(hours=1)
    _as_attacker(database, update(AuditEntry).where(AuditEntry.seq == 4).values(at=earlier))
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 4


def test_deleted_middle_entry_is_named(database: Database) -> None:
    log = AuditLog()
    _fill(database, log)
    _as_attacker(database, delete(AuditEntry).where(AuditEntry.seq == 3))
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 3
    assert "#3" in result.problem and "deleted" in result.problem


def test_deleted_tail_is_noticed_through_the_head(database: Database) -> None:
    log = AuditLog()
    _fill(database, log)
    _as_attacker(database, delete(AuditEntry).where(AuditEntry.seq >= 4))
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 4 and result.checked == 3
    assert "deleted" in result.problem


def test_swapped_entries_are_named(database: Database) -> None:
    log = AuditLog()
    _fill(database, log)
    second, third = _row(database, 2), _row(database, 3)
    _as_attacker(
        database,
        update(AuditEntry).where(AuditEntry.seq == 2).values(**third),
        update(AuditEntry).where(AuditEntry.seq == 3).values(**second),
    )
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 2
    assert "reordered" in result.problem


def test_entry_inserted_with_a_valid_hash_is_named(database: Database) -> None:
    """An attacker who knows the hashing can forge a link but not move the head in step."""
    log = AuditLog()
    _fill(database, log, 3)
    last = _row(database, 3)
    at = datetime.now(UTC)
    forged = {
        "seq": 4,
        "at": at,
        "actor": "alice",
        "action": "fine.cancel",
        "object_type": "fine",
        "object_id": "12",
        "details": "{}",
        "prev_hash": last["hash"],
    }
    forged["hash"] = entry_hash(4, at, "alice", "fine.cancel", "fine", "12", "{}", last["hash"])
    with database.session() as s:
        s.add(AuditEntry(**forged))
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 4 and result.checked == 4


def test_replaced_head_entry_is_named(database: Database) -> None:
    """A rewritten last entry with a recomputed hash still disagrees with the head row."""
    log = AuditLog()
    _fill(database, log, 3)
    row = _row(database, 3)
    new_hash = entry_hash(3, row["at"], "alice", "fine.cancel", "fine", "12", "{}", row["prev_hash"])
    _as_attacker(
        database,
        update(AuditEntry)
        .where(AuditEntry.seq == 3)
        .values(actor="alice", action="fine.cancel", object_type="fine", object_id="12", details="{}", hash=new_hash),
    )
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 3
    assert "head" in result.problem


def test_browse_needs_audit_view_and_records_the_refusal(database: Database) -> None:
    log = AuditLog()
    _fill(database, log, 2)
    with pytest.raises(PermissionDenied):
        log.browse(database, BOB)
    entries = log.browse(database, ALICE)
    assert entries[0].action == "auth.denied" and entries[0].actor == "bob"
    assert '"attempted":"audit.browse"' in entries[0].details


def test_browse_filters_newest_first(database: Database) -> None:
    log = AuditLog()
    _fill(database, log, 5)
    with database.session() as s:
        log.append(s, SYSTEM, "auth.login", "operator", 1)
        log.append(s, SYSTEM, "auth.login_failed", "operator", 1, {"reason": "bad_password"})
    assert [e.seq for e in log.browse(database, ALICE)] == [7, 6, 5, 4, 3, 2, 1]
    assert [e.seq for e in log.browse(database, ALICE, limit=2)] == [7, 6]
    assert [e.action for e in log.browse(database, ALICE, action="auth")] == ["auth.login_failed", "auth.login"]
    assert [e.seq for e in log.browse(database, ALICE, action="auth.login")] == [6]
    assert [e.seq for e in log.browse(database, ALICE, actor_name="bob")] == [4, 2]
    assert [e.seq for e in log.browse(database, ALICE, text="BAD_PASS")] == [7]
    assert [e.seq for e in log.browse(database, ALICE, text="30A-123")] == [5, 4, 3, 2, 1]
    assert log.browse(database, ALICE, text="100%") == []
    third = _row(database, 3)["at"]
    assert [e.seq for e in log.browse(database, ALICE, since=third, until=_row(database, 5)["at"])] == [4, 3]


def test_overlong_fields_are_refused_before_writing(database: Database) -> None:
    log = AuditLog()
    with pytest.raises(ValueError, match="object_id"), database.session() as s:
        log.append(s, ALICE, "x", "y", "z" * 65)
    assert log.verify(database).checked == 0
