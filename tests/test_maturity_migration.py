"""Migration 0011 builds exactly the maturity tables of the models, on SQLite and PostgreSQL,
and the database itself refuses a score outside 1-5."""
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from kmapp import create_app
from kmapp.extensions import db
from kmapp.maturity.instruments import seed_default_instrument
from kmapp.maturity.rounds import open_round
from kmapp.maturity.scoring import instrument_total
from kmapp.models import Agency, MaturityScore, Role

from .conftest import user
from .test_postgres import URL, pg_app  # noqa: F401 (fixture)


def _maturity_differences(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    differences = compare_metadata(context, db.metadata)

    def table_of(diff):
        item = diff[0] if isinstance(diff, list) else diff
        for part in item[1:]:
            name = getattr(part, "name", None) if not isinstance(part, str) else part
            table = getattr(part, "table", None)
            if table is not None:
                return table.name
            if isinstance(name, str) and name.startswith("maturity"):
                return name
        return ""
    return [diff for diff in differences if table_of(diff).startswith("maturity")]


def _exercise(app) -> None:
    with app.test_request_context():
        upgrade()
        assert not _maturity_differences(db.session.connection())
        agency = Agency(code="DINKES", name="Dinas Kesehatan", kind="dinas", headcount=5)
        admin = user("admin", agency, Role.ADMIN)
        db.session.commit()
        instrument = seed_default_instrument()
        round_ = open_round(2026, instrument, date(2026, 12, 1), admin)
        db.session.commit()
        assessment = round_.assessments[0]
        for indicator in instrument.indicators:
            assessment.scores.append(MaturityScore(indicator_id=indicator.id, self_score=5))
        db.session.commit()
        assert instrument_total(instrument, {s.indicator_id: s.self_score for s in assessment.scores}) == 100
        assert instrument.level_5_from == Decimal("85")
        db.session.add(MaturityScore(assessment_id=assessment.id, indicator_id=instrument.indicators[0].id,
                                     self_score=6))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
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
