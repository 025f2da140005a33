"""The PostgreSQL search backend in bench/search_bench.py (``--backend postgres``): the same
synthetic corpus written to ``search_document`` in a schema of its own, searched through
:class:`kmapp.search.postgres.searching.PostgresSearch` as the app does.

CPU time measured in this process is only the client's share (parsing, snippets); the
server's work shows in wall time.
"""
import time
import uuid

import sqlalchemy as sa

from kmapp.config import normalise_database_url
from kmapp.search.postgres.searching import PostgresSearch
from kmapp.search.postgres.tables import create_search_tables
from kmapp.search.postgres.writing import put_documents
from tests.postgres_schema import EXTENSIONS_SCHEMA, ensure_pg_trgm

BATCH = 500


class PostgresIndex:
    """A schema holding one corpus; ``close()`` drops it (unless kept).

    ``schema`` names a schema to reuse (a corpus kept from an earlier run: nothing is created);
    with ``replace`` it is dropped and created empty first."""

    def __init__(self, url: str, keep: bool = False, schema: str | None = None, replace: bool = False):
        if not url:
            raise SystemExit("PostgreSQL: give --database-url or set TEST_DATABASE_URL")
        self.base = normalise_database_url(url)
        self.schema = schema or f"kmbench_{uuid.uuid4().hex[:8]}"
        self.keep = keep
        self.admin = sa.create_engine(self.base)
        with self.admin.begin() as connection:
            ensure_pg_trgm(connection)
            if replace:
                connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            connection.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"'))
        separator = "&" if "?" in self.base else "?"
        self.engine = sa.create_engine(f"{self.base}{separator}options=-csearch_path%3D{self.schema},{EXTENSIONS_SCHEMA}")
        self.connection = self.engine.connect()
        create_search_tables(self.connection)
        self.connection.commit()
        self.searching = PostgresSearch(lambda: self.connection)

    def build(self, documents) -> float:
        """Write ``documents``; return the seconds it took (analysis, writing, VACUUM ANALYZE)."""
        started = time.perf_counter()
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) == BATCH:
                put_documents(self.connection, batch)
                self.connection.commit()
                batch = []
        put_documents(self.connection, batch)
        self.connection.commit()
        self.connection.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("VACUUM ANALYZE"))
        self.connection.commit()
        return time.perf_counter() - started

    def prewarm(self) -> tuple[int, float]:
        """Read the search tables and their indexes into the OS page cache (pg_prewarm, mode
        "read"), as a server that has been answering searches holds them: the Whoosh index and
        the FTS5 file are in the page cache after their build, a PostgreSQL schema built
        earlier may not be. Returns (blocks read, seconds)."""
        started = time.perf_counter()
        with self.admin.begin() as connection:
            connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_prewarm"))
            blocks = connection.scalar(sa.text(
                "SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :schema AND c.relkind IN ('r', 'i')"),
                {"schema": self.schema})
        return int(blocks), time.perf_counter() - started

    def size(self) -> int:
        return self.connection.scalar(sa.text(
            "SELECT pg_total_relation_size('search_document') + pg_total_relation_size('search_word') "
            "+ pg_total_relation_size('search_posting')"))

    def close(self) -> None:
        self.connection.close()
        self.engine.dispose()
        if not self.keep:
            with self.admin.begin() as connection:
                connection.execute(sa.text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        self.admin.dispose()


def postgres_runner(index: PostgresIndex, viewer, kind):
    def run(text, filters):
        page = index.searching.search(text, visible_to=viewer, filters=filters, page=1, pagelen=10)
        index.connection.rollback()  # one transaction per search, as per request
        return page.total
    run.kind = kind
    return run
