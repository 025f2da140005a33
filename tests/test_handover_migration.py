"""Migration 0013 builds exactly the models (departures, handovers, the new user columns and the widened
role and asset-type checks) on SQLite and PostgreSQL, and on SQLite it keeps the rows that reference the
tables it has to copy (a user's roles, an asset's files)."""
from datetime import date

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from kmapp import create_app
from kmapp.extensions import db
from kmapp.handover.departures import departures_within
from kmapp.handover.figures import programme_handover_rows
from kmapp.models import Agency, Departure, Role, User

from .conftest import user
from .test_postgres import URL, pg_app  # noqa: F401 (fixture)


def _not_search_backend_table(name, type_, parent_names) -> bool:
    """The PostgreSQL search tables (migrations 0015, 0021) and their indexes live outside the
    models (kmapp/search/postgres/tables.py)."""
    from kmapp.search.postgres.tables import metadata as search_tables
    table = name if type_ == "table" else (parent_names or {}).get("table_name")
    return table not in search_tables.tables


def _exercise(app) -> None:
    with app.app_context():
        upgrade(revision="0012")
        connection = db.session.connection()
        connection.execute(sa.text(
            "INSERT INTO agency (id, code, name, kind, headcount) VALUES (1000, 'A', 'Dinas A', 'dinas', 1);"))
        connection.execute(sa.text(
            "INSERT INTO \"user\" (id, username, name, active, locale, created_at) "
            "VALUES (1000, 'x', 'X', true, 'id', '2026-01-01')"))
        connection.execute(sa.text("INSERT INTO user_role (user_id, role) VALUES (1000, 'admin')"))
        db.session.commit()
        upgrade()
        assert not compare_metadata(MigrationContext.configure(db.session.connection(), opts={
            "compare_type": True, "include_name": _not_search_backend_table}), db.metadata)
        assert db.session.scalar(sa.text("SELECT role FROM user_role WHERE user_id = 1000")) == "admin"
        db.session.remove()
        downgrade(revision="0012")
        assert db.session.scalar(sa.text("SELECT role FROM user_role WHERE user_id = 1000")) == "admin"
        db.session.remove()
        upgrade()
        agency = db.session.get(Agency, 1000)
        hr = user("hr", agency, Role.HR_OFFICER)
        hr.position_class = "functional_top"
        db.session.add(Departure(user=hr, kind="retirement", leaving_on=date(2027, 1, 1)))
        user("tua", agency, Role.EMPLOYEE, nip="196806152000031001")  # forecast: 2026-07-01
        db.session.commit()
        # The departures and figures' SQL (NIP ranges, the confirmed count) on this database.
        assert {f.user_id for f in departures_within(365, today=date(2026, 6, 1))} >= {hr.id}
        assert len(departures_within(365, agency.id, today=date(2026, 6, 1))) == 2
        assert programme_handover_rows(date(2027, 2, 1))[0].figures.past_departures == 1
        db.session.add(Departure(user_id=hr.id, kind="retirement", leaving_on=date(2027, 2, 1)))
        with pytest.raises(sa.exc.IntegrityError):  # one live departure per person
            db.session.commit()
        db.session.rollback()
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.update(User).where(User.id == hr.id).values(position_class="astronaut"))
        db.session.rollback()


def test_the_migration_matches_the_models_on_sqlite(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "JOBS_WORKER": "inline"},
                     instance_path=str(tmp_path / "instance"))
    try:
        _exercise(app)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set")
def test_the_migration_matches_the_models_on_postgresql(pg_app):  # noqa: F811
    _exercise(pg_app)
