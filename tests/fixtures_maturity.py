"""Builders for the maturity tests: the default instrument, a round, a filled self-assessment."""
from datetime import date, timedelta

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.maturity.assessments import SelfInput, save_self_assessment, submit
from kmapp.maturity.instruments import seed_default_instrument
from kmapp.maturity.rounds import assign_assessor, open_round
from kmapp.models import Agency, MaturityAssessment, MaturityRound, User


def open_test_round(world, year: int = 2026, deadline: date | None = None, assign: bool = True) -> MaturityRound:
    """Version 1 of the instrument, a round for every agency, the assessor on agency B."""
    admin = db.session.get(User, world.admin)
    instrument = seed_default_instrument()
    round_ = open_round(year, instrument, deadline or local_today() + timedelta(days=30), admin)
    if assign:
        assign_assessor(round_, db.session.get(Agency, world.agency_b), db.session.get(User, world.assessor), admin)
    db.session.commit()
    return round_


def assessment_of(round_: MaturityRound, agency_id: int) -> MaturityAssessment:
    return next(a for a in round_.assessments if a.agency_id == agency_id)


def fill(assessment: MaturityAssessment, lead: User, score: int = 4, do_submit: bool = False) -> None:
    inputs = [SelfInput(indicator.id, score, f"Alasan {indicator.code}")
              for indicator in assessment.round.instrument.indicators]
    save_self_assessment(assessment, inputs, lead)
    if do_submit:
        submit(assessment, lead, local_today())
    db.session.commit()


def self_form(assessment: MaturityAssessment, score: int | str = 4, action: str = "save", **overrides) -> dict:
    """The whole self-assessment form as a browser sends it."""
    data = {"action": action}
    for indicator in assessment.round.instrument.indicators:
        data[f"i{indicator.id}-score"] = str(score)
        data[f"i{indicator.id}-justification"] = f"Alasan {indicator.code}"
    data.update(overrides)
    return data
