"""Background work kept in the database: nothing is lost when a process dies."""
from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow
from .enums import JobState, one_of

ACTIVE_STATES_SQL = "state IN ('queued', 'running')"


class Job(db.Model):
    """One piece of background work (read a file's text; later OCR, notifications).

    Written in the same transaction as the change that needs it, claimed by exactly one
    worker, deleted when done, parked with its reason after repeated failures or crashes.
    `key` makes queueing idempotent: at most one active job per key.
    """
    __tablename__ = "job"
    __table_args__ = (
        one_of("state", JobState, "state_known"),
        Index("ix_job_ready", "state", "priority", "run_after"),
        Index("uq_job_active_key", "key", unique=True,
              sqlite_where=text(ACTIVE_STATES_SQL), postgresql_where=text(ACTIVE_STATES_SQL)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    key: Mapped[str | None] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    state: Mapped[str] = mapped_column(String(10), default=JobState.QUEUED.value)
    priority: Mapped[int] = mapped_column(Integer, default=100)  # lower runs first
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # claims so far
    run_after: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(120))  # host:pid:token of the worker
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Progress of long jobs (e.g. OCR pages), for the pages that poll it.
    progress_done: Mapped[int | None] = mapped_column(Integer)
    progress_total: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
