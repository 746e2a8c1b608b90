"""cameras.detector: the vehicle detector a camera uses

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

A camera whose picture the default COCO detector does not suit (the demo's rendered scenes; a
user's site with its own trained model) names its detector; NULL keeps the default.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cameras", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detector", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cameras", schema=None) as batch_op:
        batch_op.drop_column("detector")
