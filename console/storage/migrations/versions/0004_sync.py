"""sync_bundles, sync_rows, sync_conflicts, sync_audit_entries: station <-> centre sync

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

New tables only, so existing rows are untouched: where a row came from is kept beside it
(sync_rows) rather than in a new column of every table (docs/sync.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_bundles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "report", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_bundles")),
        sa.UniqueConstraint("sha256", name=op.f("uq_sync_bundles_sha256")),
    )
    op.create_table(
        "sync_audit_entries",
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["sync_bundles.id"], name=op.f("fk_sync_audit_entries_bundle_id_sync_bundles")
        ),
        sa.PrimaryKeyConstraint("origin", "seq", name=op.f("pk_sync_audit_entries")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=48), nullable=False),
        sa.Column("origin_id", sa.BigInteger(), nullable=False),
        sa.Column("local_id", sa.BigInteger(), nullable=True),
        sa.Column("rule", sa.String(length=48), nullable=False),
        sa.Column("kept", sa.String(length=16), nullable=False),
        sa.Column(
            "kept_row", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.Column(
            "set_aside_row",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bundle_id"], ["sync_bundles.id"], name=op.f("fk_sync_conflicts_bundle_id_sync_bundles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_conflicts_bundle_id"), ["bundle_id"], unique=False)

    op.create_table(
        "sync_rows",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=48), nullable=False),
        sa.Column("origin_id", sa.BigInteger(), nullable=False),
        sa.Column("local_id", sa.BigInteger(), nullable=False),
        sa.Column("origin_sha256", sa.String(length=64), nullable=False),
        sa.Column("local_sha256", sa.String(length=64), nullable=False),
        sa.Column("bundle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["bundle_id"], ["sync_bundles.id"], name=op.f("fk_sync_rows_bundle_id_sync_bundles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_rows")),
        sa.UniqueConstraint("origin", "table_name", "origin_id", name="uq_sync_rows_origin_table_id"),
    )
    with op.batch_alter_table("sync_rows", schema=None) as batch_op:
        batch_op.create_index("ix_sync_rows_table_local", ["table_name", "local_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_rows", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_rows_table_local")

    op.drop_table("sync_rows")
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_bundle_id"))

    op.drop_table("sync_conflicts")
    op.drop_table("sync_audit_entries")
    op.drop_table("sync_bundles")
