"""Audit test helpers: a filled chain, and changes made as someone with database rights would."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from console.services.audit import AuditLog
from console.services.context import Actor, Role
from console.storage.db import Database

ALICE = Actor("alice", Role.SUPERVISOR, 7)
BOB = Actor("bob", Role.OPERATOR, 8)


def _fill(db: Database, log: AuditLog, count: int = 5) -> None:
    for n in range(1, count + 1):
        with db.session() as s:
            details = {"n": n, "note": "xác nhận vi phạm", "plate": "30A-123.45"}
            log.append(s, ALICE if n % 2 else BOB, "review.confirm", "candidate", n, details)


def _as_attacker(db: Database, *statements: Any) -> None:
    """Run statements with the append-only triggers out of the way, as someone with DB rights could."""
    with db.engine.begin() as conn:
        if db.kind == "sqlite":
            conn.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_entries_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER USER"))
        for statement in statements:
            conn.execute(statement)
