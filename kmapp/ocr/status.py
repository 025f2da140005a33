"""What the asset page says about recognising a file's text: progress while the job runs,
the outcome when it ends, and a clear message when OCR is not installed."""
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import AssetFileVersion, Job, JobState
from .jobs import DONE, FAILED, QUEUED, RUNNING, UNAVAILABLE, job_key


@dataclass(frozen=True)
class OcrState:
    status: str  # queued, running, done, failed, unavailable
    done: int | None = None
    total: int | None = None
    note: str | None = None
    searchable_pdf: bool = False

    @property
    def in_progress(self) -> bool:
        return self.status in (QUEUED, RUNNING)


def ocr_state(version: AssetFileVersion) -> OcrState | None:
    """None for a file that is not a scan."""
    if version.ocr_status is None:
        return None
    if version.ocr_status in (DONE, FAILED, UNAVAILABLE):
        return OcrState(version.ocr_status, note=version.ocr_note, searchable_pdf=bool(version.ocr_pdf_name))
    job = db.session.scalars(select(Job).where(Job.key == job_key(version.id)).order_by(Job.id.desc())).first()
    if job is None:  # finished between the two reads: the version row says how
        db.session.refresh(version)
        return ocr_state(version) if version.ocr_status not in (QUEUED, RUNNING) else OcrState(QUEUED)
    if job.state == JobState.PARKED.value:
        last_line = (job.last_error or "").strip().splitlines()[-1:] or [""]
        return OcrState(FAILED, note=f"Pengenalan teks dihentikan setelah gagal berulang kali: {last_line[0][:200]}")
    status = RUNNING if job.state == JobState.RUNNING.value else QUEUED
    return OcrState(status, done=job.progress_done, total=job.progress_total)
