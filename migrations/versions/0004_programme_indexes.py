"""programme dashboard: covering index for utilisation

Distinct readers per agency and period are counted from (agency_id, accessed_on, user_id)
alone; the former (agency_id, accessed_on) index is its prefix, so it is replaced.

Revision ID: 0004
Revises: 0001
"""
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("asset_access", schema=None) as batch_op:
        batch_op.create_index("ix_asset_access_agency_day_user", ["agency_id", "accessed_on", "user_id"], unique=False)
        batch_op.drop_index("ix_asset_access_agency_day")


def downgrade():
    with op.batch_alter_table("asset_access", schema=None) as batch_op:
        batch_op.create_index("ix_asset_access_agency_day", ["agency_id", "accessed_on"], unique=False)
        batch_op.drop_index("ix_asset_access_agency_day_user")
