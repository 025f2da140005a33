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
