"""The `extract_text` job: read a file version's text in the background, once.

Never in a request thread and never while the search index is locked: the job reads the
file in a sandboxed child process (time, CPU and memory limits from the settings), stores
the text and any warning on the version, and marks the asset stale, so the next drain of
the search outbox indexes the body. Until then the asset is findable by its description.
"""
import logging

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased, selectinload

from ..extensions import db
from ..files.storage import path_of
from ..jobs import handler
from ..jobs.queue import enqueue
from ..models import Asset, AssetFile, AssetFileVersion, Job, JobState
from ..ocr.jobs import needs_ocr, queue_ocr
from ..search.queue import mark_stale
from .extract import NO_TEXT_LAYER, extract_text

log = logging.getLogger(__name__)
KIND = "extract_text"
MB = 1024 * 1024
Newer = aliased(AssetFileVersion)


def queue_text_extraction(version_ids) -> None:
    """Queue reading each version's text (in the caller's transaction; idempotent)."""
    for version_id in version_ids:
        enqueue(KIND, {"version_id": version_id}, key=f"{KIND}:{version_id}")


def queue_unread_versions() -> int:
    """Queue every current file version whose text was never read (reindex, seed, repair);
    a version whose job was parked stays parked until an operator retries it."""
    newest = (select(func.max(AssetFileVersion.version_no)).where(AssetFileVersion.file_id == Newer.file_id)
              .scalar_subquery())
    unread = db.session.scalars(select(Newer.id).where(Newer.extracted_text.is_(None), Newer.version_no == newest)
                                .order_by(Newer.id)).all()
    parked = set(db.session.scalars(select(Job.key).where(Job.kind == KIND, Job.state == JobState.PARKED)))
    wanted = [version_id for version_id in unread if f"{KIND}:{version_id}" not in parked]
    queue_text_extraction(wanted)
    return len(wanted)


@handler(KIND)
def extract_version_text(payload: dict, _job) -> None:
    version = db.session.get(AssetFileVersion, int(payload["version_id"]))
    if version is None or version.extracted_text is not None:
        return  # deleted meanwhile, or read already: nothing to do
    path, content_type, asset_id = path_of(version.storage_name), version.content_type, version.file.asset_id
    size_bytes = version.size_bytes
    db.session.commit()  # no transaction (and on SQLite no write lock) while the child reads
    result = extract_text(path, content_type, **_limits())
    if result.warning:
        log.warning("extraction warning for version %s: %s", payload["version_id"], result.warning)
    warning = result.warning
    # A scan: its words come from the `ocr` job, whose progress the asset page shows instead
    # of "no text" (that warning stays when OCR is not installed).
    if needs_ocr(content_type, size_bytes, result.text) and queue_ocr(version.id) and warning == NO_TEXT_LAYER:
        warning = None
    db.session.execute(update(AssetFileVersion).where(AssetFileVersion.id == version.id).values(
        extracted_text=result.text, extraction_warning=warning))
    _refresh_asset_warning(asset_id)
    mark_stale(asset_id)
    db.session.commit()


def _limits() -> dict:
    config = current_app.config
    return dict(timeout_s=float(config["EXTRACT_TIMEOUT_SECONDS"]),
                cpu_seconds=int(config["EXTRACT_CPU_SECONDS"]),
                memory_bytes=int(config["EXTRACT_MEMORY_MB"]) * MB,
                max_pages=int(config["EXTRACT_MAX_PAGES"]))


def _refresh_asset_warning(asset_id: int) -> None:
    """Asset.extraction_warning: the warnings of its current files, for the asset page."""
    asset = db.session.scalars(select(Asset).where(Asset.id == asset_id).options(
        selectinload(Asset.files).selectinload(AssetFile.versions))).one()
    warnings = [f"{f.current.original_name}: {f.current.extraction_warning}"
                for f in asset.files if f.versions and f.current.extraction_warning]
    # updated_at is set to itself: reading a file is not a change the owner made.
    db.session.execute(update(Asset).where(Asset.id == asset_id).values(
        extraction_warning="\n".join(warnings) or None, updated_at=Asset.updated_at))
