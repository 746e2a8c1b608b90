from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.services.audit import AuditLog
from console.services.auth import AuthService, LoginFailed
from console.services.context import SYSTEM, Actor, PermissionDenied, Role
from console.services.users import UserError, UserService
from console.storage.db import Database
from console.storage.models import AuditEntry, Operator

GOOD = "mật-khẩu-dài"


@pytest.fixture
def users(database: Database) -> UserService:
    return UserService(database, AuditLog())


@pytest.fixture
def admin(users: UserService) -> Actor:
    operator = users.add_user(SYSTEM, "admin", GOOD, Role.ADMIN)
    return Actor(operator.username, Role.ADMIN, operator.id)


def _entries(db: Database, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)))


def _count_users(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Operator)) or 0


def test_add_user_is_stored_and_audited(users: UserService, admin: Actor, database: Database) -> None:
    added = users.add_user(admin, "lan.nguyen", GOOD, "supervisor", "  Nguyễn Thị Lan ")
    assert (added.username, added.role, added.display_name, added.active) == (
        "lan.nguyen",
        "supervisor",
        "Nguyễn Thị Lan",
        True,
    )
    (entry,) = [e for e in _entries(database, "user.add") if e.actor == "admin"]
    assert entry.object_type == "operator" and entry.object_id == str(added.id)
    assert json.loads(entry.details) == {
        "username": "lan.nguyen",
        "role": "supervisor",
        "display_name": "Nguyễn Thị Lan",
    }
    assert GOOD not in entry.details
    assert [u.username for u in users.list_users(admin)] == ["admin", "lan.nguyen"]


def test_duplicate_username_is_refused(users: UserService, admin: Actor, database: Database) -> None:
    users.add_user(admin, "tuan", GOOD, Role.OPERATOR)
    with pytest.raises(UserError, match="'tuan' already exists"):
        users.add_user(admin, "tuan", GOOD, Role.SUPERVISOR)
    assert _count_users(database) == 2


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("tuan", GOOD, "chief", "unknown role 'chief'; use one of: operator, supervisor, admin"),
        ("tuan", "1234567", "operator", "at least 8 characters"),
        ("Tuan", GOOD, "operator", "username 'Tuan' is not allowed"),
        ("tu", GOOD, "operator", "is not allowed"),
        ("tuấn", GOOD, "operator", "is not allowed"),
        ("tuan anh", GOOD, "operator", "is not allowed"),
        ("a" * 65, GOOD, "operator", "is not allowed"),
        ("system", GOOD, "operator", "reserved"),
    ],
)
def test_invalid_new_user_is_refused(
    users: UserService, admin: Actor, database: Database, username: str, password: str, role: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        users.add_user(admin, username, password, role)
    assert _count_users(database) == 1


def test_operator_may_not_manage_users(users: UserService, admin: Actor, database: Database) -> None:
    clerk = users.add_user(admin, "clerk", GOOD, Role.OPERATOR)
    actor = Actor("clerk", Role.OPERATOR, clerk.id)
    before = _count_users(database)
    with pytest.raises(PermissionDenied):
        users.add_user(actor, "sneaky", GOOD, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        users.set_role(actor, clerk.id, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        users.list_users(Actor("sup", Role.SUPERVISOR, None))
    assert _count_users(database) == before
    assert users.list_users(admin)[1].role == "operator"
    denied = _entries(database, "auth.denied")
    assert [(e.actor, json.loads(e.details)["attempted"]) for e in denied] == [
        ("clerk", "user.add"),
        ("clerk", "user.set_role"),
        ("sup", "user.list"),
    ]
    assert AuditLog().verify(database).ok


def test_last_active_admin_is_kept(users: UserService, admin: Actor) -> None:
    assert admin.operator_id is not None
    with pytest.raises(UserError, match="last active administrator"):
        users.set_role(SYSTEM, admin.operator_id, Role.SUPERVISOR)
    with pytest.raises(UserError, match="last active administrator"):
        users.set_active(SYSTEM, admin.operator_id, False)
    second = users.add_user(admin, "admin2", GOOD, Role.ADMIN)
    users.set_active(admin, second.id, False)  # a disabled admin does not count
    with pytest.raises(UserError, match="last active administrator"):
        users.set_role(SYSTEM, admin.operator_id, Role.OPERATOR)
    users.set_active(admin, second.id, True)
    assert users.set_role(SYSTEM, admin.operator_id, Role.OPERATOR).role == "operator"


def test_cannot_disable_yourself(users: UserService, admin: Actor) -> None:
    users.add_user(admin, "admin2", GOOD, Role.ADMIN)
    assert admin.operator_id is not None
    with pytest.raises(UserError, match="your own account"):
        users.set_active(admin, admin.operator_id, False)


def test_role_change_is_audited(users: UserService, admin: Actor, database: Database) -> None:
    tuan = users.add_user(admin, "tuan", GOOD, Role.OPERATOR)
    assert users.set_role(admin, tuan.id, "supervisor").role == "supervisor"
    (entry,) = _entries(database, "user.role")
    assert (entry.actor, entry.object_id) == ("admin", str(tuan.id))
    assert json.loads(entry.details) == {"username": "tuan", "from": "operator", "to": "supervisor"}
    with pytest.raises(UserError, match="unknown role"):
        users.set_role(admin, tuan.id, "boss")


def test_disable_and_enable_are_audited(users: UserService, admin: Actor, database: Database) -> None:
    tuan = users.add_user(admin, "tuan", GOOD, Role.OPERATOR)
    assert not users.set_active(admin, tuan.id, False).active
    assert users.set_active(admin, tuan.id, True).active
    assert [e.action for e in _entries(database, "user.disable") + _entries(database, "user.enable")] == [
        "user.disable",
        "user.enable",
    ]


def test_reset_password_replaces_it_and_lifts_a_lock(users: UserService, admin: Actor, database: Database) -> None:
    tuan = users.add_user(admin, "tuan", GOOD, Role.OPERATOR)
    auth = AuthService(database, AuditLog(), max_failed_attempts=1)
    with pytest.raises(LoginFailed, match="too many"):
        auth.login("tuan", "wrong-password")
    with pytest.raises(UserError, match="at least 8"):
        users.reset_password(admin, tuan.id, "short")
    users.reset_password(admin, tuan.id, "mật-khẩu-mới")
    assert auth.login("tuan", "mật-khẩu-mới").username == "tuan"
    with pytest.raises(LoginFailed):
        auth.login("tuan", GOOD)
    (entry,) = _entries(database, "user.password_reset")
    assert "mật-khẩu-mới" not in entry.details


def test_unknown_user_id(users: UserService, admin: Actor) -> None:
    with pytest.raises(UserError, match="no user with id 4242"):
        users.set_active(admin, 4242, False)
