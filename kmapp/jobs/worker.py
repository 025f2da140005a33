"""The worker: runs the sweeps (the search outbox drain) and the queued jobs.

Where it runs is the setting JOBS_WORKER:
- "embedded" (default): every app process starts one worker thread at its first request; a
  commit that queued work wakes it at once, and it also polls, so work queued by another
  process is done too. Commands and scripts (no request) do their own work right after
  their commit, before they return.
- "external": app processes only queue; `flask --app kmapp worker` runs beside the app
  servers (one or more, on any server: each job is claimed exactly once).
- "inline": the committing thread does the work before it returns (tests, one-shot tools).
A request thread never reads a file or waits for the index in "embedded" or "external".
"""
import logging
import os
import threading
import time
import traceback
from dataclasses import dataclass, field

from flask import Flask, current_app, has_request_context

from ..database import write_intent
from ..extensions import db
from . import HANDLERS, SWEEPS
from .queue import ClaimedJob, claim, fail, finish, has_ready_job, recover_abandoned

log = logging.getLogger(__name__)
MODES = ("embedded", "external", "inline")
COMMAND_THREADS = min(4, os.cpu_count() or 1)  # each job may run a child process of its own
# Sweeps run when a round starts and when the queue is empty; while jobs keep coming, at most
# this often: a bulk import commits the index a few times, not once per file (each Whoosh
# commit writes a segment and may merge), and a change waits at most this long behind it.
SWEEP_INTERVAL_SECONDS = 5.0
_thread_state = threading.local()  # .busy: this thread is inside run_until_idle


@dataclass
class RunReport:
    jobs_done: int = 0
    jobs_failed: int = 0
    sweeps: dict = field(default_factory=dict)  # name -> what the sweep returned last


def run_until_idle(threads: int = 1, max_jobs: int | None = None) -> RunReport:
    """Run sweeps and jobs until nothing is ready (needs an app context).

    With `threads` > 1, more threads claim jobs at the same time (bulk work: the demo seed,
    a reindex of old files). A thread already inside this function returns at once.
    """
    report = RunReport()
    if getattr(_thread_state, "busy", False):
        return report
    app = current_app._get_current_object()
    helpers = [threading.Thread(target=_helper_loop, args=(app, report), daemon=True) for _ in range(threads - 1)]
    _thread_state.busy = True
    try:
        _recover_if_due()
        for helper in helpers:
            helper.start()
        swept_at = float("-inf")
        while max_jobs is None or report.jobs_done + report.jobs_failed < max_jobs:
            if time.monotonic() - swept_at >= SWEEP_INTERVAL_SECONDS:
                _run_sweeps(report)
                swept_at = time.monotonic()
            job = _claim_if_ready()
            if job is None:
                break
            _execute(job, report)
        for helper in helpers:
            helper.join()
        _run_sweeps(report)  # what the last jobs queued
    finally:
        _thread_state.busy = False
    return report


def _helper_loop(app: Flask, report: RunReport) -> None:
    with app.app_context():
        _thread_state.busy = True
        while (job := _claim_if_ready()) is not None:
            _execute(job, report)


def _claim_if_ready() -> ClaimedJob | None:
    with write_intent(False):
        ready = has_ready_job()
        db.session.commit()
    if not ready:
        return None
    with write_intent():  # the claim writes: on SQLite it must start with BEGIN IMMEDIATE
        return claim()


def _execute(job: ClaimedJob, report: RunReport) -> None:
    function = HANDLERS.get(job.kind)
    try:
        if function is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        function(job.payload, job)
        db.session.commit()
        finish(job.id)
        report.jobs_done += 1
    except Exception:
        db.session.rollback()
        log.exception("job %s (%s) failed", job.id, job.kind)
        parked = fail(job, traceback.format_exc(limit=5))
        report.jobs_failed += 1
        if parked:
            log.error("job %s (%s) parked after %s attempts", job.id, job.kind, job.attempts)


def _run_sweeps(report: RunReport) -> None:
    for name, function in SWEEPS.items():
        try:
            report.sweeps[name] = function()
        except Exception:  # the work stays queued for the next round; never crash the loop
            db.session.rollback()
            log.exception("sweep %s failed; its work stays queued", name)


def _recover_if_due() -> None:
    """Look for jobs of dead workers at the first round and then every JOBS_RECOVER_SECONDS."""
    interval = float(current_app.config["JOBS_RECOVER_SECONDS"])
    last = current_app.extensions.get("kmapp_jobs_recovered_at")
    if last is not None and time.monotonic() - last < interval:
        return
    current_app.extensions["kmapp_jobs_recovered_at"] = time.monotonic()
    found = recover_abandoned()
    if found:
        log.warning("%s abandoned job(s) requeued or parked", found)


def after_commit_with_work() -> None:
    """A transaction that queued work committed: do it, or wake whoever does it."""
    mode = current_app.config["JOBS_WORKER"]
    if mode == "external" or getattr(_thread_state, "busy", False):
        return
    if mode == "embedded" and has_request_context():
        embedded_worker(current_app._get_current_object()).wake()
        return
    # inline, or a command/script: a fresh app context gives the work its own session
    # (the committing one is still inside its commit). Commands use a few threads (bulk
    # imports); inline mode one, so tests see one order of events.
    with current_app.app_context():
        run_until_idle(threads=1 if mode == "inline" else COMMAND_THREADS)


class EmbeddedWorker:
    """One background thread per app process (started again in a forked child)."""

    def __init__(self, app: Flask):
        self.app = app
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def ensure_running(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, name="kmapp-worker", daemon=True)
                self._thread.start()

    def wake(self) -> None:
        self.ensure_running()
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        poll = float(self.app.config["JOBS_POLL_SECONDS"])
        threads = int(self.app.config["JOBS_THREADS"])
        while not self._stop.is_set():
            self._wake.clear()
            try:
                with self.app.app_context():
                    run_until_idle(threads=threads)
            except Exception:  # e.g. the database is unreachable for a moment: try again later
                log.exception("background worker round failed")
            self._wake.wait(poll)


def embedded_worker(app: Flask) -> EmbeddedWorker:
    worker = app.extensions.get("kmapp_worker")
    if worker is None:
        worker = app.extensions.setdefault("kmapp_worker", EmbeddedWorker(app))
    return worker


def run_forever(stop: threading.Event, threads: int = 1) -> None:
    """`flask worker`: rounds until `stop` is set, polling between idle rounds."""
    poll = float(current_app.config["JOBS_POLL_SECONDS"])
    while not stop.is_set():
        try:
            run_until_idle(threads=threads)
        except Exception:
            db.session.rollback()
            log.exception("worker round failed; retrying in %s s", poll)
        stop.wait(poll)
