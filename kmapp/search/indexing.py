"""Keeping the index in step with the database: the read side of the search outbox.

Every change to an asset writes a SearchOutbox row in its own transaction (see
:mod:`kmapp.search.queue`).  ``drain_outbox`` (a sweep of the background worker, see
:mod:`kmapp.jobs`) turns those rows into index updates: the process that can take the
Whoosh writer lock *without waiting* indexes a batch, urgent rows first, commits the
index, and only then deletes exactly the rows it handled.  A process that cannot take
the lock leaves its rows to the holder, which reads the outbox again after each commit;
a row left by a killed process is drained by the next one.

No file is read here: text comes from the file versions, where the ``extract_text`` job
stored it (:mod:`kmapp.extraction.jobs`), so the lock is only ever held for indexing.
Sessions are private (not ``db.session``) so a drain never touches a caller's transaction.
"""
import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, time

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload, undefer
from whoosh.index import LockError

from ..database import write_intent
from ..extensions import db
from ..jobs import sweep
from ..models import Asset, AssetFile, AssetFileVersion, Community, Meeting, SearchOutbox
from ..models.enums import AssetStatus
from .engine import index_folder
from .writing import DocumentWriter
from . import forward, store

log = logging.getLogger(__name__)
DEFAULT_BATCH = 200
# One drain at a time per process (the Whoosh lock guards between processes).
_draining = threading.Lock()


@dataclass
class DrainReport:
    indexed: int = 0  # documents added or replaced
    removed: int = 0  # documents deleted (asset gone or no longer published)
    busy: bool = False  # another process held the index lock and drains for us


def asset_query(with_texts: bool = True):
    """Assets with everything their index document needs, in a few queries."""
    versions = selectinload(Asset.files).selectinload(AssetFile.versions)
    return select(Asset).options(
        selectinload(Asset.community).selectinload(Community.agency),
        selectinload(Asset.meeting).selectinload(Meeting.seci_rows),
        selectinload(Asset.tags),
        versions.options(undefer(AssetFileVersion.extracted_text), undefer(AssetFileVersion.ocr_text))
        if with_texts else versions,
    )


def asset_document(asset: Asset, text_read=None) -> dict | None:
    """The index document of ``asset``, or None when it must not be in the index.

    With ``text_read`` (file version -> whether its text was read), no text is loaded: the
    document has no body, only its ``state_key`` (what `check` compares).
    """
    if asset.status != AssetStatus.PUBLISHED:
        return None
    agency = asset.community.agency
    published = asset.published_on or asset.created_at.date()
    versions = [f.current for f in asset.files if f.versions]
    document = {
        "asset_id": asset.id,
        "title": asset.title,
        "summary": asset.summary or "",
        "body": None if text_read else "\n\n".join(body_text(v) for v in versions),
        "file_sha256": [v.sha256 for v in versions],  # groups identical uploads
        "tags": [tag.name for tag in asset.tags],
        "agency": agency.code,
        "agency_name": agency.name,
        "cop": asset.community_id,
        "cop_name": asset.community.name,
        "asset_type": asset.asset_type,
        "year": published.year,
        "km_stage": asset.km_stage,
        "seci_stage": asset.meeting.seci_stages if asset.meeting else [],
        "visibility": asset.visibility,
        "published": datetime.combine(published, time()),
        "updated": asset.updated_at,
    }
    read = [text_read(v) if text_read else v.extracted_text is not None for v in versions]
    # Recognised text changes the body: "ocr" joins the key only then (other keys stay as they were).
    made_of = [(v.id, was_read, *(("ocr",) if v.ocr_status == "done" else ())) for v, was_read in zip(versions, read)]
    document["state_key"] = state_key(document, made_of)
    return document


def body_text(version: AssetFileVersion) -> str:
    """What a file contributes to the body: its text layer, then any text recognised in its scans."""
    return "\n\n".join(text for text in (version.extracted_text, version.ocr_text) if text)


def state_key(document: dict, versions: list[tuple]) -> str:
    """A hash of what an index document is made of: every field but the body, and for the
    body the file versions it comes from and whether their text was read. A change that
    does not touch the asset's own row (its meeting's SECI stages, its CoP's name) changes it."""
    fields = {name: value for name, value in document.items() if name not in ("body", "state_key")}
    made_of = json.dumps([sorted(fields.items()), versions], default=str, ensure_ascii=False)
    return hashlib.sha256(made_of.encode("utf-8")).hexdigest()[:32]


@sweep("search_outbox")
def drain_outbox(batch: int = DEFAULT_BATCH) -> DrainReport:
    """Index every asset waiting in the outbox, unless another thread or process is doing it."""
    report = DrainReport()
    if not _draining.acquire(blocking=False):
        report.busy = True
        return report
    try:
        while True:
            handled = _drain_batch(batch, report)
            if handled is None:
                report.busy = True
                return report
            if handled == 0:
                return report
    finally:
        _draining.release()


