"""analytics_nodes and camera_leases: analytics processes share the cameras through the database

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

A camera is analysed by whoever holds its lease row; an expired row is free to take, so the
cameras of a dead process are taken over within one lease period (console/services/leases.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "analytics_nodes",
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("device", sa.String(length=32), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("holder", name=op.f("pk_analytics_nodes")),
    )
    op.create_table(
        "camera_leases",
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=128), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["cameras.id"], name=op.f("fk_camera_leases_camera_id_cameras"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("camera_id", name=op.f("pk_camera_leases")),
    )
    with op.batch_alter_table("camera_leases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_camera_leases_holder"), ["holder"], unique=False)


def downgrade() -> None:
    op.drop_table("camera_leases")
    op.drop_table("analytics_nodes")
