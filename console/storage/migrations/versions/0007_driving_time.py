"""commercial_vehicles, commercial_drivers, driving_clocks, driving_periods: driving time (art. 64)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

New tables only, so existing rows are untouched. No table of raw journey positions: the engine keeps
each driver's running clock and the periods it derived (docs/driving_time.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commercial_vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=False),
        sa.Column("company", sa.String(length=160), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commercial_vehicles")),
        sa.UniqueConstraint("plate", name=op.f("uq_commercial_vehicles_plate")),
    )
    op.create_table(
        "commercial_drivers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_no", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("company", sa.String(length=160), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commercial_drivers")),
        sa.UniqueConstraint("licence_no", name=op.f("uq_commercial_drivers_licence_no")),
    )
    op.create_table(
        "driving_clocks",
        sa.Column("driver_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("last_fix_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("continuous_s", sa.Float(), nullable=False),
        sa.Column("day_s", sa.Float(), nullable=False),
        sa.Column("week_s", sa.Float(), nullable=False),
        sa.Column("level", sa.String(length=12), nullable=False),
        sa.Column(
            "state", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["driver_id"], ["commercial_drivers.id"], name=op.f("fk_driving_clocks_driver_id_commercial_drivers")
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["commercial_vehicles.id"], name=op.f("fk_driving_clocks_vehicle_id_commercial_vehicles")
        ),
        sa.PrimaryKeyConstraint("driver_id", name=op.f("pk_driving_clocks")),
    )
    op.create_index("ix_driving_clocks_level", "driving_clocks", ["level"])
    op.create_table(
        "driving_periods",
        sa.Column("driver_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["driver_id"], ["commercial_drivers.id"], name=op.f("fk_driving_periods_driver_id_commercial_drivers")
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["commercial_vehicles.id"],
            name=op.f("fk_driving_periods_vehicle_id_commercial_vehicles"),
        ),
        sa.PrimaryKeyConstraint("driver_id", "started_at", name=op.f("pk_driving_periods")),
    )


def downgrade() -> None:
    op.drop_table("driving_periods")
    op.drop_index("ix_driving_clocks_level", table_name="driving_clocks")
    op.drop_table("driving_clocks")
    op.drop_table("commercial_drivers")
    op.drop_table("commercial_vehicles")
