"""jobs: one background job queue in the database; urgent search-outbox rows

Every file version whose text was never read gets an extraction job, so the worker reads
what earlier versions of the portal left unread.

Revision ID: 0006
Revises: 0005
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ACTIVE = sa.text("state IN ('queued', 'running')")


def upgrade():
    op.create_table(
        "job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=120), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("progress_done", sa.Integer(), nullable=True),
        sa.Column("progress_total", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('queued', 'running', 'parked')", name=op.f("ck_job_state_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index("ix_job_ready", ["state", "priority", "run_after"], unique=False)
        batch_op.create_index("uq_job_active_key", ["key"], unique=True, sqlite_where=ACTIVE,
                              postgresql_where=ACTIVE)
    with op.batch_alter_table("search_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("urgent", sa.Boolean(), nullable=False, server_default=sa.false()))
    now = datetime.now(timezone.utc).replace(tzinfo=None)  # naive UTC, as every timestamp
    op.get_bind().execute(sa.text(
        "INSERT INTO job (kind, key, payload, state, priority, attempts, run_after, created_at) "
        "SELECT 'extract_text', 'extract_text:' || CAST(id AS VARCHAR(20)), "
        "'{\"version_id\": ' || CAST(id AS VARCHAR(20)) || '}', 'queued', 100, 0, :now, :now "
        "FROM asset_file_version WHERE extracted_text IS NULL"), {"now": now})


def downgrade():
    with op.batch_alter_table("search_outbox", schema=None) as batch_op:
        batch_op.drop_column("urgent")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index("uq_job_active_key", sqlite_where=ACTIVE, postgresql_where=ACTIVE)
        batch_op.drop_index("ix_job_ready")
    op.drop_table("job")
