"""The PostgreSQL search backend's tables (search_document, search_word) and pg_trgm; on
SQLite nothing (Whoosh is the only backend there).

Revision ID: 0015
Revises: 0014
"""
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    from kmapp.search.postgres.tables import create_search_tables

    create_search_tables(op.get_bind())


def downgrade():
    from kmapp.search.postgres.tables import drop_search_tables

    drop_search_tables(op.get_bind())
