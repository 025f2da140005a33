"""What /healthz reports: can we reach the database, and is the search index there."""
import os

from flask import current_app
from sqlalchemy import text

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
    from whoosh import index

    path = current_app.config["SEARCH_INDEX_DIR"]
    if not os.path.isdir(path) or not index.exists_in(path):
        return {"ok": False, "error": "missing"}
    try:
        with index.open_dir(path).reader() as reader:
            return {"ok": True, "documents": reader.doc_count()}
    except Exception as error:  # a corrupt index must show up here, not crash the probe
        return {"ok": False, "error": error.__class__.__name__}
