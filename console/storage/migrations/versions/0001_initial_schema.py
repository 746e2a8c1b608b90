"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29

The whole domain in one revision, plus what the models cannot say: the audit log refuses
UPDATE and DELETE at the database itself, and the chain starts from a genesis head row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_action"), ["action"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.create_table(
        "cameras",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("route", sa.String(length=64), nullable=False),
        sa.Column("route_kind", sa.String(length=20), nullable=False),
        sa.Column("km", sa.Float(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("direction", sa.String(length=64), nullable=False),
        sa.Column("main_url", sa.Text(), nullable=False),
        sa.Column("sub_url", sa.Text(), nullable=True),
        sa.Column("stream_username", sa.String(length=128), nullable=True),
        sa.Column("stream_password", sa.String(length=256), nullable=True),
        sa.Column("speed_limit_kmh", sa.Integer(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cameras")),
        sa.UniqueConstraint("code", name=op.f("uq_cameras_code")),
    )
    with op.batch_alter_table("cameras", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cameras_route"), ["route"], unique=False)

    op.create_table(
        "operators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "preferences",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operators")),
        sa.UniqueConstraint("username", name=op.f("uq_operators_username")),
    )
    op.create_table(
        "patrol_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_sign", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("station", sa.String(length=160), nullable=False),
        sa.Column("vehicle", sa.String(length=64), nullable=False),
        sa.Column(
            "members",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("tracker_team", sa.String(length=64), nullable=True),
        sa.Column("tracker_device", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_units")),
        sa.UniqueConstraint("call_sign", name=op.f("uq_patrol_units_call_sign")),
    )
    op.create_table(
        "vehicle_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=False),
        sa.Column("plate_colour", sa.String(length=8), nullable=False),
        sa.Column("vehicle_class", sa.String(length=16), nullable=False),
        sa.Column("brand", sa.String(length=64), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("colour", sa.String(length=32), nullable=False),
        sa.Column("owner_name", sa.String(length=160), nullable=False),
        sa.Column("owner_id_number", sa.String(length=20), nullable=False),
        sa.Column("owner_address", sa.Text(), nullable=False),
        sa.Column("owner_phone", sa.String(length=20), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_registrations")),
        sa.UniqueConstraint("plate", "plate_colour", name="uq_vehicle_registrations_plate_colour"),
    )
    with op.batch_alter_table("vehicle_registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vehicle_registrations_plate"), ["plate"], unique=False)

    op.create_table(
        "camera_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column(
            "geometry",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "params",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["camera_id"], ["cameras.id"], name=op.f("fk_camera_rules_camera_id_cameras"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_camera_rules")),
    )
    with op.batch_alter_table("camera_rules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_camera_rules_camera_id"), ["camera_id"], unique=False)

    op.create_table(
        "evidence_files",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("mime", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("camera_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name=op.f("fk_evidence_files_camera_id_cameras")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_evidence_files_sha256")),
    )
    op.create_table(
        "hotlist",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=False),
        sa.Column("plate_colour", sa.String(length=8), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=128), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["added_by_id"], ["operators.id"], name=op.f("fk_hotlist_added_by_id_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotlist")),
    )
    with op.batch_alter_table("hotlist", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hotlist_plate"), ["plate"], unique=False)

    op.create_table(
        "patrol_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("shift_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shift_end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("plan_ref", sa.String(length=64), nullable=False),
        sa.Column("route_area", sa.String(length=255), nullable=False),
        sa.Column("vehicle", sa.String(length=64), nullable=False),
        sa.Column(
            "members",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("signed_by_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("import_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["signed_by_id"], ["operators.id"], name=op.f("fk_patrol_logs_signed_by_id_operators")),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["patrol_logs.id"], name=op.f("fk_patrol_logs_supersedes_id_patrol_logs")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["patrol_units.id"], name=op.f("fk_patrol_logs_unit_id_patrol_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_logs")),
        sa.UniqueConstraint("import_sha256", name=op.f("uq_patrol_logs_import_sha256")),
    )
    with op.batch_alter_table("patrol_logs", schema=None) as batch_op:
        batch_op.create_index("ix_patrol_logs_status_start", ["status", "shift_start"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrol_logs_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "unit_latest_positions",
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("fixed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("speed_kmh", sa.Float(), nullable=True),
        sa.Column("course_deg", sa.Float(), nullable=True),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("battery_pct", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["patrol_units.id"],
            name=op.f("fk_unit_latest_positions_unit_id_patrol_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit_id", name=op.f("pk_unit_latest_positions")),
    )
    op.create_table(
        "unit_positions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("fixed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("speed_kmh", sa.Float(), nullable=True),
        sa.Column("course_deg", sa.Float(), nullable=True),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("battery_pct", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["patrol_units.id"],
            name=op.f("fk_unit_positions_unit_id_patrol_units"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_positions")),
        sa.UniqueConstraint("unit_id", "fixed_at", name="uq_unit_positions_unit_fixed"),
    )
    op.create_table(
        "violation_candidates",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("rule_kind", sa.String(length=32), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("plate_raw", sa.String(length=32), nullable=True),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("plate_colour", sa.String(length=8), nullable=True),
        sa.Column("vehicle_class", sa.String(length=16), nullable=True),
        sa.Column(
            "measured",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "track",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "model_versions",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("case_key", sa.String(length=96), nullable=True),
        sa.Column("claimed_by_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reject_reason", sa.String(length=32), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("corrected_plate", sa.String(length=16), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name=op.f("fk_violation_candidates_camera_id_cameras")),
        sa.ForeignKeyConstraint(
            ["claimed_by_id"], ["operators.id"], name=op.f("fk_violation_candidates_claimed_by_id_operators")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["operators.id"], name=op.f("fk_violation_candidates_decided_by_id_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_violation_candidates")),
    )
    with op.batch_alter_table("violation_candidates", schema=None) as batch_op:
        batch_op.create_index("ix_candidates_camera_detected", ["camera_id", "detected_at"], unique=False)
        batch_op.create_index("ix_candidates_plate_detected", ["plate", "detected_at"], unique=False)
        batch_op.create_index("ix_candidates_status_detected", ["status", "detected_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_violation_candidates_case_key"), ["case_key"], unique=False)

    op.create_table(
        "candidate_evidence",
        sa.Column("candidate_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("evidence_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["violation_candidates.id"],
            name=op.f("fk_candidate_evidence_candidate_id_violation_candidates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_files.id"],
            name=op.f("fk_candidate_evidence_evidence_id_evidence_files"),
        ),
        sa.PrimaryKeyConstraint("candidate_id", "evidence_id", name=op.f("pk_candidate_evidence")),
    )
    op.create_table(
        "fines",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("candidate_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=False),
        sa.Column("plate_colour", sa.String(length=8), nullable=False),
        sa.Column("vehicle_class", sa.String(length=16), nullable=False),
        sa.Column("violation_code", sa.String(length=48), nullable=False),
        sa.Column("legal_ref", sa.String(length=64), nullable=False),
        sa.Column("amount_min_vnd", sa.BigInteger(), nullable=False),
        sa.Column("amount_max_vnd", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notice_path", sa.Text(), nullable=True),
        sa.Column("notice_sha256", sa.String(length=64), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["approved_by_id"], ["operators.id"], name=op.f("fk_fines_approved_by_id_operators")),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["violation_candidates.id"],
            name=op.f("fk_fines_candidate_id_violation_candidates"),
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["operators.id"], name=op.f("fk_fines_created_by_id_operators")),
        sa.ForeignKeyConstraint(
            ["registration_id"],
            ["vehicle_registrations.id"],
            name=op.f("fk_fines_registration_id_vehicle_registrations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fines")),
        sa.UniqueConstraint("candidate_id", name=op.f("uq_fines_candidate_id")),
    )
    with op.batch_alter_table("fines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fines_plate"), ["plate"], unique=False)
        batch_op.create_index("ix_fines_status_due", ["status", "due_at"], unique=False)

    op.create_table(
        "plate_reads",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raw_text", sa.String(length=32), nullable=False),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("plate_colour", sa.String(length=8), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("vehicle_class", sa.String(length=16), nullable=True),
        sa.Column("track_id", sa.String(length=32), nullable=True),
        sa.Column(
            "bbox",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("evidence_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name=op.f("fk_plate_reads_camera_id_cameras")),
        sa.ForeignKeyConstraint(
            ["evidence_id"], ["evidence_files.id"], name=op.f("fk_plate_reads_evidence_id_evidence_files")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plate_reads")),
    )
    with op.batch_alter_table("plate_reads", schema=None) as batch_op:
        batch_op.create_index("ix_plate_reads_camera_seen", ["camera_id", "seen_at"], unique=False)
        batch_op.create_index("ix_plate_reads_plate_seen", ["plate", "seen_at"], unique=False)

    op.create_table(
        "alerts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=True),
        sa.Column("plate_read_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("hotlist_entry_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"], ["operators.id"], name=op.f("fk_alerts_acknowledged_by_id_operators")
        ),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name=op.f("fk_alerts_camera_id_cameras")),
        sa.ForeignKeyConstraint(["hotlist_entry_id"], ["hotlist.id"], name=op.f("fk_alerts_hotlist_entry_id_hotlist")),
        sa.ForeignKeyConstraint(
            ["plate_read_id"], ["plate_reads.id"], name=op.f("fk_alerts_plate_read_id_plate_reads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index("ix_alerts_status_created", ["status", "created_at"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("alert_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("candidate_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], name=op.f("fk_incidents_alert_id_alerts")),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["violation_candidates.id"],
            name=op.f("fk_incidents_candidate_id_violation_candidates"),
        ),
        sa.ForeignKeyConstraint(["created_by_id"], ["operators.id"], name=op.f("fk_incidents_created_by_id_operators")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_status_created", ["status", "created_at"], unique=False)

    op.create_table(
        "dispatches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("dispatched_by_id", sa.Integer(), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("eta_s", sa.Float(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["dispatched_by_id"], ["operators.id"], name=op.f("fk_dispatches_dispatched_by_id_operators")
        ),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_dispatches_incident_id_incidents")),
        sa.ForeignKeyConstraint(["unit_id"], ["patrol_units.id"], name=op.f("fk_dispatches_unit_id_patrol_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dispatches")),
    )
    with op.batch_alter_table("dispatches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dispatches_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dispatches_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "incident_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["operators.id"], name=op.f("fk_incident_events_actor_id_operators")),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_events_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["patrol_units.id"], name=op.f("fk_incident_events_unit_id_patrol_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_events")),
    )
    with op.batch_alter_table("incident_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_events_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "patrol_log_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("place", sa.String(length=255), nullable=False),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("vehicle_class", sa.String(length=16), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("violation_code", sa.String(length=48), nullable=True),
        sa.Column("tests_count", sa.Integer(), nullable=True),
        sa.Column("reading_mg_l", sa.Float(), nullable=True),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_patrol_log_entries_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["log_id"],
            ["patrol_logs.id"],
            name=op.f("fk_patrol_log_entries_log_id_patrol_logs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrol_log_entries")),
    )
    with op.batch_alter_table("patrol_log_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_patrol_log_entries_log_id"), ["log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrol_log_entries_plate"), ["plate"], unique=False)
    _protect_audit_log()
    op.bulk_insert(
        sa.table("audit_head", sa.column("id", sa.Integer), sa.column("seq", sa.BigInteger), sa.column("hash")),
        [{"id": 1, "seq": 0, "hash": GENESIS}],
    )


GENESIS = "0" * 64


def _protect_audit_log() -> None:
    # Append-only at the database too, so a stray UPDATE from any client is refused; anyone who
    # disables the trigger still breaks the hash chain, which 'audit verify' reports.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'audit_entries is append-only';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries "
            "FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entries_no_{verb.lower()} BEFORE {verb} ON audit_entries "
                "BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_change ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS audit_entries_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_delete")
    with op.batch_alter_table("patrol_log_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrol_log_entries_plate"))
        batch_op.drop_index(batch_op.f("ix_patrol_log_entries_log_id"))

    op.drop_table("patrol_log_entries")
    with op.batch_alter_table("incident_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_events_incident_id"))

    op.drop_table("incident_events")
    with op.batch_alter_table("dispatches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dispatches_unit_id"))
        batch_op.drop_index(batch_op.f("ix_dispatches_incident_id"))

    op.drop_table("dispatches")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_status_created")

    op.drop_table("incidents")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_alerts_status_created")

    op.drop_table("alerts")
    with op.batch_alter_table("plate_reads", schema=None) as batch_op:
        batch_op.drop_index("ix_plate_reads_plate_seen")
        batch_op.drop_index("ix_plate_reads_camera_seen")

    op.drop_table("plate_reads")
    with op.batch_alter_table("fines", schema=None) as batch_op:
        batch_op.drop_index("ix_fines_status_due")
        batch_op.drop_index(batch_op.f("ix_fines_plate"))

    op.drop_table("fines")
    op.drop_table("candidate_evidence")
    with op.batch_alter_table("violation_candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_violation_candidates_case_key"))
        batch_op.drop_index("ix_candidates_status_detected")
        batch_op.drop_index("ix_candidates_plate_detected")
        batch_op.drop_index("ix_candidates_camera_detected")

    op.drop_table("violation_candidates")
    op.drop_table("unit_positions")
    op.drop_table("unit_latest_positions")
    with op.batch_alter_table("patrol_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrol_logs_unit_id"))
        batch_op.drop_index("ix_patrol_logs_status_start")

    op.drop_table("patrol_logs")
    with op.batch_alter_table("hotlist", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hotlist_plate"))

    op.drop_table("hotlist")
    op.drop_table("evidence_files")
    with op.batch_alter_table("camera_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_camera_rules_camera_id"))

    op.drop_table("camera_rules")
    with op.batch_alter_table("vehicle_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vehicle_registrations_plate"))

    op.drop_table("vehicle_registrations")
    op.drop_table("patrol_units")
    op.drop_table("operators")
    with op.batch_alter_table("cameras", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cameras_route"))

    op.drop_table("cameras")
    op.drop_table("audit_head")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entries_action"))

    op.drop_table("audit_entries")
