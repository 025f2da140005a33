"""A PostgreSQL schema of its own for one test (TEST_DATABASE_URL), dropped afterwards."""
import os
import uuid
from contextlib import contextmanager

import sqlalchemy as sa

URL = os.environ.get("TEST_DATABASE_URL")
EXTENSIONS_SCHEMA = "kmtest_extensions"  # pg_trgm, shared by the tests' schemas and kept


@contextmanager
def fresh_schema():
    """Yield a database URL whose search_path is a new, empty schema, then the schema where
    pg_trgm lives (an extension created in the test schema would be dropped with it; ``public``
    is left out: whatever other runs left there must not be found instead of our tables)."""
    from kmapp.config import normalise_database_url

    schema = f"kmtest_{uuid.uuid4().hex[:10]}"
    base = normalise_database_url(URL)
    admin_engine = sa.create_engine(base)
    with admin_engine.begin() as conn:
        ensure_pg_trgm(conn)
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema},{EXTENSIONS_SCHEMA}"
    finally:
        with admin_engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin_engine.dispose()


def ensure_pg_trgm(conn) -> None:
    """pg_trgm in EXTENSIONS_SCHEMA (moved there if an earlier run created it elsewhere)."""
    conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{EXTENSIONS_SCHEMA}"'))
    installed = conn.scalar(sa.text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                    "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"))
    if installed is None:
        conn.execute(sa.text(f'CREATE EXTENSION pg_trgm SCHEMA "{EXTENSIONS_SCHEMA}"'))
    elif installed != EXTENSIONS_SCHEMA:
        conn.execute(sa.text(f'ALTER EXTENSION pg_trgm SET SCHEMA "{EXTENSIONS_SCHEMA}"'))
