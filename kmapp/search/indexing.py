"""Keeping the index in step with the database: the read side of the search outbox.

Every change to an asset writes a SearchOutbox row in its own transaction (see
:mod:`kmapp.search.queue`).  ``drain_outbox`` turns those rows into index updates: the
process that can take the Whoosh writer lock *without waiting* indexes a batch, commits
the index, and only then deletes exactly the rows it handled.  A process that cannot
take the lock leaves its rows to the holder, which reads the outbox again after each
commit; a row left by a killed process is drained by the next one.

Sessions here are private (not ``db.session``): the drain runs right after a request's
commit, from the session's ``after_commit`` hook, where that session cannot be used.
"""
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload, undefer
from whoosh.index import LockError

from ..database import write_intent
from ..extensions import db
from ..files.storage import path_of
from ..models import Asset, AssetFile, AssetFileVersion, Community, Meeting, SearchOutbox
from ..models.enums import AssetStatus
from .extract import extract_text
from .schema import document_fields
from . import store

log = logging.getLogger(__name__)
DEFAULT_BATCH = 200
EXTRACT_THREADS = min(4, os.cpu_count() or 1)


@dataclass
class DrainReport:
    indexed: int = 0  # documents added or replaced
    removed: int = 0  # documents deleted (asset gone or no longer published)
    busy: bool = False  # another process held the index lock and drains for us


def asset_query():
    """Assets with everything their index document needs, in a few queries."""
    return select(Asset).options(
        selectinload(Asset.community).selectinload(Community.agency),
        selectinload(Asset.meeting).selectinload(Meeting.seci_rows),
        selectinload(Asset.tags),
        selectinload(Asset.files).selectinload(AssetFile.versions).options(
            undefer(AssetFileVersion.extracted_text)),
    )


def asset_document(asset: Asset) -> dict | None:
    """The index document of ``asset``, or None when it must not be in the index."""
    if asset.status != AssetStatus.PUBLISHED:
        return None
    agency = asset.community.agency
    published = asset.published_on or asset.created_at.date()
    return {
        "asset_id": asset.id,
        "title": asset.title,
        "summary": asset.summary or "",
        "body": "\n\n".join(f.current.extracted_text or "" for f in asset.files if f.versions),
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


def drain_outbox(batch: int = DEFAULT_BATCH) -> DrainReport:
    """Index every asset waiting in the outbox, unless another process is doing it."""
    report = DrainReport()
    while True:
        handled = _drain_batch(batch, report)
        if handled is None:
            report.busy = True
            return report
        if handled == 0:
            return report


def _drain_batch(batch: int, report: DrainReport) -> int | None:
    """One batch: rows read, index committed, rows deleted. None if the lock is taken."""
    with Session(db.engine) as session:
        rows = session.execute(select(SearchOutbox.id, SearchOutbox.asset_id)
                               .order_by(SearchOutbox.id).limit(batch)).all()
    if not rows:
        return 0
    writer = locked_writer()
    if writer is None:
        return None
    try:
        asset_ids = sorted({asset_id for _, asset_id in rows})
        update_documents(writer, asset_ids, report)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    with write_intent(), Session(db.engine) as session:
        session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row_id for row_id, _ in rows])))
        session.commit()
    return len(rows)


def locked_writer():
    """A writer on the current generation, or None if another process holds its lock."""
    for _attempt in range(3):
        generation = store.current_generation()
        try:
            writer = store.index_of(generation).writer(timeout=0.0)
        except LockError:
            return None
        # A rebuild swaps CURRENT while holding the old generation's lock: if we got
        # that lock after the swap, write to the new generation instead.
        if store.current_generation() == generation:
            return writer
        writer.cancel()
    return None


def update_documents(writer, asset_ids: list[int], report: DrainReport) -> None:
    """Replace or delete the documents of ``asset_ids`` to match the database."""
    assets = load_with_texts(asset_ids)
    for asset_id in asset_ids:
        document = asset_document(assets[asset_id]) if asset_id in assets else None
        if document is None:
            writer.delete_by_term("asset_id", str(asset_id))
            report.removed += 1
        else:
            writer.update_document(**document_fields(document))
            report.indexed += 1


def load_with_texts(asset_ids: list[int]) -> dict[int, Asset]:
    """Load assets, first reading (once) the text of any file version not read yet."""
    extract_missing_texts(asset_ids)
    with Session(db.engine, expire_on_commit=False) as session:
        assets = session.scalars(asset_query().where(Asset.id.in_(asset_ids))).all()
        return {asset.id: asset for asset in assets}


def extract_missing_texts(asset_ids: list[int]) -> None:
    """Extract the text of current file versions without one; store text and warnings."""
    with Session(db.engine) as session:
        assets = session.scalars(
            select(Asset).where(Asset.id.in_(asset_ids))
            .options(selectinload(Asset.files).selectinload(AssetFile.versions))).all()
        current = {f.current.id: (asset.id, f.current) for asset in assets for f in asset.files if f.versions}
        unread = set(session.scalars(select(AssetFileVersion.id).where(
            AssetFileVersion.id.in_(list(current)), AssetFileVersion.extracted_text.is_(None))))
        pending = [(current[vid][0], vid, current[vid][1].storage_name, current[vid][1].content_type)
                   for vid in sorted(unread)]
    if not pending:
        return
    # Each document is read in its own child process: a few threads keep the cores busy.
    with ThreadPoolExecutor(max_workers=min(EXTRACT_THREADS, len(pending))) as pool:
        # Paths are resolved here: the pool's threads have no application context.
        texts = pool.map(_extract, [path_of(item[2]) for item in pending], [item[3] for item in pending])
        results = {item[1]: result for item, result in zip(pending, texts)}
    with write_intent(), Session(db.engine) as session:
        for version_id, result in results.items():
            session.execute(update(AssetFileVersion).where(AssetFileVersion.id == version_id)
                            .values(extracted_text=result.text, extraction_warning=result.warning))
        for asset_id in {asset_id for asset_id, *_ in pending}:
            _refresh_asset_warning(session, asset_id)
        session.commit()


def _extract(path, content_type: str):
    result = extract_text(path, content_type)
    if result.warning:
        log.warning("extraction warning for %s: %s", path.name, result.warning)
    return result


def _refresh_asset_warning(session, asset_id: int) -> None:
    """Asset.extraction_warning: the warnings of its current files, for the asset page."""
    asset = session.get(Asset, asset_id)
    warnings = [f"{f.current.original_name}: {f.current.extraction_warning}"
                for f in asset.files if f.versions and f.current.extraction_warning]
    # updated_at is set to itself: reading a file is not a change the owner made.
    session.execute(update(Asset).where(Asset.id == asset_id).values(
        extraction_warning="\n".join(warnings) or None, updated_at=Asset.updated_at))
