from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from console.services.audit import AuditLog
from console.services.auth import AuthService, LoginFailed, hash_password, verify_password
from console.services.context import SYSTEM, Actor, Role
from console.services.users import UserService
from console.storage.db import Database
from console.storage.models import AuditEntry, Operator

PASSWORD = "đúng-mật-khẩu"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def auth(database: Database, clock: Clock) -> AuthService:
    audit = AuditLog()
    UserService(database, audit).add_user(SYSTEM, "lan", PASSWORD, Role.SUPERVISOR, "Nguyễn Thị Lan")
    return AuthService(database, audit, max_failed_attempts=3, lockout_seconds=300, clock=clock)


def _operator(db: Database, username: str = "lan") -> Operator:
    with db.session() as s:
        return s.scalars(select(Operator).where(Operator.username == username)).one()


def _trail(db: Database) -> list[tuple[str, str, str]]:
    """(actor, action, reason) of every auth entry, oldest first."""
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action.startswith("auth.")).order_by(AuditEntry.seq))
        return [(e.actor, e.action, json.loads(e.details).get("reason", "")) for e in entries]


def test_password_hashing() -> None:
    stored = hash_password("correct horse")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse")
    assert not verify_password(stored, "correct horsE")
    assert not verify_password("not a hash", "correct horse")


def test_right_password_signs_in(auth: AuthService, database: Database, clock: Clock) -> None:
    actor = auth.login("  Lan ", PASSWORD)
    operator = _operator(database)
    assert actor == Actor("lan", Role.SUPERVISOR, operator.id)
    assert operator.last_login_at == clock.now
    assert _trail(database) == [("lan", "auth.login", "")]


def test_wrong_password_and_unknown_user_look_the_same(auth: AuthService, database: Database) -> None:
    with pytest.raises(LoginFailed) as wrong:
        auth.login("lan", "sai-mật-khẩu")
    with pytest.raises(LoginFailed) as unknown:
        auth.login("mallory", PASSWORD)
    assert wrong.value.reason == unknown.value.reason == "bad_credentials"
    assert str(wrong.value) == str(unknown.value)
    assert _operator(database).failed_attempts == 1
    # The trail tells an administrator what really happened.
    assert _trail(database) == [
        ("lan", "auth.login_failed", "bad_password"),
        ("mallory", "auth.login_failed", "unknown_user"),
    ]


def test_lockout_after_repeated_failures_then_unlock(auth: AuthService, database: Database, clock: Clock) -> None:
    for _ in range(2):
        with pytest.raises(LoginFailed, match="wrong"):
            auth.login("lan", "nope-nope")
    with pytest.raises(LoginFailed) as third:
        auth.login("lan", "nope-nope")
    assert third.value.reason == "locked" and third.value.retry_after_s == 300

    clock.advance(120)
    with pytest.raises(LoginFailed) as refused:
        auth.login("lan", PASSWORD)  # even the right password waits out the lock
    assert refused.value.reason == "locked" and refused.value.retry_after_s == 180

    clock.advance(180)
    assert auth.login("lan", PASSWORD).username == "lan"
    operator = _operator(database)
    assert operator.failed_attempts == 0 and operator.locked_until is None
    assert [a for _, a, _ in _trail(database)] == [
        "auth.login_failed",
        "auth.login_failed",
        "auth.login_failed",
        "auth.locked",
        "auth.login_refused",
        "auth.login",
    ]


def test_success_resets_the_failure_count(auth: AuthService, database: Database) -> None:
    for _ in range(2):
        with pytest.raises(LoginFailed):
            auth.login("lan", "nope-nope")
    auth.login("lan", PASSWORD)
    assert _operator(database).failed_attempts == 0
    with pytest.raises(LoginFailed, match="wrong"):
        auth.login("lan", "nope-nope")  # a fresh allowance, not a lock


def test_disabled_account_is_refused(auth: AuthService, database: Database) -> None:
    UserService(database, AuditLog()).set_active(SYSTEM, _operator(database).id, False)
    with pytest.raises(LoginFailed) as refused:
        auth.login("lan", PASSWORD)
    assert refused.value.reason == "disabled"
    with pytest.raises(LoginFailed) as wrong:
        auth.login("lan", "nope-nope")
    assert wrong.value.reason == "bad_credentials"  # no hint that the account exists
    assert _trail(database)[-2:] == [
        ("lan", "auth.login_refused", "disabled"),
        ("lan", "auth.login_failed", "bad_password"),
    ]


def test_weak_hash_is_upgraded_on_login(auth: AuthService, database: Database) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    with database.session() as s:
        s.scalars(select(Operator).where(Operator.username == "lan")).one().password_hash = weak
    auth.login("lan", PASSWORD)
    upgraded = _operator(database).password_hash
    assert upgraded != weak and verify_password(upgraded, PASSWORD)
    assert not PasswordHasher().check_needs_rehash(upgraded)


def test_confirm_password_unlocks_the_idle_screen(auth: AuthService, database: Database) -> None:
    actor = auth.login("lan", PASSWORD)
    assert auth.confirm_password(actor, PASSWORD)
    assert not auth.confirm_password(actor, "nope-nope")
    assert not auth.confirm_password(actor, "nope-nope")
    with pytest.raises(LoginFailed) as locked:
        auth.confirm_password(actor, "nope-nope")
    assert locked.value.reason == "locked"
    with pytest.raises(LoginFailed):
        auth.confirm_password(actor, PASSWORD)
    assert [a for _, a, _ in _trail(database)] == [
        "auth.login",
        "auth.unlock",
        "auth.unlock_failed",
        "auth.unlock_failed",
        "auth.unlock_failed",
        "auth.locked",
        "auth.unlock_refused",
    ]


def test_confirm_password_for_an_unknown_account(auth: AuthService, database: Database) -> None:
    assert not auth.confirm_password(Actor("ghost", Role.OPERATOR, 999), PASSWORD)
    assert _trail(database) == [("ghost", "auth.unlock_failed", "unknown_user")]


def test_every_attempt_leaves_a_verifiable_trail(auth: AuthService, database: Database) -> None:
    auth.login("lan", PASSWORD)
    for name in ("lan", "x" * 300):
        with pytest.raises(LoginFailed):
            auth.login(name, "nope-nope")
    assert len(_trail(database)) == 3
    assert _trail(database)[-1][0] == "x" * 64  # the tried name, cut to the column width
    assert AuditLog().verify(database).ok
