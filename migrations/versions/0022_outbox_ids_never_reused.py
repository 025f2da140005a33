"""search_outbox ids never reused on SQLite (AUTOINCREMENT)

A drain deletes the outbox rows it read by id once its index commit is done. When another
process drained the same rows first and emptied the table, SQLite gave the next row the same
id, and the slower drain deleted it: that asset was never indexed. On PostgreSQL the id
comes from a sequence and nothing changes.

Revision ID: 0022
Revises: 0021
"""
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("search_outbox", recreate="always",
                              table_kwargs={"sqlite_autoincrement": True}):
        pass


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("search_outbox", recreate="always",
                              table_kwargs={"sqlite_autoincrement": False}):
        pass
