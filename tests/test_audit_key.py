"""The audit key: a chain rewritten end to end by someone with database rights no longer verifies."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from audit_setup import ALICE, _as_attacker, _fill
from sqlalchemy import delete, select, update

from console.bootstrap import build_services
from console.cli import main
from console.config import Config, ConfigError, load_config
from console.services.audit import GENESIS, AuditLog, entry_hash
from console.services.audit_key import KEYED_ACTION, AuditKey, AuditKeyError, load_key, new_key
from console.services.context import SYSTEM
from console.storage.db import Database
from console.storage.models import AuditEntry, AuditHead


def _keyed(db: Database, before: int = 3, after: int = 3) -> AuditLog:
    """A chain with ``before`` plain entries, the audit.keyed entry, then ``after`` signed ones."""
    plain = AuditLog()
    _fill(db, plain, before)
    log = AuditLog()
    with db.session() as s:
        log.start_keying(s, SYSTEM, new_key())
    _fill(db, log, after)
    return log


def _rewrite_plainly(db: Database, edit_seq: int, drop_keyed: bool = False) -> None:
    """What someone with database rights but no key can do: edit an entry and recompute every hash after it."""
    with db.session() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    statements: list[Any] = []
    if drop_keyed:
        statements.append(delete(AuditEntry).where(AuditEntry.action == KEYED_ACTION))
        entries = [e for e in entries if e.action != KEYED_ACTION]
    prev, new_seq = GENESIS, 0
    rows = []
    for e in entries:
        new_seq += 1
        details = e.details.replace("30A-123.45", "51F-999.99") if e.seq == edit_seq else e.details
        h = entry_hash(new_seq, e.at, e.actor, e.action, e.object_type, e.object_id, details, prev)
        rows.append((e.seq, new_seq, details, prev, h))
        prev = h
    for old_seq, seq, details, prev_hash, h in rows:
        statements.append(
            update(AuditEntry)
            .where(AuditEntry.seq == old_seq)
            .values(seq=seq, details=details, prev_hash=prev_hash, hash=h)
        )
    statements.append(update(AuditHead).where(AuditHead.id == 1).values(seq=new_seq, hash=prev))
    _as_attacker(db, *statements)


def test_a_plain_chain_rewritten_end_to_end_verifies_which_is_why_the_key_exists(database: Database) -> None:
    log = AuditLog()
    _fill(database, log, 5)
    _rewrite_plainly(database, edit_seq=2)
    assert log.verify(database).ok  # the weakness: database rights alone rewrite a plain chain


def test_a_keyed_chain_verifies_and_signed_entries_need_the_key(database: Database) -> None:
    log = _keyed(database)
    assert log.key is not None and log.key.since == 4
    result = log.verify(database)
    assert result.ok and result.checked == 7 and result.keyed_since == 4
    with database.session() as s:
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    plain = [entry_hash(e.seq, e.at, e.actor, e.action, e.object_type, e.object_id, e.details, e.prev_hash)
             for e in entries]  # fmt: skip
    assert [p == e.hash for p, e in zip(plain, entries, strict=True)] == [True] * 3 + [False] * 4


@pytest.mark.parametrize("edit_seq", [5, 7])
def test_a_keyed_chain_rewritten_end_to_end_is_caught(database: Database, edit_seq: int) -> None:
    log = _keyed(database)
    _rewrite_plainly(database, edit_seq)
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 4  # the first signed entry no longer carries a signature
    assert "edited" in result.problem or "replaced" in result.problem


def test_dropping_the_keyed_entry_and_rehashing_plainly_is_caught(database: Database) -> None:
    log = _keyed(database)
    _rewrite_plainly(database, edit_seq=5, drop_keyed=True)
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 4 and "audit key starts signing at entry #4" in result.problem


def test_entries_before_the_key_are_still_checked_plainly(database: Database) -> None:
    log = _keyed(database)
    _as_attacker(database, update(AuditEntry).where(AuditEntry.seq == 2).values(details='{"n":99}'))
    result = log.verify(database)
    assert not result.ok and result.first_bad_seq == 2


def test_a_workstation_without_the_key_cannot_write_nor_claim_the_chain_is_fine(database: Database) -> None:
    _keyed(database)
    keyless = AuditLog()
    with pytest.raises(AuditKeyError, match="key_file"), database.session() as s:
        keyless.append(s, ALICE, "review.confirm", "candidate", 9)
    result = keyless.verify(database)
    assert not result.ok and result.needs_key and result.keyed_since == 4
    with database.session() as s:
        assert s.get_one(AuditHead, 1).seq == 7  # nothing written
    with pytest.raises(ConfigError, match="signed with the site's audit key since entry #4"):
        build_services(Config(), database)


def test_the_keyed_entry_is_written_once_and_only_by_start_keying(database: Database) -> None:
    log = _keyed(database, 1, 0)
    with pytest.raises(AuditKeyError, match="already keyed"), database.session() as s:
        log.start_keying(s, SYSTEM, new_key())
    with pytest.raises(ValueError, match="start_keying"), database.session() as s:
        log.append(s, SYSTEM, KEYED_ACTION)


def test_a_key_from_another_database_is_refused(database: Database) -> None:
    _fill(database, AuditLog(), 2)
    stranger = AuditLog(AuditKey(new_key(), 2))
    result = stranger.verify(database)
    assert not result.ok and "no audit.keyed entry" in result.problem


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ('["k"]', "expected a JSON object"),
        ('{"key": "abc", "since": 1}', "64-hex-digit"),
        ('{"key": "' + "zz" * 32 + '", "since": 1}', "not hexadecimal"),
        ('{"key": "' + "ab" * 32 + '", "since": 0}', "positive whole"),
        ('{"key": "' + "ab" * 32 + '", "since": true}', "positive whole"),
    ],
)
def test_a_bad_key_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "audit.key"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditKeyError, match=message):
        load_key(path)
    with pytest.raises(AuditKeyError, match="cannot read"):
        load_key(tmp_path / "missing.key")


def test_keygen_and_verify_from_the_command_line(
    sqlite_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(sqlite_database.engine.url)
    _fill(sqlite_database, AuditLog(), 2)
    key_file = tmp_path / "audit.key"
    assert main(["audit", "keygen", "--out", str(key_file), "--db", url]) == 0
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    saved = json.loads(key_file.read_text(encoding="utf-8"))
    assert saved["since"] == 3 and len(saved["key"]) == 64
    assert main(["audit", "keygen", "--out", str(key_file), "--db", url]) == 2  # never overwritten
    capsys.readouterr()
    assert main(["audit", "verify", "--db", url]) == 2  # no key configured here: cannot vouch for it
    assert "signed with the site's audit key since entry #3" in capsys.readouterr().err
    monkeypatch.setenv("TCC_AUDIT__KEY_FILE", str(key_file))
    assert load_config().audit.key_file == str(key_file)
    assert main(["audit", "verify", "--db", url]) == 0
    assert "signed with the audit key from #3" in capsys.readouterr().out
    assert main(["audit", "keygen", "--out", str(tmp_path / "second.key"), "--db", url]) == 2
    assert not (tmp_path / "second.key").exists()
