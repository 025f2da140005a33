"""The tables of the PostgreSQL search backend, created by migration 0015 on PostgreSQL only
(SQLite deployments search with Whoosh and never get them).

``search_document``: one row per published asset. ``vector`` holds every searchable field,
weighted like Whoosh's field boosts (title A, tags B, summary C, body D); the body's lexemes
come first, at positions from 1, and the other fields after a gap, so a phrase never spans
two fields and a metadata change can keep the body part as it is (``ts_filter(vector, '{d}')``).
The facet and visibility columns are plain columns; ``doc_id`` is a small number per row for
the bitmaps that group similar results.

``search_word``: the readable words of the documents for "did you mean", with a trigram index.

``search_posting`` (migration 0021): one small row per (term, field, document) with Whoosh's
posting weight (frequency x field boost), and the document's field lengths in
``search_document.lengths``: ranking (BM25F as Whoosh computes it), document frequencies and
champion lists read these instead of detoasting ``vector`` (see :mod:`.ranking`). ``impact`` is
the term's BM25 part for that document with the field averages known when it was written; it
only orders the champion lists (candidates are scored again with current statistics).
"""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg

metadata = sa.MetaData()

search_document = sa.Table(
    "search_document", metadata,
    sa.Column("asset_id", sa.Text, primary_key=True),
    sa.Column("doc_id", sa.BigInteger, sa.Identity(), nullable=False, unique=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("body_excerpt", sa.Text, nullable=False),
    sa.Column("vector", pg.TSVECTOR, nullable=False),
    sa.Column("tags", pg.ARRAY(sa.Text), nullable=False),
    sa.Column("seci_stage", pg.ARRAY(sa.Text), nullable=False),
    sa.Column("agency", sa.Text),
    sa.Column("agency_name", sa.Text),
    sa.Column("cop", sa.Text),
    sa.Column("cop_name", sa.Text),
    sa.Column("asset_type", sa.Text),
    sa.Column("year", sa.Integer),
    sa.Column("km_stage", sa.Text),
    sa.Column("visibility", sa.Text, nullable=False),
    sa.Column("published", sa.DateTime),
    sa.Column("updated", sa.DateTime),
    sa.Column("state_key", sa.Text),
    sa.Column("body_key", sa.Text),  # what the body part of vector was made of
    sa.Column("content_key", sa.BigInteger, nullable=False),
    sa.Column("title_key", sa.BigInteger, nullable=False),
    sa.Column("cop_number", sa.BigInteger, nullable=False),
    # Field lengths in FIELDS order: exact token counts (their sums give the averages) and
    # Whoosh's one-byte approximation (what its BM25F divides by); NULL until written (0021).
    sa.Column("lengths", pg.ARRAY(sa.Integer)),
    sa.Column("scored_lengths", pg.ARRAY(sa.REAL)),
)

# Field numbers of search_posting.field (and positions + 1 in the lengths arrays).
FIELDS = ("title", "tag_text", "summary", "body")
BODY_FIELD = FIELDS.index("body")

search_posting = sa.Table(
    "search_posting", metadata,
    sa.Column("doc_id", sa.BigInteger, nullable=False),
    sa.Column("term", sa.Text, nullable=False),
    sa.Column("field", sa.SmallInteger, nullable=False),
    sa.Column("weight", sa.REAL, nullable=False),
    sa.Column("impact", sa.REAL, nullable=False),
)

search_word = sa.Table(
    "search_word", metadata,
    sa.Column("word", sa.Text, primary_key=True),
)

DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS ix_search_document_vector ON search_document USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS ix_search_document_visibility ON search_document (visibility, agency)",
    "CREATE INDEX IF NOT EXISTS ix_search_document_published ON search_document (published DESC)",
    "CREATE INDEX IF NOT EXISTS ix_search_word_trigram ON search_word USING gin (word gin_trgm_ops)",
) + (
    # A document's rows (deleting, rewriting, looking its terms up) ...
    "CREATE UNIQUE INDEX IF NOT EXISTS ix_search_posting_doc ON search_posting (doc_id, term, field) INCLUDE (weight)",
    # ... and a term's rows, best first (champion lists; document frequencies, index only).
    "CREATE INDEX IF NOT EXISTS ix_search_posting_term ON search_posting (term, field, impact DESC) INCLUDE (doc_id, weight)",
)


def create_search_tables(connection) -> None:
    """Create the tables, their indexes and pg_trgm (only on PostgreSQL; harmless if they exist)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(sa.text(DDL[0]))
    metadata.create_all(connection, checkfirst=True)
    for statement in DDL[1:]:
        connection.execute(sa.text(statement))


def drop_search_tables(connection) -> None:
    if connection.dialect.name == "postgresql":
        metadata.drop_all(connection, checkfirst=True)
