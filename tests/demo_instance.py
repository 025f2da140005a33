"""One seeded demo per test run, copied for each test module that needs one.

Seeding the full roster (~65,000 employees, every asset's text extracted and indexed) costs
tens of seconds; six modules used to pay it each. They now copy a folder seeded once: the
SQLite file, the search index and the uploads, all under one instance folder.
"""
import shutil
from datetime import date
from pathlib import Path

from kmapp import create_app
from kmapp.extensions import db

# Triwulan IV 2026 under way; all showcase meetings of 2026 held.
DEMO_TODAY = date(2026, 11, 20)

DEMO_CONFIG = {"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
               "LANGUAGES": ("id", "en"), "JOBS_WORKER": "inline"}


def seed_template(folder: Path) -> Path:
    """Seed the demo into `folder`/instance as `flask seed-demo` would, with text indexed."""
    from kmapp.demo.seed import seed_demo
    instance = folder / "instance"
    app = create_app(DEMO_CONFIG, instance_path=str(instance))
    with app.app_context():
        db.create_all()
        seed_demo(today=DEMO_TODAY)
        db.session.remove()
        db.engine.dispose()  # every connection closed: the files are whole and safe to copy
    return instance


def open_copy(template: Path, folder: Path, **config):
    """An app over a private copy of the seeded instance: its writes touch no other module."""
    instance = folder / "instance"
    shutil.copytree(template, instance)
    return create_app(DEMO_CONFIG | config, instance_path=str(instance))


def close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
