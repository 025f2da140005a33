"""Keeping ``search_document`` in step with the database, inside the transaction of each change.

``mark_stale(asset_id)`` (:mod:`kmapp.search.queue`) notes the asset on the session; just
before that session commits, the notes are turned into rows written on the same connection
(:func:`write_stale_documents`). The change and its index row therefore commit or roll back
together, and every app server sharing the database sees both at once: no outbox, no worker,
no window in which a narrowed visibility is still in the index. Body text read later by the
extraction job arrives the same way: the job marks the asset stale in its own transaction.
"""
import logging
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from ...extensions import db
from ...models import Asset, AssetStatus
from ..indexing import asset_document, asset_query
from .tables import search_document, search_posting
from .writing import delete_documents, put_documents

log = logging.getLogger(__name__)
STALE = "search_stale"  # key in Session.info: asset ids to write before commit
_listening = False


def note_stale(session, asset_id: int) -> None:
    session.info.setdefault(STALE, set()).add(int(asset_id))


def listen_for_commits() -> None:
    """Write noted documents before any session commits (once per process)."""
    global _listening
    if _listening:
        return
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_rollback", _after_rollback)
    _listening = True


def _before_commit(session) -> None:
    stale = session.info.pop(STALE, None)
    if stale:
        write_stale_documents(session, sorted(stale))


def _after_rollback(session) -> None:
    session.info.pop(STALE, None)


def write_stale_documents(session, asset_ids: list[int]) -> None:
    """Bring the rows of ``asset_ids`` in step with the session's (flushed) state."""
    session.flush()
    assets = {asset.id: asset for asset in session.scalars(
        asset_query().where(Asset.id.in_(asset_ids)).execution_options(populate_existing=True))}
    documents, gone = [], []
    for asset_id in asset_ids:
        document = asset_document(assets[asset_id]) if asset_id in assets else None
        if document is None:
            gone.append(asset_id)
        else:
            documents.append(document)
    connection = session.connection()
    delete_documents(connection, gone)
    put_documents(connection, documents)


@dataclass
class RebuildReport:
    generation: str
    documents: int
    removed_generations: list = field(default_factory=list)
    texts_queued: int = 0


def reindex(batch: int = 200) -> RebuildReport:
    """Rewrite every row from the database, one batch of assets per transaction, without
    stopping searches or edits (the rows of one batch are locked for the batch's few
    milliseconds only). Searches read each row's old version until its batch commits.

    Each batch locks its rows first and reads the assets after: a change that committed
    meanwhile is read; one still open waits for the batch and writes its own row after it.
    Then the rows of assets no longer published are removed (one that is being published
    right now wrote its row in its own, uncommitted transaction: not seen, not removed)."""
    from ...extraction.jobs import queue_unread_versions
    from ..indexing import load_with_texts
    from ..rebuild import _published_id_batches

    texts_queued = queue_unread_versions()
    db.session.commit()
    documents = 0
    for asset_ids in _published_id_batches(batch):
        with Session(db.engine) as session, session.begin():
            connection = session.connection()
            connection.execute(sa.select(search_document.c.asset_id).where(
                search_document.c.asset_id.in_([str(i) for i in asset_ids])).with_for_update())
            assets = load_with_texts(asset_ids)
            batch_documents = [d for d in (asset_document(assets[i]) for i in asset_ids if i in assets) if d]
            indexed = {d["asset_id"] for d in batch_documents}
            delete_documents(connection, [i for i in asset_ids if i not in indexed])
            put_documents(connection, batch_documents, reuse_body=False)
            documents += len(batch_documents)
    with Session(db.engine) as session, session.begin():
        withdrawn = sa.select(search_document.c.asset_id).where(search_document.c.asset_id.not_in(
            sa.select(sa.cast(Asset.id, sa.Text)).where(Asset.status == AssetStatus.PUBLISHED)))
        delete_documents(session.connection(), session.scalars(withdrawn).all())
    log.info("search_document rebuilt: %d documents", documents)
    return RebuildReport("postgres", documents, [], texts_queued)


def compare():
    """Published assets against ``search_document`` by state key (see :func:`kmapp.search.rebuild.compare`)."""
    from ..rebuild import Differences, database_documents

    database = database_documents()
    indexed = dict(db.session.execute(sa.select(search_document.c.asset_id, search_document.c.state_key)).all())
    indexed = {int(asset_id): key for asset_id, key in indexed.items() if asset_id.isdigit()}
    return Differences(
        missing=sorted((asset_id, doc["title"]) for asset_id, doc in database.items() if asset_id not in indexed),
        extra=sorted(set(indexed) - set(database)),
        stale=sorted(asset_id for asset_id, doc in database.items()
                     if asset_id in indexed and indexed[asset_id] != doc["state_key"]),
        backlog=0)


def index_state() -> dict:
    try:
        documents = db.session.scalar(sa.select(sa.func.count()).select_from(search_document))
    except Exception as error:  # a missing table must show up here, not crash the probe
        db.session.rollback()
        return {"ok": False, "backend": "postgres", "error": error.__class__.__name__}
    return {"ok": True, "backend": "postgres", "documents": documents, "outbox_backlog": 0}
