"""Who is acting, and what each role may do. Checked in the service layer, not only in the UI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW = "view"
    ALERT_ACK = "alert.ack"
    REVIEW_DECIDE = "review.decide"
    INCIDENT_MANAGE = "incident.manage"
    SNAPSHOT = "camera.snapshot"
    FINE_APPROVE = "fine.approve"
    PATROL_LOG_SIGN = "patrol_log.sign"
    AUDIT_VIEW = "audit.view"
    USER_MANAGE = "user.manage"
    CAMERA_CONFIGURE = "camera.configure"


_OPERATOR = {
    Permission.VIEW,
    Permission.ALERT_ACK,
    Permission.REVIEW_DECIDE,
    Permission.INCIDENT_MANAGE,
    Permission.SNAPSHOT,
}
_SUPERVISOR = _OPERATOR | {Permission.FINE_APPROVE, Permission.PATROL_LOG_SIGN, Permission.AUDIT_VIEW}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: frozenset(_OPERATOR),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    # A district station often has one person who is both: admin holds every permission.
    Role.ADMIN: frozenset(Permission),
}


class PermissionDenied(PermissionError):
    def __init__(self, actor: Actor, permission: Permission) -> None:
        super().__init__(f"{actor.username} ({actor.role}) may not {permission.value}")
        self.actor = actor
        self.permission = permission


@dataclass(frozen=True)
class Actor:
    """The operator a service call is made for; ``operator_id`` is None for the system itself."""

    username: str
    role: Role
    operator_id: int | None = None

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise PermissionDenied(self, permission)


# Command-line administration and start-up tasks act as the system, with full rights; the audit
# log still records them under this name.
SYSTEM = Actor(username="system", role=Role.ADMIN)
