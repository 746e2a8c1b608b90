from __future__ import annotations

from sqlalchemy import select

from console.storage.db import Database
from console.storage.models import AuditHead


def test_migrated_database_has_genesis_head(database: Database) -> None:
    with database.session() as s:
        head = s.scalars(select(AuditHead)).one()
    assert head.seq == 0 and head.hash == "0" * 64
