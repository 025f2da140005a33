"""The dashboard's figures: quarter totals, boundaries, overrides, utilisation, order, stages."""
from datetime import date, datetime

from sqlalchemy import event

from kmapp.extensions import db
from kmapp.models import Agency, Community, Meeting
from kmapp.programme.targets import Status

from .fixtures_programme import (access, add_agency, dashboard, meeting_with_asset, override, published_asset,
                                 reader, row_of)


def test_quarter_totals_read_like_the_programme_reports_them(app, world):
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        db.session.get(Meeting, world.meeting_a).accompanied_at = datetime(2025, 8, 14, 5)
        meeting_with_asset(cop_a, date(2025, 9, 1))
        db.session.commit()
        board = dashboard()
    q3 = board.total(3)
    assert (q3.agencies, q3.agencies_with_meetings, q3.meetings, q3.accompanied) == (2, 2, 3, 1)
    assert q3.accompaniment_rate == 1 / 3
    assert q3.agencies_met == 1  # agency A has a meeting and an asset; B has no asset
    assert board.total(1).accompaniment_rate is None  # no meetings: no rate, no division error


def test_status_follows_the_quarter_boundaries(app, world):
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        published_asset(cop_a, db.session.get(Meeting, world.meeting_a), date(2025, 9, 30))  # last day of Q3
        meeting_with_asset(cop_a, date(2025, 10, 1))                                          # first day of Q4
        db.session.commit()
        on_last_day = dashboard(today=date(2025, 9, 30))
        on_first_day = dashboard(today=date(2025, 10, 1))
    a, b = row_of(on_last_day, world.agency_a), row_of(on_last_day, world.agency_b)
    assert a.cell(3).status == Status.MET and a.cell(3).figures.assets == 1
    assert b.cell(3).status == Status.IN_PROGRESS          # meeting held, no asset yet, quarter open
    assert b.cell(4).status == Status.NOT_STARTED
    assert row_of(on_first_day, world.agency_b).cell(3).status == Status.NOT_MET
    assert row_of(on_first_day, world.agency_a).cell(4).status == Status.MET
    assert row_of(on_first_day, world.agency_a).cell(4).figures.meetings == 1


def test_an_agency_override_raises_its_bar_only(app, world):
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        cop_b = db.session.get(Community, world.cop_b)
        meeting_with_asset(cop_a, date(2025, 7, 3))
        meeting_with_asset(cop_b, date(2025, 7, 3))
        override(2025, 3, world.agency_a, meetings=3, assets=1)
        db.session.commit()
        board = dashboard(quarter=3)
    a, b = row_of(board, world.agency_a), row_of(board, world.agency_b)
    assert a.cell(3).overridden and a.cell(3).target.min_meetings == 3
    assert a.cell(3).status == Status.NOT_MET            # 2 meetings of the 3 it must hold
    assert b.cell(3).status == Status.MET and not b.cell(3).overridden
    assert [row.id for row in board.behind] == [world.agency_a]


def test_utilisation_counts_each_reader_once_per_period(app, world):
    with app.app_context():
        agency_a = db.session.get(Agency, world.agency_a)       # headcount 100
        cop_b = db.session.get(Community, world.cop_b)
        first, second = published_asset(cop_b, None, date(2025, 1, 5)), published_asset(cop_b, None, date(2025, 1, 5))
        keen, casual = reader("rajin", agency_a), reader("sesekali", agency_a)
        for day in (date(2025, 2, 1), date(2025, 2, 2), date(2025, 8, 9)):
            access(first, keen, day)
        access(second, keen, date(2025, 2, 1))
        access(first, casual, date(2025, 8, 10))
        access(first, casual, date(2024, 12, 31))               # another year: not counted
        db.session.commit()
        year, q1, q3 = dashboard(), dashboard(quarter=1), dashboard(quarter=3)
    assert row_of(year, world.agency_a).utilisation.readers == 2
    assert row_of(year, world.agency_a).utilisation.ratio == 0.02
    assert row_of(q1, world.agency_a).utilisation.readers == 1
    assert row_of(q3, world.agency_a).utilisation.readers == 2
    assert row_of(year, world.agency_b).utilisation.readers == 0
    assert (year.utilisation.readers, year.utilisation.headcount) == (2, 300)


def test_an_agency_without_headcount_has_no_ratio_and_stays_out_of_the_total(app, world, client, login_as):
    with app.app_context():
        empty, cop = add_agency("KOSONG", headcount=0)
        someone = reader("tamu", empty)
        access(published_asset(cop, None, date(2025, 3, 1)), someone, date(2025, 3, 2))
        db.session.commit()
        board = dashboard()
        empty_id = empty.id
    assert row_of(board, empty_id).utilisation.ratio is None
    assert row_of(board, empty_id).utilisation.meets_target is None
    assert (board.utilisation.readers, board.utilisation.headcount) == (0, 300)
    login_as("admin")
    page = client.get("/programme/?year=2025").get_data(as_text=True)
    matrix = page[page.index("matrix-h"):]
    row = matrix[matrix.index("Badan KOSONG"):]
    assert '<td class="num">—</td>' in row[:row.index("</tr>")]


