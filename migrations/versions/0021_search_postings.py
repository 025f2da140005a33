"""The PostgreSQL search backend's postings (search_posting) and field lengths, so that ranking,
counting and document frequencies never read the tsvectors; on SQLite nothing.

Existing rows get no postings here (that takes the Python analyser): their state keys are
cleared so that ``check`` lists them as stale; run ``reindex`` after upgrading.

Revision ID: 0021
Revises: 0020
"""
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    from kmapp.search.postgres.tables import create_search_tables

    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_document ADD COLUMN IF NOT EXISTS lengths integer[], "
               "ADD COLUMN IF NOT EXISTS scored_lengths real[]")
    op.execute("UPDATE search_document SET state_key = NULL, body_key = NULL WHERE lengths IS NULL")
    create_search_tables(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS search_posting")
    op.execute("ALTER TABLE search_document DROP COLUMN IF EXISTS lengths, DROP COLUMN IF EXISTS scored_lengths")
