"""What /healthz reports: can we reach the database, and is the search index there."""
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select, text

from ..extensions import db


def database_state() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # report any failure, never raise from a health check
        db.session.rollback()
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "dialect": db.engine.dialect.name, "revision": _schema_revision()}


def _schema_revision() -> str | None:
    """The applied migration, or None for a schema made without migrations."""
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no alembic_version table: not an error for the probe
        db.session.rollback()
        return None


def search_index_state() -> dict:
    """What the search backend reports about its index."""
    from ..search.backends import current_backend

    return current_backend().state()


def whoosh_index_state() -> dict:
    """The current index generation, its documents, and the outbox rows not indexed yet."""
    from whoosh import index

    from ..models import SearchOutbox
    from ..search.store import index_of, read_pointer

    root = Path(current_app.config["SEARCH_INDEX_DIR"])
    generation = read_pointer(root)
    if not generation or not index.exists_in(str(root / generation)):
        return {"ok": False, "error": "missing"}
    try:
        with index_of(generation).reader() as reader:
            documents = reader.doc_count()
        backlog = db.session.scalar(select(func.count()).select_from(SearchOutbox))
    except Exception as error:  # a corrupt index must show up here, not crash the probe
        db.session.rollback()
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": True, "generation": generation, "documents": documents, "outbox_backlog": backlog}


def search_cache_state() -> dict:
    """This process's search caches: the memory budget, bytes held, hits and misses per cache."""
    from ..search.caches import cache_stats
    from ..search.warming import warm_up_state

    return {"ok": True, **cache_stats(), "warm_up": warm_up_state()}


def jobs_state() -> dict:
    """The background queue: jobs waiting, running and parked (parked ones need an operator),
    and where the worker runs."""
    from ..jobs.queue import counts

    try:
        state = counts()
    except Exception as error:  # never raise from a health check
        db.session.rollback()
        return {"ok": False, "error": error.__class__.__name__}
    return {"ok": state["parked"] == 0, "worker": current_app.config["JOBS_WORKER"], **state}


def ocr_state() -> dict:
    """Whether scans can be recognised (Tesseract and its language data installed)."""
    from ..ocr.tesseract import availability

    ready, reason = availability()
    return {"ok": True, "available": True} if ready else {"ok": False, "available": False, "reason": reason}
