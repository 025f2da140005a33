"""Target evaluation: the rule, overrides, and the quarter boundaries."""
from datetime import date, datetime

from kmapp.extensions import db
from kmapp.models import Asset, QuarterTarget
from kmapp.programme.targets import (QuarterFigures, Status, Target, counts_towards_target, evaluate,
                                     figures_by_agency, figures_by_agency_and_year, target_for, targets_for_year)

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
                            _asset(cop, None, date(2025, 10, 2))])  # no meeting after the rule: not counted
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


RULE_STARTS = date(2025, 10, 1)  # ASSET_MEETING_REQUIRED_FROM, the first day of Triwulan IV 2025


def test_the_rule_for_one_asset_at_the_boundary_day():
    assert counts_towards_target(date(2025, 9, 30), None, RULE_STARTS)       # output target: any asset
    assert not counts_towards_target(RULE_STARTS, None, RULE_STARTS)          # the rule's first day
    assert counts_towards_target(RULE_STARTS, 7, RULE_STARTS)                 # from a meeting: always
    assert counts_towards_target(date(2025, 2, 1), 7, RULE_STARTS)
    assert not counts_towards_target(None, 7, RULE_STARTS)                    # never published


def test_an_asset_without_a_meeting_counts_in_triwulan_iii_2025_but_not_in_triwulan_iv(app, world):
    from kmapp.models import Community
    with app.app_context():
        cop = db.session.get(Community, world.cop_b)
        db.session.add_all([_asset(cop, None, date(2025, 7, 1)), _asset(cop, None, date(2025, 9, 30)),
                            _asset(cop, None, RULE_STARTS), _asset(cop, None, date(2026, 2, 3))])
        draft = _asset(cop, None, date(2025, 8, 1))
        draft.status = "draft"
        db.session.add(draft)
        db.session.commit()
        agency = cop.agency_id
        spread = figures_by_agency_and_year(2025, 2026, [agency])
        one_year = figures_by_agency(2025, [agency])
    assert spread[(agency, 2025, 3)].assets == 2      # both before the rule, the draft not
    assert (agency, 2025, 4) not in spread and (agency, 2026, 1) not in spread
    assert one_year[(agency, 3)].assets == 2


def test_the_date_of_the_rule_is_the_setting(app, world):
    from kmapp.models import Community
    app.config["ASSET_MEETING_REQUIRED_FROM"] = "2026-01-01"  # from the environment: a string
    with app.app_context():
        cop = db.session.get(Community, world.cop_b)
        db.session.add(_asset(cop, None, date(2025, 11, 3)))
        db.session.commit()
        agency = cop.agency_id
        assert figures_by_agency(2025, [agency])[(agency, 4)].assets == 1
        assert (agency, 4) not in figures_by_agency(2025, [agency], required_from=RULE_STARTS)


def test_an_output_target_is_met_by_assets_alone_before_the_rule_and_not_after(app, world):
    """2025 as reported: Triwulan I-III targets asked for output (assets) only; from
    Triwulan IV a meeting, and assets from meetings."""
    from kmapp.models import Community
    from kmapp.programme.dashboard import Filters, build_dashboard
    with app.app_context():
        cop = db.session.get(Community, world.cop_b)
        for quarter in (1, 2, 3):
            db.session.add(QuarterTarget(year=2025, quarter=quarter, min_meetings=0, min_assets=1))
        db.session.add(QuarterTarget(year=2025, quarter=4, min_meetings=1, min_assets=1))
        db.session.add_all([_asset(cop, None, date(2025, 2, 3)), _asset(cop, None, date(2025, 11, 3))])
        db.session.commit()
        board = build_dashboard(Filters(2025), today=date(2026, 1, 15))
    row = next(row for row in board.rows if row.id == world.agency_b)
    assert row.cell(1).status == Status.MET and row.cell(1).figures == QuarterFigures(0, 0, 1)
    assert row.cell(4).status == Status.NOT_MET and row.cell(4).figures.assets == 0


def test_the_targets_page_says_which_assets_count(client, login_as, world):
    login_as("admin")
    page = client.get("/programme/targets?year=2025").get_data(as_text=True)
    assert "sebelum 1 Oktober 2025 setiap aset yang terbit" in page


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
