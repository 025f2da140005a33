"""The PostgreSQL path: migrations and the core flows on a real server.

Runs when TEST_DATABASE_URL points at a PostgreSQL database; each test works in a
schema of its own, created and dropped here.
"""
import os

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from kmapp import create_app
from kmapp.extensions import db
from kmapp.models import Agency, Meeting, Role, User

from .conftest import PASSWORD, sign_in, user
from .postgres_schema import fresh_schema

URL = os.environ.get("TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set")


@pytest.fixture
def pg_app(tmp_path):
    """An app on a schema of its own, with pg_trgm (migration 0015's trigram index) on its path."""
    with fresh_schema() as url:
        app = create_app({"TESTING": True, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False, "JOBS_WORKER": "inline",
                          "SQLALCHEMY_DATABASE_URI": url}, instance_path=str(tmp_path / "instance"))
        try:
            yield app
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def test_migrations_run_on_postgresql_and_sign_in_works(pg_app):
    with pg_app.app_context():
        upgrade()
        assert db.engine.dialect.name == "postgresql"
        agency = Agency(code="DINKES", name="Dinas Kesehatan", kind="dinas", headcount=5)
        user("pegawai", agency, Role.EMPLOYEE)
        db.session.commit()
    client = pg_app.test_client()
    assert sign_in(client, "pegawai", PASSWORD).status_code == 302
    assert "Selamat datang" in client.get("/").get_data(as_text=True)
    assert client.get("/healthz").get_json()["database"]["dialect"] == "postgresql"


def test_check_constraints_hold_on_postgresql(pg_app):
    with pg_app.app_context():
        upgrade()
        agency = Agency(code="X", name="X", kind="dinas", headcount=1)
        db.session.add(agency)
        db.session.commit()
        db.session.add(User(name="Tanpa login", agency=agency))  # neither NIP nor username
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.execute(sa.text("SELECT 1"))
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 0


def test_worker_processes_claim_each_job_exactly_once_on_postgresql(pg_app, tmp_path):
    from .test_jobs import competing_workers_run_each_job_exactly_once
    with pg_app.app_context():
        upgrade()
    assert len(competing_workers_run_each_job_exactly_once(pg_app, tmp_path)) == 2
