"""Readers per period on PostgreSQL: migration 0010's fill, every write path, check's repair."""
from flask_migrate import upgrade
from sqlalchemy import delete, func, select

from kmapp.assets.readers import compare_readers
from kmapp.extensions import db
from kmapp.models import PeriodReader

from .fixtures_readers import assert_figures_match_reference, build_programme, core_programme
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)


def test_migration_0010_fills_readers_on_postgresql(pg_app):  # noqa: F811
    with pg_app.app_context():
        upgrade(revision="0009")
        core_programme()
        upgrade()
        assert db.session.scalar(select(func.count()).select_from(PeriodReader)) > 20
        assert compare_readers().in_step
        assert assert_figures_match_reference() > 50


def test_fast_path_equals_access_rows_and_repair_on_postgresql(pg_app):  # noqa: F811
    with pg_app.app_context():
        upgrade()
        build_programme()
        assert assert_figures_match_reference() > 500
        db.session.execute(delete(PeriodReader).where(PeriodReader.quarter == 4))
        db.session.commit()
        broken = compare_readers()
        assert broken.missing > 0 and broken.extra == 0
        compare_readers(repair=True)
        assert compare_readers().in_step
        assert assert_figures_match_reference() > 500
