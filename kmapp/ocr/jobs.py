"""The `ocr` job: recognise the pages of a scanned file version, keep the text for the
index and a searchable PDF beside the original (which is never touched).

Queued by the extraction job when a version is a picture or a PDF with too little text
for its size. A file that cannot be read fails cleanly (status "failed" and the reason on
the asset page, no retry); a crash is retried, and a job that crashed twice is parked by
the queue with its reason. A rerun starts again from page 1: the job keeps nothing half done.
"""
import io
import logging
import tempfile
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from ..extensions import db
from ..files.storage import path_of, store_stream
from ..jobs import handler
from ..jobs.queue import enqueue, report_progress
from ..models import AssetFileVersion
from ..search.queue import mark_stale
from . import pages as page_files
from .tesseract import OcrFailed, PageTimeout, availability, recognise_page

log = logging.getLogger(__name__)
KIND = "ocr"
QUEUED, RUNNING, DONE, FAILED, UNAVAILABLE = "queued", "running", "done", "failed", "unavailable"
KB = 1024


def job_key(version_id: int) -> str:
    return f"{KIND}:{version_id}"


def needs_ocr(content_type: str, size_bytes: int, text: str) -> bool:
    """A picture, or a PDF with less text than a born-digital one of its size would have."""
    if content_type in page_files.IMAGE_TYPES:
        return True
    if content_type != "application/pdf":
        return False
    expected = float(current_app.config["OCR_MIN_CHARS_PER_100KB"]) * size_bytes / (100 * KB)
    return len(text.strip()) < max(1.0, expected)


def queue_ocr(version_id: int) -> bool:
    """Queue recognising a version (in the caller's transaction); when OCR is not installed,
    record that instead, so nothing waits forever for a tool that is not there. True if queued.
    Switched off by the operator (OCR_ENABLED), files are simply not recognised."""
    if not current_app.config["OCR_ENABLED"]:
        return False
    ready, reason = availability()
    status, note = (QUEUED, None) if ready else (UNAVAILABLE, reason)
    db.session.execute(update(AssetFileVersion).where(AssetFileVersion.id == version_id)
                       .values(ocr_status=status, ocr_note=note))
    if ready:
        enqueue(KIND, {"version_id": version_id}, key=job_key(version_id), priority=150)
    return ready


def queue_unavailable() -> int:
    """Queue every version kept as "unavailable" (OCR was installed after it arrived)."""
    waiting = db.session.scalars(select(AssetFileVersion.id).where(AssetFileVersion.ocr_status == UNAVAILABLE)
                                 .order_by(AssetFileVersion.id)).all()
    queued = sum(queue_ocr(version_id) for version_id in waiting)
    db.session.commit()
    return queued


@handler(KIND)
def recognise_version(payload: dict, job) -> None:
    version = db.session.get(AssetFileVersion, int(payload["version_id"]))
    if version is None or version.ocr_status == DONE:
        return
    version_id, asset_id, content_type = version.id, version.file.asset_id, version.content_type
    source = path_of(version.storage_name)
    ready, reason = availability()
    if not ready:
        _store(version_id, asset_id, status=UNAVAILABLE, note=reason)
        return
    _store(version_id, None, status=RUNNING)
    with tempfile.TemporaryDirectory(prefix="kmapp-ocr-") as work:
        try:
            found, count = _pages(source, content_type, Path(work))
        except page_files.BadDocument as error:
            _store(version_id, asset_id, status=FAILED, note=f"Teks tidak dapat dikenali: {error}.")
            return
        texts, notes, pdf_pages = _recognise(job.id, found)
    limit = int(current_app.config["OCR_MAX_PAGES"])
    if count > limit:
        notes.append(f"hanya {limit} halaman pertama yang dikenali (dari {count})")
    recognised = [text for text in texts if text.strip()]
    if not recognised and notes:
        _store(version_id, asset_id, status=FAILED, note="Teks tidak dapat dikenali: " + "; ".join(notes) + ".")
        return
    pdf_name = _keep_searchable_pdf(source, content_type, pdf_pages) if pdf_pages else None
    _store(version_id, asset_id, status=DONE, text="\n\n".join(recognised),
           note=("Pengenalan teks: " + "; ".join(notes) + ".") if notes else None, pdf_name=pdf_name)


def _pages(source: Path, content_type: str, work: Path):
    if content_type in page_files.IMAGE_TYPES:
        return page_files.picture_pages(source, work), 1
    config = current_app.config
    return page_files.pdf_pages(source, work, int(config["OCR_MIN_PAGE_CHARS"]), int(config["OCR_MAX_PAGES"]))


def _recognise(job_id: int, found: list) -> tuple[list[str], list[str], dict[int, bytes]]:
    """Each page to read in turn, reporting progress after each ("halaman 3 dari 12")."""
    to_read = [page for page in found if page.image is not None]
    texts, pdf_pages = [], {}
    notes = [f"halaman {page.number}: {page.problem}" for page in found if page.problem]
    report_progress(job_id, 0, len(to_read))
    for done, page in enumerate(to_read, start=1):
        try:
            result = recognise_page(page.image)
        except PageTimeout as error:
            notes.append(f"halaman {page.number}: {error}")
        except OcrFailed as error:
            log.warning("tesseract failed on page %s of job %s: %s", page.number, job_id, error)
            notes.append(f"halaman {page.number}: pengenalan gagal")
        else:
            texts.append(result.text)
            pdf_pages[page.number] = result.pdf
        report_progress(job_id, done, len(to_read))
    return texts, notes, pdf_pages


def _keep_searchable_pdf(source: Path, content_type: str, pdf_pages: dict[int, bytes]) -> str:
    """The original with each recognised page replaced by its searchable twin (a picture
    becomes a one-page PDF), stored like an upload under a random name."""
    from pypdf import PdfReader, PdfWriter
    writer, buffer = PdfWriter(), io.BytesIO()
    original = source.read_bytes() if content_type == "application/pdf" else None
    originals = PdfReader(io.BytesIO(original)).pages if original else []
    for number in range(1, max(len(originals), max(pdf_pages)) + 1):
        if number in pdf_pages:
            writer.add_page(PdfReader(io.BytesIO(pdf_pages[number])).pages[0])
        elif number <= len(originals):
            writer.add_page(originals[number - 1])
    writer.write(buffer)
    buffer.seek(0)
    return store_stream(buffer).storage_name


def _store(version_id: int, asset_id: int | None, **values) -> None:
    """Write the outcome; a changed text makes the asset stale so the index picks it up."""
    columns = {f"ocr_{name}" if name != "pdf_name" else "ocr_pdf_name": value for name, value in values.items()}
    db.session.execute(update(AssetFileVersion).where(AssetFileVersion.id == version_id).values(**columns))
    if asset_id is not None:
        mark_stale(asset_id)
    db.session.commit()
