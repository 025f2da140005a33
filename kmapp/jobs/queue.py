"""The job queue in the database: enqueue in the caller's transaction, claim exactly once.

Claiming locks the chosen row (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so several workers
on several servers never take the same job and never wait for each other; on SQLite the
claiming transaction starts with BEGIN IMMEDIATE, which serialises claimers). A job whose
worker died is found by `recover_abandoned`: its process is gone (same host) or its lease
ran out; it runs again, and after `JOBS_MAX_CRASHES` such deaths it is parked with the
reason, so one poisonous file cannot take the worker down forever.
"""
import json
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from ..extensions import db
from ..models import Job, JobState, utcnow
from ..models.jobs import ACTIVE_STATES_SQL
from .triggers import note_work_queued

HOST = socket.gethostname()[:60]
_PROCESS_TOKEN = secrets.token_hex(4)  # tells this process from an earlier one with the same pid
ERROR_CHARS = 2000


def worker_identity() -> str:
    """host:pid:token of this process (recomputed after a fork)."""
    return f"{HOST}:{os.getpid()}:{_PROCESS_TOKEN}"


def enqueue(kind: str, payload: dict | None = None, *, key: str | None = None, priority: int = 100,
            run_after: datetime | None = None) -> None:
    """Add a job to the current transaction; with `key`, nothing happens if an active job has it.
    `run_after` (naive UTC) holds the job back until then (e.g. removing what expires later)."""
    values = dict(kind=kind, key=key, payload=json.dumps(payload or {}, sort_keys=True), priority=priority,
                  state=JobState.QUEUED.value, attempts=0, run_after=run_after or utcnow(), created_at=utcnow())
    if key is None:
        db.session.execute(db.insert(Job).values(**values))
    else:
        db.session.execute(_insert_unless_active(values))
    note_work_queued()


def _insert_unless_active(values: dict):
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(Job).values(**values).on_conflict_do_nothing(
        index_elements=["key"], index_where=db.text(ACTIVE_STATES_SQL))


@dataclass(frozen=True)
class ClaimedJob:
    id: int
    kind: str
    payload: dict
    attempts: int


def claim() -> ClaimedJob | None:
    """Take the next ready job for this process, or None; commits the claim."""
    now = utcnow()
    job = db.session.scalars(
        select(Job).where(Job.state == JobState.QUEUED, Job.run_after <= now)
        .order_by(Job.priority, Job.id).limit(1).with_for_update(skip_locked=True)).first()
    if job is None:
        db.session.commit()
        return None
    job.state, job.claimed_by, job.claimed_at = JobState.RUNNING.value, worker_identity(), now
    job.attempts += 1
    claimed = ClaimedJob(job.id, job.kind, json.loads(job.payload or "{}"), job.attempts)
    db.session.commit()
    return claimed


def has_ready_job() -> bool:
    """A cheap look before claiming (lets idle workers poll without taking a write lock)."""
    return db.session.scalar(select(Job.id).where(Job.state == JobState.QUEUED, Job.run_after <= utcnow())
                             .limit(1)) is not None


def finish(job_id: int) -> None:
    """A done job is deleted: the table holds only work still to do, or parked."""
    db.session.execute(delete(Job).where(Job.id == job_id, Job.claimed_by == worker_identity()))
    db.session.commit()


def fail(job: ClaimedJob, error: str) -> bool:
    """Record a failure: run again later (backing off), or park after the last attempt.
    Returns True when the job was parked."""
    from . import RETRY_SETTINGS
    config = current_app.config
    attempts_setting, retry_setting = RETRY_SETTINGS.get(job.kind, ("JOBS_MAX_ATTEMPTS", "JOBS_RETRY_SECONDS"))
    parked = job.attempts >= int(config[attempts_setting])
    delay = timedelta(seconds=float(config[retry_setting]) * 2 ** (job.attempts - 1))
    db.session.execute(update(Job).where(Job.id == job.id).values(
        state=JobState.PARKED.value if parked else JobState.QUEUED.value,
        run_after=utcnow() + delay, claimed_by=None, claimed_at=None, last_error=error[-ERROR_CHARS:]))
    db.session.commit()
    return parked


def report_progress(job_id: int, done: int, total: int | None) -> None:
    """Progress for the pages that show it; also renews the claim's lease, so a long job (OCR of
    many pages) is not taken for abandoned by a worker on another host while it advances."""
    db.session.execute(update(Job).where(Job.id == job_id).values(
        progress_done=done, progress_total=total,
        claimed_at=db.case((Job.state == JobState.RUNNING.value, utcnow()), else_=Job.claimed_at)))
    db.session.commit()


def recover_abandoned() -> int:
    """Requeue or park running jobs whose worker is gone; returns how many were found."""
    config = current_app.config
    lease_expired_before = utcnow() - timedelta(seconds=float(config["JOBS_LEASE_SECONDS"]))
    running = db.session.execute(select(Job.id, Job.claimed_by, Job.claimed_at, Job.attempts)
                                 .where(Job.state == JobState.RUNNING)).all()
    abandoned = [row for row in running
                 if row.claimed_at < lease_expired_before or not _worker_alive(row.claimed_by)]
    for row in abandoned:
        parked = row.attempts >= int(config["JOBS_MAX_CRASHES"])
        reason = (f"Pekerja berhenti di tengah tugas ini ({row.attempts} kali; terakhir {row.claimed_by}, "
                  f"{row.claimed_at:%Y-%m-%d %H:%M:%S} UTC).")
        db.session.execute(update(Job).where(Job.id == row.id, Job.state == JobState.RUNNING,
                                             Job.claimed_by == row.claimed_by).values(
            state=JobState.PARKED.value if parked else JobState.QUEUED.value,
            claimed_by=None, claimed_at=None, last_error=reason))
    db.session.commit()
    return len(abandoned)


def _worker_alive(claimed_by: str | None) -> bool:
    """False when the claimer is a process of this host that no longer runs (or an earlier
    process that had our pid); other hosts are judged by the lease alone."""
    try:
        host, pid, token = (claimed_by or "").rsplit(":", 2)
        pid = int(pid)
    except ValueError:
        return False
    if host != HOST:
        return True
    if pid == os.getpid():
        return token == _PROCESS_TOKEN
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def retry_parked(job_id: int | None = None) -> int:
    """Put parked jobs (one, or all) back in the queue with fresh attempts (a parked job whose
    work was queued again meanwhile is dropped instead: the new job does it)."""
    active_keys = select(Job.key).where(Job.state != JobState.PARKED, Job.key.is_not(None))
    db.session.execute(delete(Job).where(Job.state == JobState.PARKED, Job.key.in_(active_keys)))
    statement = update(Job).where(Job.state == JobState.PARKED).values(
        state=JobState.QUEUED.value, attempts=0, run_after=utcnow())
    if job_id is not None:
        statement = statement.where(Job.id == job_id)
    count = db.session.execute(statement).rowcount
    db.session.commit()
    return count


def counts() -> dict[str, int]:
    """Jobs per state (for /healthz and `flask jobs`)."""
    rows = db.session.execute(select(Job.state, func.count()).group_by(Job.state)).all()
    return {state.value: 0 for state in JobState} | dict(rows)
