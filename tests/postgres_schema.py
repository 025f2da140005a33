"""A PostgreSQL schema of its own for one test (TEST_DATABASE_URL), dropped afterwards."""
import os
import uuid
from contextlib import contextmanager

import sqlalchemy as sa

URL = os.environ.get("TEST_DATABASE_URL")


@contextmanager
def fresh_schema():
    """Yield a database URL whose search_path is a new, empty schema (then ``public``, where
    pg_trgm lives: an extension created in the test schema would be dropped with it)."""
    from kmapp.config import normalise_database_url

    schema = f"kmtest_{uuid.uuid4().hex[:10]}"
    base = normalise_database_url(URL)
    admin_engine = sa.create_engine(base)
    with admin_engine.begin() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema},public"
    finally:
        with admin_engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin_engine.dispose()
