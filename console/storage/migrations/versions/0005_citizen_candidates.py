"""violation_candidates.source and .reporter: citizen reports enter the review queue

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

A candidate is either a camera rule hit or a citizen's report taken in by the intake API
(console/services/intake/); the reviewer must see which, and the audit names the calling system
(reporter). Existing rows are all camera hits, which the server default fills in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("violation_candidates") as batch:
        batch.add_column(sa.Column("source", sa.String(length=16), server_default="camera", nullable=False))
        batch.add_column(sa.Column("reporter", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("violation_candidates") as batch:
        batch.drop_column("reporter")
        batch.drop_column("source")