def test_agencies_behind_come_first_then_open_quarters_then_low_utilisation(app, world):
    with app.app_context():
        met_low, cop_low = add_agency("RENDAH", headcount=10)
        met_high, cop_high = add_agency("TINGGI", headcount=10)
        for community in (cop_low, cop_high):
            meeting_with_asset(community, date(2025, 7, 7))
        fan = reader("pembaca", met_high)
        access(published_asset(cop_high, None, date(2025, 7, 8)), fan, date(2025, 7, 9))
        db.session.commit()
        ids = (met_low.id, met_high.id)
        board = dashboard(quarter=3, today=date(2025, 10, 1))
        open_board = dashboard(quarter=3, today=date(2025, 9, 1))
    # A and B held a meeting but published no asset: missed Triwulan III.
    assert [row.id for row in board.rows] == [world.agency_a, world.agency_b, *ids]
    assert [row.id for row in open_board.rows][:2] == [world.agency_a, world.agency_b]
    assert open_board.behind == []  # still in progress, not behind yet


def test_filters_by_kind_and_behind_only(app, world):
    with app.app_context():
        _, cop = add_agency("KOTA-X", headcount=50, kind="kota")
        meeting_with_asset(cop, date(2025, 8, 1))
        db.session.commit()
        cities = dashboard(kind="kota")
        behind = dashboard(quarter=3, behind_only=True)
    assert [row.code for row in cities.rows] == ["KOTA-X"] and cities.total(3).meetings == 1
    assert {row.code for row in behind.rows} == {"DINKES", "DISDIK"}


def test_assets_per_km_stage_and_seci_stage_of_the_source_meeting(app, world):
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        source = db.session.get(Meeting, world.meeting_a)
        source.set_seci_stages(["socialization", "externalization"])
        published_asset(cop_a, source, date(2025, 8, 20), km_stage="sharing")
        published_asset(cop_a, source, date(2025, 8, 21), km_stage="sharing")
        published_asset(cop_a, None, date(2025, 8, 22), km_stage="renewal")
        published_asset(cop_a, None, date(2025, 8, 22), km_stage="renewal", status="draft")
        db.session.commit()
        board = dashboard(quarter=3)
    assert board.km_stages["sharing"] == 2 and board.km_stages["renewal"] == 1
    assert board.km_stages["identification"] == 0
    assert board.seci_stages["socialization"] == 2 and board.seci_stages["externalization"] == 2
    assert board.seci_stages["combination"] == 0 and board.seci_stages[None] == 1


def test_the_number_of_queries_does_not_grow_with_the_agencies(app, world):
    def queries_for_dashboard():
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            dashboard(quarter=3)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    with app.app_context():
        few = queries_for_dashboard()
        for index in range(12):
            _, cop = add_agency(f"X{index}", headcount=5)
            meeting_with_asset(cop, date(2025, 8, 1))
        db.session.commit()
        many = queries_for_dashboard()
    assert few == many <= 10


def test_assets_of_the_three_months_of_a_quarter_add_up(app, world):
    # Regression: "/" became true division in SQLAlchemy 2, so July, August and September
    # grouped apart (3.0, 3.33, 3.67) and overwrote one another.
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        for day in (date(2025, 7, 1), date(2025, 8, 15), date(2025, 9, 30)):
            published_asset(cop_a, db.session.get(Meeting, world.meeting_a), day)
        db.session.commit()
        board = dashboard()
    assert row_of(board, world.agency_a).cell(3).figures.assets == 3


def test_agency_history_counts_readers_per_quarter_and_once_per_year(app, world):
    from kmapp.programme.figures import readers_by_quarter
    with app.app_context():
        agency_a = db.session.get(Agency, world.agency_a)
        asset = published_asset(db.session.get(Community, world.cop_b), None, date(2025, 1, 2))
        first, second = reader("satu", agency_a), reader("dua", agency_a)
        for day in (date(2025, 2, 1), date(2025, 3, 31), date(2025, 7, 1)):
            access(asset, first, day)
        access(asset, second, date(2025, 9, 30))
        access(asset, second, date(2026, 1, 1))
        db.session.commit()
        counts = readers_by_quarter(world.agency_a)
    assert counts == {(2025, 1): 1, (2025, 3): 2, (2025, None): 2, (2026, 1): 1, (2026, None): 1}
