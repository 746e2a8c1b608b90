"""plate_reads: an index on the plate key and time, for the plate trace

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Plates are stored in display form ("30A-123.45"), and one key can be written in two display forms
(a car "30AB-123.45" and a moped "30-AB 123.45"), so a trace matches the key: the plate without
separators. An index on that expression serves an exact plate and a prefix ("51F*") on both
backends (docs/plate_trace.md). On PostgreSQL text_pattern_ops lets LIKE 'ABC%' use it whatever
the database's collation; SQLite uses it for the equivalent range ``key >= 'ABC' AND key < 'ABD'``.
The expression must stay identical to console/services/trace.py's, or the planner ignores the index.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KEY = "upper(replace(replace(replace(plate, '-', ''), '.', ''), ' ', ''))"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_plate_reads_key_seen ON plate_reads (({KEY}) text_pattern_ops, seen_at)")
    else:
        op.execute(f"CREATE INDEX ix_plate_reads_key_seen ON plate_reads (({KEY}), seen_at)")


def downgrade() -> None:
    op.execute("DROP INDEX ix_plate_reads_key_seen")
