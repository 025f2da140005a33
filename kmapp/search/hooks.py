"""Drain the search outbox right after a commit that wrote to it (same process).

Searchable within a second of the upload, without a separate worker.  An indexing
failure is logged and never reaches the user: the database write has already
committed and its outbox rows stay for the next drain (or `flask reindex`).
"""
import logging

from flask import current_app
from sqlalchemy import event

from ..extensions import db
from ..models import SearchOutbox

log = logging.getLogger(__name__)
PENDING = "search_outbox_pending"


def install() -> None:
    """Attach the session listeners once (idempotent)."""
    for name, listener in (("before_flush", _note_outbox_rows), ("after_commit", _drain_after_commit),
                           ("after_rollback", _forget)):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)


def _note_outbox_rows(session, _flush_context, _instances) -> None:
    if any(isinstance(obj, SearchOutbox) for obj in session.new):
        session.info[PENDING] = True


def _forget(session) -> None:
    session.info.pop(PENDING, None)


def _drain_after_commit(session) -> None:
    if not session.info.pop(PENDING, False) or not current_app.config.get("SEARCH_AUTO_INDEX", True):
        return
    from .indexing import drain_outbox

    try:
        drain_outbox()
    except Exception:  # the commit stands; the rows wait for the next drain
        log.exception("search indexing failed after commit; the outbox keeps the rows")
