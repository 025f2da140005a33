"""ocr: text recognised in scanned file versions, its status and the searchable PDF

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("asset_file_version", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ocr_status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("ocr_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("ocr_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("ocr_pdf_name", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("asset_file_version", schema=None) as batch_op:
        batch_op.drop_column("ocr_pdf_name")
        batch_op.drop_column("ocr_note")
        batch_op.drop_column("ocr_text")
        batch_op.drop_column("ocr_status")
