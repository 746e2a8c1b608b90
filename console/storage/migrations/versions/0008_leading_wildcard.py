"""plate_reads: plate searches with a leading wildcard: a trigram index (PostgreSQL), plate_keys (SQLite)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

A B-tree on the key (0006) serves an exact plate and a prefix ("51F*"), but not "*123.45": that
read every index entry, 2.5 s at 10 M reads (docs/plate_trace.md). pg_trgm's GIN index finds the
reads holding the pattern's three-character runs instead, for the plate trace's patterns and the
plate lookup's "anywhere in the plate" search alike (the index docs/scaling.md sized and
bench/ingest.py measured at 1,000 reads/s); only reads with a plate, the rest are never searched.
PostgreSQL only, where the centre's volumes are. It needs the pg_trgm extension (PostgreSQL's
contrib, trusted since PostgreSQL 13, so a database owner may create it); where it is missing or
may not be created, the migration logs why and leaves the search as it was rather than leaving the
console unable to start.

SQLite has no trigram index. There a table of every plate key ever read (plate_keys, kept by
triggers, so every writer fills it: the console, analytics, sync and intake alike) is scanned instead
of the reads: a few hundred thousand short keys rather than millions of reads, and the matching keys
are then looked up in the key index. A station's SQLite has one writer at a time, so the trigger's
insert into one shared table costs no lock waits; on PostgreSQL it would (two storing transactions
taking the same new keys in opposite orders deadlock), which is why PostgreSQL has the index instead.
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KEY = "upper(replace(replace(replace(plate, '-', ''), '.', ''), ' ', ''))"
log = logging.getLogger("console.storage.migrate")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_plate_keys()
        return
    available = bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first()
    if available is None:
        log.warning("pg_trgm is not installed on this server: plate searches starting with * stay slow")
        return
    try:
        with bind.begin_nested():  # a refused CREATE EXTENSION must not abort the whole upgrade
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DBAPIError as exc:
        log.warning("pg_trgm could not be created (%s): plate searches starting with * stay slow",
                    str(exc.orig).splitlines()[0])  # fmt: skip
        return
    op.execute(
        f"CREATE INDEX ix_plate_reads_plate_key_trgm ON plate_reads USING gin (({KEY}) gin_trgm_ops) "
        "WHERE plate IS NOT NULL"
    )


def _sqlite_plate_keys() -> None:
    op.execute("CREATE TABLE plate_keys (key VARCHAR(16) NOT NULL, CONSTRAINT pk_plate_keys PRIMARY KEY (key)) "
               "WITHOUT ROWID")  # fmt: skip
    new_key = KEY.replace("plate", "new.plate")
    for event, name in (("INSERT", "insert"), ("UPDATE OF plate", "update")):
        op.execute(
            f"CREATE TRIGGER tr_plate_reads_key_{name} AFTER {event} ON plate_reads WHEN new.plate IS NOT NULL "
            f"BEGIN INSERT OR IGNORE INTO plate_keys (key) VALUES ({new_key}); END"
        )
    op.execute(f"INSERT OR IGNORE INTO plate_keys (key) SELECT DISTINCT {KEY} FROM plate_reads WHERE plate IS NOT NULL")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS tr_plate_reads_key_insert")
        op.execute("DROP TRIGGER IF EXISTS tr_plate_reads_key_update")
        op.execute("DROP TABLE IF EXISTS plate_keys")
        return
    op.execute("DROP INDEX IF EXISTS ix_plate_reads_plate_key_trgm")
