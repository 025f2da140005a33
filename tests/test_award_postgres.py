"""The award on PostgreSQL: migration 0012's tables and constraints, scoring, ranking, finalisation."""
from datetime import date

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from kmapp.award.datasheet import data_sheet
from kmapp.award.rounds import create_round, finalise, results_of
from kmapp.award.scoring import Entry
from kmapp.award.sheets import save_sheet, sheet_of
from kmapp.extensions import db
from kmapp.models import Agency, AssessorAssignment, Nomination, NominationEvidence, Role

from .conftest import user
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)


def test_award_round_on_postgresql(pg_app):  # noqa: F811
    with pg_app.test_request_context():
        upgrade()
        first = Agency(code="A", name="Badan A", kind="badan", headcount=10)
        second = Agency(code="B", name="Badan B", kind="badan", headcount=10)
        assessor = user("juri", None, Role.ASSESSOR)
        db.session.add_all([first, second])
        db.session.commit()
        award = create_round(2026, "KMA 2026", 1, date(2026, 10, 31), None, None)
        for agency, score in ((first, 3), (second, 5)):
            db.session.add(AssessorAssignment(round_id=award.id, agency_id=agency.id, assessor_id=assessor.id))
            save_sheet(award, sheet_of(award, agency.id, assessor, create=True),
                       {c.id: Entry(score, "alasan") for c in award.criteria}, submitting=True)
        finalise(award, None)
        db.session.commit()
        assert [(r.agency_id, r.rank, r.total, r.winner) for r in results_of(award)] == [
            (second.id, 1, 100.0, True), (first.id, 2, 50.0, False)]
        assert data_sheet(first, 2026, date(2026, 11, 20)).years[0].meetings == 0
        nomination = Nomination(round_id=award.id, agency_id=first.id)
        db.session.add(nomination)
        db.session.commit()
        db.session.add(NominationEvidence(nomination_id=nomination.id))  # neither a meeting nor an asset
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
        db.session.rollback()
