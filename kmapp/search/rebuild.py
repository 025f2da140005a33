"""Full rebuild of the index into a new generation, and the database-vs-index check."""
import logging
import os
import shutil
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..extensions import db
from ..extraction.jobs import queue_unread_versions
from ..models import Asset, AssetFileVersion, SearchOutbox
from ..models.enums import AssetStatus
from . import forward, store
from .engine import bulk_writer
from .indexing import DEFAULT_BATCH, asset_document, asset_query, drain_outbox, load_with_texts
from .schema import fields_missing_from, open_or_create_index
from .writing import DocumentWriter

log = logging.getLogger(__name__)
# A drain holds the lock for one batch; a rebuild waits for it rather than failing.
REINDEX_LOCK_WAIT_S = 120.0


@dataclass
class RebuildReport:
    generation: str
    documents: int
    removed_generations: list[str]
    texts_queued: int = 0  # file versions never read: queued for the worker, indexed when read


def reindex(batch: int = DEFAULT_BATCH, processes: int | None = None) -> RebuildReport:
    """Rebuild the whole index from the database into a new generation and switch to it.

    Searches keep reading the old generation meanwhile.  The old generation's writer
    lock is held throughout, so other processes' drains leave their rows in the outbox;
    they are drained into the new generation right after the switch.  Files whose text
    was never read are queued for the worker first (run here, before the build, unless
    an external worker does it), never read while the lock is held.
    """
    texts_queued = queue_unread_versions()
    db.session.commit()
    root = store.index_root()
    old_writer = store.current_index().writer(timeout=REINDEX_LOCK_WAIT_S)
    try:
        generation = store.new_generation(root)
        try:
            documents = _build(root / generation, batch, processes or reindex_processes())
        except BaseException:
            shutil.rmtree(root / generation, ignore_errors=True)
            raise
        with store.root_lock(root):
            store.point_to(root, generation)
    finally:
        old_writer.cancel()
    drain_outbox(batch)
    removed = store.remove_old_generations(root)
    log.info("search index rebuilt: %s, %d documents", generation, documents)
    return RebuildReport(generation, documents, removed, texts_queued)


def reindex_processes() -> int:
    configured = current_app.config.get("SEARCH_REINDEX_PROCESSES")
    return max(1, int(configured)) if configured else max(1, min(os.cpu_count() or 1, 4))


def _build(path, batch: int, processes: int = 1) -> int:
    """Write every published asset into the new index at ``path``.

    The bulk writer (:mod:`kmapp.search.engine`) writes the segment without Whoosh's posting
    pool. With several processes, documents are analysed in child processes while this one
    reads the database; each child writes its own segment (no final merge: the worker merges
    later if the segments are many).
    """
    index = open_or_create_index(path)
    writer = DocumentWriter(bulk_writer(index, processes, limitmb=128), path)
    documents = 0
    try:
        try:
            for asset_ids in _published_id_batches(batch):
                assets = load_with_texts(asset_ids)
                for asset_id in asset_ids:
                    document = asset_document(assets[asset_id]) if asset_id in assets else None
                    if document is not None:
                        writer.add_new(document)
                        documents += 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        # After the commit (nothing left to cancel), before the switch: the first phrase
        # searches on the new generation are quick ones.
        with index.searcher() as searcher:
            forward.build_missing(searcher, path, current_app.config["SEARCH_FORWARD_MIN_DOCS"])
    finally:
        index.close()
    return documents


def _published_id_batches(batch: int):
    with Session(db.engine) as session:
        ids = session.scalars(select(Asset.id).where(Asset.status == AssetStatus.PUBLISHED)
                              .order_by(Asset.id)).all()
    for start in range(0, len(ids), batch):
        yield ids[start:start + batch]


@dataclass
class Differences:
    missing: list[tuple[int, str]] = field(default_factory=list)  # in the database, not indexed
    extra: list[int] = field(default_factory=list)  # indexed, not (or no longer) published
    stale: list[int] = field(default_factory=list)  # indexed from an older state
    backlog: int = 0  # outbox rows waiting
    missing_fields: list[str] = field(default_factory=list)  # the index predates these schema fields

    @property
    def in_step(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.missing_fields)


def compare(batch: int = 1_000) -> Differences:
    """Published assets in the database against the index: each document's state key (see
    ``state_key``: metadata, meeting stages, file versions, texts read) and, in an index built
    before the key existed, its last change."""
    database = database_documents(batch)
    with Session(db.engine) as session:
        backlog = session.scalar(select(func.count()).select_from(SearchOutbox))
    with store.current_index().searcher() as searcher:
        indexed = {int(fields["asset_id"]): fields for fields in searcher.all_stored_fields()}
        outdated = fields_missing_from(searcher.schema)
    return Differences(
        missing=sorted((asset_id, doc["title"]) for asset_id, doc in database.items() if asset_id not in indexed),
        extra=sorted(set(indexed) - set(database)),
        stale=sorted(asset_id for asset_id, doc in database.items()
                     if asset_id in indexed and _differs(indexed[asset_id], doc)),
        backlog=backlog,
        missing_fields=outdated,
    )


def database_documents(batch: int = 1_000) -> dict[int, dict]:
    """asset id -> index document without its body (``state_key`` says what it is made of), for
    every published asset: what any backend's index should hold."""
    texts_read = _texts_read()
    database = {}
    for asset_ids in _published_id_batches(batch):
        with Session(db.engine) as session:
            for asset in session.scalars(asset_query(with_texts=False).where(Asset.id.in_(asset_ids))):
                document = asset_document(asset, text_read=lambda version: texts_read.get(version.id, False))
                if document is not None:
                    database[asset.id] = document
    return database


def _differs(indexed: dict, document: dict) -> bool:
    if "state_key" in indexed:
        return indexed["state_key"] != document["state_key"]
    return indexed.get("updated") != document["updated"]


def _texts_read() -> dict[int, bool]:
    with Session(db.engine) as session:
        return dict(session.execute(select(AssetFileVersion.id, AssetFileVersion.extracted_text.is_not(None))).all())
