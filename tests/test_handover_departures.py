"""Who is leaving: NIP -> retirement date at the boundaries, per position class, invalid NIPs, and the
list of departures (recorded and forecast) other features build on."""
from datetime import date, datetime

import pytest

from kmapp.extensions import db
from kmapp.handover.departures import (NipProblem, confirmed_handover_user_ids, departures_within,
                                       nip_birth_date, nip_birth_date_problem, retirement_date)
from kmapp.models import Agency, Departure, Handover, HandoverState, Role
from kmapp.models.handover import DEFAULT_RETIREMENT_AGES

from .conftest import user

AGES = {str(cls): age for cls, age in DEFAULT_RETIREMENT_AGES.items()}


@pytest.mark.parametrize("nip, position_class, expected", [
    ("196803012000031001", None, date(2026, 4, 1)),                 # born on the 1st: still the month after
    ("196803312000031001", None, date(2026, 4, 1)),                 # born at month end
    ("196712312000031001", "administrative", date(2026, 1, 1)),     # December birthday: next January
    ("196802292000031001", "functional_junior", date(2026, 3, 1)),  # leap day, 58th birthday in a common year
    ("197202292000031001", None, date(2030, 3, 1)),                 # leap day, 58th birthday in a leap year
    ("196605152000031001", "functional_middle", date(2026, 6, 1)),  # madya: 60
    ("196605152000031001", "senior_executive", date(2026, 6, 1)),   # JPT: 60
    ("196105152000031001", "functional_top", date(2026, 6, 1)),     # utama: 65
])
def test_retirement_date_is_the_first_of_the_month_after_the_birthday(nip, position_class, expected):
    assert retirement_date(nip, position_class, AGES) == expected


def test_retirement_age_follows_the_setting():
    assert retirement_date("196605152000031001", "functional_middle", {**AGES, "functional_middle": 62}) \
        == date(2028, 6, 1)


@pytest.mark.parametrize("nip, problem", [
    (None, NipProblem.MISSING),
    ("", NipProblem.MISSING),
    ("19680301200003100", NipProblem.MALFORMED),
    ("19680301200003100x", NipProblem.MALFORMED),
    ("196802302000031001", NipProblem.INVALID_BIRTH_DATE),   # 30 February
    ("196702292000031001", NipProblem.INVALID_BIRTH_DATE),   # 1967 is not a leap year
    ("196813012000031001", NipProblem.INVALID_BIRTH_DATE),   # month 13
    ("000001012000031001", NipProblem.INVALID_BIRTH_DATE),
])
def test_invalid_nip_gives_no_date_and_says_why(nip, problem):
    assert nip_birth_date_problem(nip) == problem
    assert nip_birth_date(nip) is None
    assert retirement_date(nip, None, AGES) is None


def test_departures_within_lists_recorded_and_forecast_leavers(app):
    today = date(2026, 12, 1)
    with app.app_context():
        agency = Agency(code="DINKES", name="Dinas Kesehatan", kind="dinas", headcount=5)
        other = Agency(code="DISDIK", name="Dinas Pendidikan", kind="dinas", headcount=5)
        retiring = user("retiring", agency, Role.EMPLOYEE, nip="196806152000031001")       # 2026-07-01: forecast
        top = user("top", agency, Role.EMPLOYEE, nip="196206152000031001")                 # 65 in 2027-06
        top.position_class = "functional_top"
        far = user("far", agency, Role.EMPLOYEE, nip="197006152000031001")                 # 2028: outside
        gone = user("gone", agency, Role.EMPLOYEE, nip="196802152000031001")               # 2026-03-01: past
        recorded = user("recorded", agency, Role.EMPLOYEE, nip="196807152000031001")       # also recorded
        moving = user("moving", agency, Role.EMPLOYEE)
        elsewhere = user("elsewhere", other, Role.EMPLOYEE, nip="196812152000031001")
        db.session.flush()
        db.session.add_all([
            Departure(user=recorded, kind="retirement", leaving_on=date(2027, 8, 1)),
            Departure(user=moving, kind="transfer", leaving_on=date(2027, 1, 15), to_agency=other,
                      handover=Handover(state=HandoverState.CONFIRMED.value, submitted_at=datetime(2026, 12, 1),
                                        confirmed_at=datetime(2026, 12, 2))),
            Departure(user=far, kind="transfer", leaving_on=date(2027, 2, 1), to_agency=other,
                      cancelled_at=datetime(2026, 11, 1)),
        ])
        db.session.commit()

        facts = departures_within(365, agency.id, today=today)
        by_user = {fact.user_id: fact for fact in facts}
        assert set(by_user) == {top.id, recorded.id, moving.id}
        assert by_user[top.id].forecast and by_user[top.id].leaving_on == date(2027, 7, 1)
        assert by_user[top.id].handover_state is None
        assert (by_user[moving.id].kind, by_user[moving.id].to_agency_id, by_user[moving.id].handover_state) == \
            ("transfer", other.id, "confirmed")
        assert not by_user[recorded.id].forecast and by_user[recorded.id].handover_state == "not_started"
        assert [fact.leaving_on for fact in facts] == sorted(fact.leaving_on for fact in facts)
        assert {f.user_id for f in departures_within(365, today=today)} == {top.id, recorded.id, moving.id,
                                                                            elsewhere.id}
        assert retiring.id not in by_user and gone.id not in by_user
        assert {f.user_id for f in departures_within(365, today=date(2026, 6, 1))} >= {retiring.id}
        assert confirmed_handover_user_ids() == {moving.id}