def _drain_batch(batch: int, report: DrainReport) -> int | None:
    """One batch: rows read, index committed, rows deleted. None if the lock is taken."""
    with write_intent(False), Session(db.engine) as session:
        rows = session.execute(select(SearchOutbox.id, SearchOutbox.asset_id)
                               .order_by(SearchOutbox.urgent.desc(), SearchOutbox.id).limit(batch)).all()
    if not rows:
        return 0
    writer = locked_writer()
    if writer is None:
        return None
    try:
        asset_ids = sorted({asset_id for _, asset_id in rows})
        update_documents(writer, asset_ids, report)
        # No merge here: merging rewrites old segments, and a busy portal would pay for it at
        # every few uploads; the worker merges when the queue is idle (see merge_when_idle).
        writer.commit(merge=False)
    except BaseException:
        writer.cancel()
        raise
    with write_intent(), Session(db.engine) as session:
        session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row_id for row_id, _ in rows])))
        session.commit()
    return len(rows)


def locked_writer():
    """A DocumentWriter on the current generation, or None if another process holds its lock."""
    for _attempt in range(3):
        generation = store.current_generation()
        try:
            writer = store.index_of(generation).writer(timeout=0.0)
        except LockError:
            return None
        # A rebuild swaps CURRENT while holding the old generation's lock: if we got
        # that lock after the swap, write to the new generation instead.
        if store.current_generation() == generation:
            return DocumentWriter(writer, store.index_root() / generation)
        writer.cancel()
    return None


def update_documents(writer, asset_ids: list[int], report: DrainReport) -> None:
    """Replace or delete the documents of ``asset_ids`` to match the database."""
    assets = load_with_texts(asset_ids)
    for asset_id in asset_ids:
        document = asset_document(assets[asset_id]) if asset_id in assets else None
        if document is None:
            writer.delete(asset_id)
            report.removed += 1
        else:
            writer.put(document)
            report.indexed += 1


def load_with_texts(asset_ids: list[int]) -> dict[int, Asset]:
    """Load assets with everything their documents need, the stored file texts included."""
    with write_intent(False), Session(db.engine, expire_on_commit=False) as session:
        assets = session.scalars(asset_query().where(Asset.id.in_(asset_ids))).all()
        return {asset.id: asset for asset in assets}


@sweep("search_merge")
def merge_when_idle() -> bool:
    """Merge the small segments that drains leave, once the outbox is empty and they are
    many (SEARCH_MERGE_AT_SEGMENTS). Returns True if a merge was committed."""
    if current_app.config.get("SEARCH_BACKEND", "whoosh") != "whoosh":
        return False  # no segments: the index is a table
    limit = current_app.config["SEARCH_MERGE_AT_SEGMENTS"]
    if not outbox_empty():
        return False
    if segment_count() < limit:
        return False
    return merge_segments()


@sweep("search_forward")
def forward_files_when_idle() -> int:
    """Build the forward files (fast phrases) of big segments that merges created, once the
    outbox is empty; phrases read postings until then. Returns how many were built."""
    min_docs = current_app.config["SEARCH_FORWARD_MIN_DOCS"]
    if current_app.config.get("SEARCH_BACKEND", "whoosh") != "whoosh" or min_docs <= 0 or not outbox_empty():
        return 0
    searcher = store.current_searcher()
    return forward.build_missing(searcher, index_folder(searcher), min_docs)


def outbox_empty() -> bool:
    """Nothing waits in the outbox (the idle-time sweeps leave the index alone otherwise)."""
    with write_intent(False), Session(db.engine) as session:
        return session.scalar(select(SearchOutbox.id).limit(1)) is None


def segment_count() -> int:
    return len(store.current_searcher().reader().leaf_readers())


def merge_segments(optimize: bool = False) -> bool:
    """Merge small segments (Whoosh's policy) or, with ``optimize``, all into one; False if
    another process holds the index lock (it merges or drains: nothing is lost)."""
    if not _draining.acquire(blocking=False):
        return False
    try:
        writer = locked_writer()
        if writer is None:
            return False
        try:
            writer.commit(merge=True, optimize=optimize, mergetype=None if optimize else merge_small_segments)
        except BaseException:
            writer.cancel()
            raise
        return True
    finally:
        _draining.release()


def merge_small_segments(writer, segments):
    """Whoosh merge policy: segments under a tenth of the largest are merged into one (all of
    them when they are alike), so the count stays low while big segments are rarely rewritten.
    Whoosh's own MERGE_SMALL leaves up to five small segments alone."""
    from whoosh.reading import SegmentReader

    largest = max((segment.doc_count_all() for segment in segments), default=0)
    small = [segment for segment in segments if segment.doc_count_all() * 10 < largest]
    if len(small) < 2:
        small = list(segments)
    for segment in small:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in small]
