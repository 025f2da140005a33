"""Migration 0007 on PostgreSQL: existing minutes rendered, programme settings constrained."""
import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from kmapp.extensions import db

from .test_minutes import check_minutes_rendered_by_0007, insert_meetings_before_0007
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)


def test_migration_0007_renders_existing_minutes_on_postgresql(pg_app):  # noqa: F811
    with pg_app.app_context():
        upgrade(revision="0005")
        insert_meetings_before_0007(1201)  # more than two batches
        upgrade()
        check_minutes_rendered_by_0007(1201)
        db.session.execute(sa.text("INSERT INTO programme_setting (name, value, updated_at) "
                                   "VALUES ('minutes_visibility', 'all', now())"))
        db.session.commit()
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.text("INSERT INTO programme_setting (name, value, updated_at) "
                                       "VALUES ('attendee_visibility', 'public_assets', now())"))
        db.session.rollback()
