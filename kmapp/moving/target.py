"""The PostgreSQL side of a move: an app over the target, its emptiness, its schema, its sequences."""
import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.engine import make_url

from ..config import normalise_database_url


class MoveError(RuntimeError):
    """The move cannot start or did not verify; the message says what to do."""


def target_app(target_url: str) -> Flask:
    """The same portal (same settings and instance folder) over the target database, with the
    PostgreSQL search backend and no background worker of its own."""
    from .. import create_app

    url = normalise_database_url(target_url)
    if make_url(url).get_backend_name() != "postgresql":
        raise MoveError("Tujuan harus basis data PostgreSQL (postgresql://...), "
                        f"bukan {make_url(url).get_backend_name()}.")
    config = dict(current_app.config)
    config.pop("SQLALCHEMY_ENGINE_OPTIONS", None)  # options for the SQLite source would not fit
    config.update(SQLALCHEMY_DATABASE_URI=url, SEARCH_BACKEND="postgres", JOBS_WORKER="external")
    return create_app(config, instance_path=current_app.instance_path)


def refuse_unless_source_current(engine, app: Flask) -> None:
    """The copy reads the models' columns: a source whose schema is behind them is upgraded first.
    (A database made by ``create_all``, as in tests, has no ``alembic_version``: taken as current.)"""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    head = ScriptDirectory(app.extensions["migrate"].directory).get_current_head()
    if revision is not None and revision != head:
        raise MoveError(f"Basis data sumber di migrasi {revision}, yang terbaru {head}: jalankan "
                        "`flask --app kmapp init-db` dulu, lalu ulangi pemindahan.")


def tables_with_rows(connection) -> list[str]:
    """Tables of the target's schema that hold rows (``alembic_version`` aside: a schema
    created by `flask init-db` or by a failed move is still empty)."""
    names = sa.inspect(connection).get_table_names()
    return [name for name in sorted(names) if name != "alembic_version" and connection.scalar(
        sa.select(sa.exists(sa.select(sa.literal(1)).select_from(sa.table(name)))))]


def refuse_unless_empty(engine) -> None:
    with engine.connect() as connection:
        filled = tables_with_rows(connection)
    if filled:
        shown = ", ".join(filled[:8]) + (" ..." if len(filled) > 8 else "")
        raise MoveError(
            f"Basis data tujuan tidak kosong ({len(filled)} tabel berisi data: {shown}). Pemindahan hanya ke "
            "basis data kosong. Kosongkan dulu, misalnya `DROP SCHEMA public CASCADE; CREATE SCHEMA public;` "
            "(atau dropdb lalu createdb), lalu jalankan lagi.")


def create_schema(app: Flask) -> str:
    """Run the migrations to head on the target; returns the revision it is at."""
    from alembic.migration import MigrationContext
    from flask_migrate import upgrade

    from ..extensions import db

    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()


def advance_sequences(connection, tables) -> int:
    """Every sequence owned by a copied column set to the column's largest value, so the next
    row saved gets a new id (an empty table's sequence starts at 1). Returns how many."""
    preparer = connection.dialect.identifier_preparer
    advanced = 0
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.scalar(sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
                                         {"table": preparer.quote(table.name), "column": column.name})
            if sequence is None:
                continue
            largest = sa.select(sa.func.max(column)).scalar_subquery()
            next_id = sa.func.coalesce(largest, 0) + 1
            connection.execute(sa.select(sa.func.setval(sa.cast(sequence, REGCLASS), next_id, False)))
            advanced += 1
    return advanced
