"""Password login with lockout after repeated failures; every attempt goes to the audit log."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from console.storage.db import Database
from console.storage.models import Operator, utcnow

from .audit import AuditLog
from .context import Actor, Role

_hasher = PasswordHasher()
_USERNAME_MAX = 64

Reason = Literal["bad_credentials", "locked", "disabled"]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _decoy_hash() -> str:
    # Unknown usernames are checked against this so they take as long as a wrong password and
    # the response time does not reveal which accounts exist.
    return hash_password("not a real password")


class LoginFailed(Exception):
    """Why a password was not accepted; unknown user and wrong password look the same on purpose."""

    def __init__(self, reason: Reason, retry_after_s: int = 0) -> None:
        messages = {
            "bad_credentials": "wrong username or password",
            "locked": f"too many failed attempts; try again in {retry_after_s} s",
            "disabled": "this account is disabled",
        }
        super().__init__(messages[reason])
        self.reason: Reason = reason
        self.retry_after_s = retry_after_s


class AuthService:
    def __init__(
        self,
        db: Database,
        audit: AuditLog,
        max_failed_attempts: int = 5,
        lockout_seconds: int = 300,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.audit = audit
        self.max_failed_attempts = max(1, max_failed_attempts)
        self.lockout = timedelta(seconds=lockout_seconds)
        self.clock = clock

    def login(self, username: str, password: str) -> Actor:
        """The actor for these credentials, or LoginFailed."""
        tried = username.strip().lower()[:_USERNAME_MAX]
        who = Actor(tried, Role.OPERATOR)
        # LoginFailed is raised only after the session has committed: the failure count and the
        # audit entries must survive the refusal.
        with self.db.session() as session:
            operator = self._operator(session, Operator.username == tried)
            if operator is None:
                verify_password(_decoy_hash(), password)
                self.audit.append(session, who, "auth.login_failed", "operator", "", {"reason": "unknown_user"})
                failure = LoginFailed("bad_credentials")
            else:
                outcome = self._attempt(session, operator, password, "auth.login")
                if outcome is None:
                    operator.last_login_at = self.clock()
                    if _hasher.check_needs_rehash(operator.password_hash):
                        operator.password_hash = hash_password(password)
                    return Actor(operator.username, Role(operator.role), operator.id)
                failure = outcome
        raise failure

    def confirm_password(self, actor: Actor, password: str) -> bool:
        """Re-check the signed-in operator's password to lift the idle lock.

        False for a wrong password; LoginFailed when the account is locked (including by this
        attempt) or was disabled meanwhile, so the caller can sign the operator out.
        """
        with self.db.session() as session:
            if actor.operator_id is not None:
                operator = self._operator(session, Operator.id == actor.operator_id)
            else:
                operator = self._operator(session, Operator.username == actor.username)
            if operator is None:
                self.audit.append(session, actor, "auth.unlock_failed", "operator", "", {"reason": "unknown_user"})
                return False
            failure = self._attempt(session, operator, password, "auth.unlock")
        if failure is None:
            return True
        if failure.reason == "bad_credentials":
            return False
        raise failure

    @staticmethod
    def _operator(session: Session, condition: ColumnElement[bool]) -> Operator | None:
        # Locking the row makes concurrent failures from several workstations all count.
        return session.scalars(select(Operator).where(condition).with_for_update()).one_or_none()

    def _attempt(self, session: Session, operator: Operator, password: str, action: str) -> LoginFailed | None:
        """Check one password against a known account, updating throttling state and audit."""
        now = self.clock()
        who = Actor(operator.username, Role(operator.role), operator.id)
        if operator.locked_until is not None and now < operator.locked_until:
            wait = math.ceil((operator.locked_until - now).total_seconds())
            self.audit.append(session, who, f"{action}_refused", "operator", operator.id, {"reason": "locked"})
            return LoginFailed("locked", wait)
        if not verify_password(operator.password_hash, password):
            operator.failed_attempts += 1
            details = {"reason": "bad_password", "failed_attempts": operator.failed_attempts}
            self.audit.append(session, who, f"{action}_failed", "operator", operator.id, details)
            if operator.failed_attempts < self.max_failed_attempts:
                return LoginFailed("bad_credentials")
            # A fresh allowance once the lock expires, rather than relocking on the next slip.
            operator.failed_attempts = 0
            operator.locked_until = now + self.lockout
            seconds = int(self.lockout.total_seconds())
            self.audit.append(session, who, "auth.locked", "operator", operator.id, {"seconds": seconds})
            return LoginFailed("locked", seconds)
        # Checked after the password so that a stranger cannot learn that an account exists.
        if not operator.active:
            self.audit.append(session, who, f"{action}_refused", "operator", operator.id, {"reason": "disabled"})
            return LoginFailed("disabled")
        operator.failed_attempts = 0
        operator.locked_until = None
        self.audit.append(session, who, action, "operator", operator.id)
        return None
