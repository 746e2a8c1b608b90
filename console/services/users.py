"""Operator accounts: add, enable/disable, change role, reset password. Admins only, all audited."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.storage.db import Database
from console.storage.models import Operator

from .audit import AuditLog
from .auth import hash_password
from .context import SYSTEM, Actor, Permission, Role

USERNAME_PATTERN = re.compile(r"[a-z0-9_.-]{3,64}")
MIN_PASSWORD_LENGTH = 8
_DISPLAY_NAME_MAX = 128
# The audit log names the command line "system"; an account of that name would blur the trail.
_RESERVED = frozenset({SYSTEM.username})


class UserError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise UserError(f"unknown role '{value}'; use one of: {allowed}") from None


def check_username(username: str) -> None:
    """Raise UserError unless ``username`` may name a new account."""
    if not USERNAME_PATTERN.fullmatch(username):
        raise UserError(f"username '{username}' is not allowed: use 3 to 64 characters from a-z, 0-9, '_', '.', '-'")
    if username in _RESERVED:
        raise UserError(f"username '{username}' is reserved")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


class UserService:
    def __init__(self, db: Database, audit: AuditLog) -> None:
        self.db = db
        self.audit = audit

    def list_users(self, actor: Actor) -> list[Operator]:
        self.audit.require(self.db, actor, Permission.USER_MANAGE, "user.list")
        with self.db.session() as session:
            return list(session.scalars(select(Operator).order_by(Operator.username)))

    def add_user(
        self, actor: Actor, username: str, password: str, role: Role | str, display_name: str = ""
    ) -> Operator:
        self.audit.require(self.db, actor, Permission.USER_MANAGE, "user.add")
        check_username(username)
        _check_password(password)
        new_role = _role(role)
        display_name = display_name.strip()
        if len(display_name) > _DISPLAY_NAME_MAX:
            raise UserError(f"the display name may have at most {_DISPLAY_NAME_MAX} characters")
        duplicate = UserError(f"a user named '{username}' already exists")
        with self.db.session() as session:
            if session.scalars(select(Operator.id).where(Operator.username == username)).first() is not None:
                raise duplicate
            operator = Operator(
                username=username,
                display_name=display_name,
                role=new_role.value,
                password_hash=hash_password(password),
                active=True,
                failed_attempts=0,
                preferences={},
            )
            session.add(operator)
            try:
                session.flush()
            except IntegrityError:  # added by another workstation since the check above
                raise duplicate from None
            details = {"username": username, "role": new_role.value, "display_name": display_name}
            self.audit.append(session, actor, "user.add", "operator", operator.id, details)
        return operator

    def set_active(self, actor: Actor, user_id: int, active: bool) -> Operator:
        self.audit.require(self.db, actor, Permission.USER_MANAGE, "user.set_active", user_id)
        if not active and actor.operator_id == user_id:
            raise UserError("you cannot disable your own account")
        with self.db.session() as session:
            operator = self._get(session, user_id)
            if not active:
                self._keep_an_admin(session, operator)
            details = {"username": operator.username, "from": operator.active, "to": active}
            operator.active = active
            action = "user.enable" if active else "user.disable"
            self.audit.append(session, actor, action, "operator", user_id, details)
        return operator

    def set_role(self, actor: Actor, user_id: int, role: Role | str) -> Operator:
        self.audit.require(self.db, actor, Permission.USER_MANAGE, "user.set_role", user_id)
        new_role = _role(role)
        with self.db.session() as session:
            operator = self._get(session, user_id)
            if new_role is not Role.ADMIN:
                self._keep_an_admin(session, operator)
            details = {"username": operator.username, "from": operator.role, "to": new_role.value}
            operator.role = new_role.value
            self.audit.append(session, actor, "user.role", "operator", user_id, details)
        return operator

    def reset_password(self, actor: Actor, user_id: int, new_password: str) -> None:
        self.audit.require(self.db, actor, Permission.USER_MANAGE, "user.reset_password", user_id)
        _check_password(new_password)
        with self.db.session() as session:
            operator = self._get(session, user_id)
            operator.password_hash = hash_password(new_password)
            # A reset is how an administrator lets a locked-out colleague back in.
            operator.failed_attempts = 0
            operator.locked_until = None
            details = {"username": operator.username}
            self.audit.append(session, actor, "user.password_reset", "operator", user_id, details)

    @staticmethod
    def _get(session: Session, user_id: int) -> Operator:
        operator = session.scalars(select(Operator).where(Operator.id == user_id).with_for_update()).one_or_none()
        if operator is None:
            raise UserError(f"there is no user with id {user_id}")
        return operator

    @staticmethod
    def _keep_an_admin(session: Session, operator: Operator) -> None:
        """Refuse a change that would leave no active administrator to manage accounts."""
        if operator.role != Role.ADMIN or not operator.active:
            return
        # Locking every active admin row serialises two admins demoting each other at once.
        admins = session.scalars(
            select(Operator.id).where(Operator.role == Role.ADMIN.value, Operator.active.is_(True)).with_for_update()
        ).all()
        if list(admins) == [operator.id]:
            raise UserError(f"'{operator.username}' is the last active administrator; appoint another one first")
