"""auth: device cookies, the device (nonce hash) of each sign-in attempt

A trusted browser's failures are counted by its device hash (kmapp/auth/throttle.py);
NULL marks an attempt from an unknown device, as all earlier rows were.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("device_hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_login_attempt_device_hash"), ["device_hash"], unique=False)


def downgrade():
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempt_device_hash"))
        batch_op.drop_column("device_hash")
