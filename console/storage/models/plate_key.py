"""The plate key of a read as SQL, and the indexes on it (migrations 0006 and 0008, docs/plate_trace.md).

Plates are stored in display form, and one key has two spellings (car "30AB-123.45", moped
"30-AB 123.45"), so searches compare keys. The expression is literal SQL, not bound parameters: a
query must carry exactly the indexed expression for either planner to use the index.
"""

from __future__ import annotations

import json
from typing import cast

from sqlalchemy import ColumnElement, Index, String, Table, TableClause, column, func, literal_column, select, table
from sqlalchemy.orm import Session

from .detection import PlateRead

KEY_SQL = "upper(replace(replace(replace(plate_reads.plate, '-', ''), '.', ''), ' ', ''))"


def plate_key_column() -> ColumnElement[str]:
    return literal_column(KEY_SQL, String)


# text_pattern_ops: LIKE 'ABC%' uses the index on PostgreSQL whatever the database's collation.
plate_key_index = Index(
    "ix_plate_reads_key_seen",
    plate_key_column().label("plate_key"),
    PlateRead.__table__.c.seen_at,
    postgresql_ops={"plate_key": "text_pattern_ops"},
)

# A leading wildcard ("*123.45", the lookup's "anywhere in the plate") is served by trigrams (migration
# 0008), on PostgreSQL only; queries must say ``plate IS NOT NULL`` for the planner to use it.
plate_key_trigrams = Index(
    "ix_plate_reads_plate_key_trgm",
    plate_key_column().label("plate_key"),
    postgresql_using="gin",
    postgresql_ops={"plate_key": "gin_trgm_ops"},
    postgresql_where=PlateRead.__table__.c.plate.is_not(None),
    _table=cast(Table, PlateRead.__table__),  # the key alone is literal SQL, which names no table to attach to
).ddl_if(dialect="postgresql")


# SQLite's stand-in for the trigram index (migration 0008): every plate key ever read, kept by triggers
# on plate_reads. Not a model: nothing writes it but those triggers, and PostgreSQL does not have it.
plate_keys: TableClause = table("plate_keys", column("key", String))


def keys_like_on_sqlite(s: Session, like: str) -> ColumnElement[bool]:
    """On SQLite: the reads whose key matches ``like``, found through plate_keys and the key index.

    The distinct keys are scanned rather than every read; the matches go to the reads query as one JSON
    list, because SQLite looks an indexed expression up for an IN list but not for IN (SELECT ...).
    """
    keys = list(s.scalars(select(plate_keys.c.key).where(plate_keys.c.key.like(like))))
    each = func.json_each(json.dumps(keys)).table_valued("value")
    return plate_key_column().in_(select(each.c.value))
