"""Database engine set-up: SQLite tuned for several worker processes.

SQLite is the default for real deployments, so each connection gets WAL (readers never
block the writer), a busy timeout, foreign keys, and synchronous=FULL (government
records must survive a power cut). Writing transactions start with BEGIN IMMEDIATE:
a deferred transaction that later tries to write can fail at once with "database is
locked" instead of waiting, while an immediate one waits its turn for the busy timeout.
Read-only requests keep plain BEGIN so that readers never queue behind one another.
"""
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_write_intent: ContextVar[bool | None] = ContextVar("write_intent", default=None)


def configure_engine(engine: Engine, busy_timeout_ms: int) -> None:
    """Attach the SQLite connection pragmas and the transaction-start rule."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event below issue BEGIN, not the driver.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if wants_write_lock() else "BEGIN")


def wants_write_lock() -> bool:
    """Whether the transaction about to start will write.

    Explicit `write_transaction()` wins; otherwise an unsafe HTTP method writes, a safe
    one reads, and code outside a request (CLI, scripts, tests) is assumed to write.
    """
    explicit = _write_intent.get()
    if explicit is not None:
        return explicit
    if has_request_context():
        return request.method not in SAFE_METHODS
    return True


@contextmanager
def write_intent(writes: bool = True):
    """Transactions begun inside this block start as writers (BEGIN IMMEDIATE), whatever
    the HTTP method; for code with its own session, e.g. the search indexer. With
    `writes=False` they start as readers: a background poll must not queue behind writers."""
    token = _write_intent.set(writes)
    try:
        yield
    finally:
        _write_intent.reset(token)


@contextmanager
def write_transaction():
    """Run a block as one writing transaction, e.g. recording an access during a GET.

    The open read transaction is ended first, so the write starts with a fresh
    BEGIN IMMEDIATE and waits for other writers instead of failing.
    """
    db.session.commit()
    token = _write_intent.set(True)
    try:
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        _write_intent.reset(token)
