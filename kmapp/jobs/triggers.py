"""After a commit that queued work (a job, a search-outbox row), start that work.

Queueing code calls `note_work_queued()` in the transaction; the flag is dropped on
rollback, so only committed work is ever announced.
"""
import importlib

from flask import Flask
from sqlalchemy import event

from ..extensions import db

FLAG = "kmapp_work_queued"
# Modules that register job handlers and sweeps (imported once at app creation).
WORK_MODULES = ("kmapp.extraction.jobs", "kmapp.ocr.jobs", "kmapp.search.indexing", "kmapp.assets.pending",
                "kmapp.notifications.events", "kmapp.notifications.mail", "kmapp.notifications.reminders")


def note_work_queued() -> None:
    db.session.info[FLAG] = True


def init_app(app: Flask) -> None:
    from .worker import MODES, embedded_worker

    if app.config["JOBS_WORKER"] not in MODES:
        raise ValueError(f"JOBS_WORKER must be one of {MODES}, not {app.config['JOBS_WORKER']!r}")
    for module in WORK_MODULES:
        importlib.import_module(module)
    for name, listener in (("after_commit", _after_commit), ("after_rollback", _forget)):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
    if app.config["JOBS_WORKER"] == "embedded":
        # Started by the first request, so commands and tests never start a thread.
        app.before_request(lambda: embedded_worker(app).ensure_running())


def _forget(session) -> None:
    session.info.pop(FLAG, None)


def _after_commit(session) -> None:
    if session.info.pop(FLAG, False):
        from .worker import after_commit_with_work
        after_commit_with_work()
