"""Target evaluation: the rule, overrides, and the quarter boundaries."""
from datetime import date, datetime

from kmapp.extensions import db
from kmapp.models import Asset, QuarterTarget
from kmapp.programme.targets import (QuarterFigures, Status, Target, evaluate, figures_by_agency,
                                     target_for, targets_for_year)

from .conftest import meeting


def _asset(community, source_meeting, published_on):
    return Asset(community=community, meeting=source_meeting, title="A", asset_type="sop",
                 km_stage="creation", published_on=published_on)


def test_figures_count_meetings_accompanied_and_assets_from_meetings_per_quarter(app, world):
    from kmapp.models import Community, Meeting
    with app.app_context():
        cop = db.session.get(Community, world.cop_a)
        q3 = db.session.get(Meeting, world.meeting_a)               # 14 Aug 2025
        q3.accompanied_at = datetime(2025, 8, 14, 5)
        last_day_q3 = meeting(cop, date(2025, 9, 30), "Akhir Triwulan III")
        first_day_q4 = meeting(cop, date(2025, 10, 1), "Awal Triwulan IV")
        db.session.add_all([last_day_q3, first_day_q4])
        db.session.add_all([_asset(cop, q3, date(2025, 9, 30)), _asset(cop, first_day_q4, date(2025, 10, 1)),
                            _asset(cop, None, date(2025, 9, 1))])   # no meeting: does not count
        db.session.commit()
        figures = figures_by_agency(2025)
        agency = cop.agency_id
        assert figures[(agency, 3)] == QuarterFigures(meetings=2, accompanied=1, assets=1)
        assert figures[(agency, 4)] == QuarterFigures(meetings=1, accompanied=0, assets=1)
        assert figures_by_agency(2025, agency_ids=[agency + 100]) == {}


def test_agency_override_beats_the_default_which_beats_the_built_in(app, world):
    with app.app_context():
        db.session.add_all([QuarterTarget(year=2025, quarter=3, min_meetings=2, min_assets=1),
                            QuarterTarget(year=2025, quarter=3, agency_id=world.agency_a, min_meetings=4,
                                          min_assets=2, min_accompanied=1)])
        db.session.commit()
        targets = targets_for_year(2025)
    assert target_for(targets, world.agency_a, 3) == Target(4, 2, 1)
    assert target_for(targets, world.agency_b, 3) == Target(2, 1, 0)
    assert target_for(targets, world.agency_b, 4) == Target(1, 1, 0)


def test_status_at_the_quarter_boundaries():
    target = Target(1, 1, 0)
    nothing = QuarterFigures()
    done = QuarterFigures(meetings=1, accompanied=0, assets=1)
    assert evaluate(nothing, target, 2025, 3, today=date(2025, 6, 30)) == Status.NOT_STARTED
    assert evaluate(nothing, target, 2025, 3, today=date(2025, 7, 1)) == Status.IN_PROGRESS
    assert evaluate(nothing, target, 2025, 3, today=date(2025, 9, 30)) == Status.IN_PROGRESS
    assert evaluate(nothing, target, 2025, 3, today=date(2025, 10, 1)) == Status.NOT_MET
    assert evaluate(done, target, 2025, 3, today=date(2025, 7, 1)) == Status.MET
    assert evaluate(QuarterFigures(1, 0, 1), Target(1, 1, 1), 2025, 3, today=date(2025, 10, 1)) == Status.NOT_MET


def test_a_shortfall_is_what_is_still_missing_in_words(app):
    from kmapp.programme.standing import Shortfall, shortfall_of, shortfall_words, target_words
    from kmapp.programme.targets import QuarterFigures, Target
    target = Target(min_meetings=2, min_assets=3, min_accompanied=1)
    assert shortfall_of(QuarterFigures(meetings=1, accompanied=0, assets=5), target) == Shortfall(1, 1, 0)
    assert not shortfall_of(QuarterFigures(3, 2, 3), target)  # more than asked is nothing missing
    with app.test_request_context():
        assert shortfall_words(Shortfall(1, 1, 2), 2026, 4) == \
            "kurang 1 pertemuan, 1 pertemuan didampingi, 2 aset dari pertemuan"
        assert shortfall_words(Shortfall(assets=1), 2025, 3) == "kurang 1 aset"  # before the Triwulan IV 2025 rule
        assert shortfall_words(Shortfall(), 2026, 4) == ""
        assert target_words(target) == "2 pertemuan, 1 didampingi, 3 aset"


def test_the_running_quarters_standing_counts_the_days_left(app, world):
    from kmapp.programme.standing import running_standings
    with app.test_request_context():
        last_day = running_standings([world.agency_a], date(2026, 12, 31))[world.agency_a]
        assert (last_day.year, last_day.quarter, last_day.days_left) == (2026, 4, 0)
        assert last_day.deadline_words() == "berakhir 31 Des (hari ini)" and last_day.near_deadline
        early = running_standings([world.agency_a], date(2026, 10, 1))[world.agency_a]
        assert early.days_left == 91 and not early.near_deadline
        assert early.missing_words() == "kurang 1 pertemuan, 1 aset dari pertemuan"
