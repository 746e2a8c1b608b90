"""The plate key of a read as SQL, and the index on it (migration 0006, docs/plate_trace.md).

Plates are stored in display form, and one key has two spellings (car "30AB-123.45", moped
"30-AB 123.45"), so searches compare keys. The expression is literal SQL, not bound parameters: a
query must carry exactly the indexed expression for either planner to use the index.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Index, String, literal_column

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
