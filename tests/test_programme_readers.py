"""Readers per period (period_reader): the fast path of utilisation against a straightforward
count from the access rows, every way accesses are written, `check` and its repair, migration 0010."""
from datetime import date

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import delete, func, insert, select

from kmapp import create_app
from kmapp.assets import rules
from kmapp.assets.readers import WHOLE_YEAR, compare_readers, reader_rows
from kmapp.extensions import db
from kmapp.models import Agency, PeriodReader
from kmapp.programme.dashboard import Filters, build_dashboard
from kmapp.quarters import quarter_of

from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .fixtures_assets import make_asset
from .fixtures_readers import assert_figures_match_reference, build_programme, core_programme


def test_fast_path_equals_the_count_from_access_rows_on_a_generated_programme(app):
    with app.app_context():
        people = build_programme()
        assert assert_figures_match_reference() > 500
        assert compare_readers().in_step
        # A transferred reader counts for both agencies in the quarter he moved, once overall.
        mover = people["users"]["P1"]
        agencies = set(db.session.scalars(select(PeriodReader.agency_id).where(
            PeriodReader.user_id == mover, PeriodReader.year == 2025, PeriodReader.quarter == 3)))
        assert len(agencies) == 2


def test_reader_rows_follow_the_triwulan_and_skip_readers_without_agency():
    rows = reader_rows([(7, 1, date(2025, 3, 31)), (7, 1, date(2025, 4, 1)), (7, 1, date(2025, 4, 30)),
                        (None, 2, date(2025, 5, 1))])
    assert [(r["year"], r["quarter"]) for r in rows] == [(2025, WHOLE_YEAR), (2025, 1), (2025, 2)]
    assert {r["agency_id"] for r in rows} == {7}


def test_opening_an_asset_notes_its_reader_once_in_the_same_transaction(app, client, act_as, world):
    asset_id = make_asset(app, client, act_as, world)
    act_as("employee")
    for _ in range(2):
        assert client.get(f"/assets/{asset_id}").status_code == 200
    with app.app_context():
        year, quarter = quarter_of(rules.today())
        rows = db.session.execute(select(PeriodReader.agency_id, PeriodReader.year, PeriodReader.quarter)
                                  .where(PeriodReader.user_id == world.employee)).all()
        assert sorted(rows) == [(world.agency_b, year, WHOLE_YEAR), (world.agency_b, year, quarter)]
        board = build_dashboard(Filters(year), rules.today())
        row = next(row for row in board.rows if row.id == world.agency_b)
        assert row.utilisation.readers == 1 and board.utilisation.readers == 1
        assert compare_readers().in_step


def test_check_reports_a_difference_and_repair_removes_it(app, runner):
    with app.app_context():
        people = build_programme()
        assert runner.invoke(args=["reindex"]).exit_code == 0
    clean = runner.invoke(args=["check"])
    assert clean.exit_code == 0, clean.output
    assert "Pembaca per periode sesuai dengan catatan akses." in clean.output
    with app.app_context():
        doomed = db.session.execute(select(PeriodReader).where(PeriodReader.quarter == 2).limit(2)).scalars().all()
        for row in doomed:
            db.session.execute(delete(PeriodReader).where(
                PeriodReader.agency_id == row.agency_id, PeriodReader.year == row.year,
                PeriodReader.quarter == row.quarter, PeriodReader.user_id == row.user_id))
        agency_d = people["agencies"]["D"]  # a reader without an agency never read for D
        db.session.execute(insert(PeriodReader.__table__).values(agency_id=agency_d, year=2024, quarter=2,
                                                                 user_id=people["users"]["Tanpa0"]))
        db.session.commit()
    result = runner.invoke(args=["check"])
    assert result.exit_code == 1
    assert "2 baris kurang, 1 baris lebih" in result.output
    assert f"pembaca per periode lebih: perangkat daerah #{agency_d}, 2024 triwulan 2" in result.output
    repaired = runner.invoke(args=["check", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "Diperbaiki: pembaca per periode disesuaikan" in repaired.output
    again = runner.invoke(args=["check"])
    assert again.exit_code == 0 and "Pembaca per periode sesuai" in again.output
    with app.app_context():
        assert assert_figures_match_reference() > 500


def test_migration_0010_fills_readers_from_existing_accesses_and_goes_back(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "JOBS_WORKER": "inline"},
                     instance_path=str(tmp_path / "instance"))
    with app.app_context():
        upgrade(revision="0009")
        core_programme()
        upgrade()
        assert db.session.scalar(select(func.count()).select_from(PeriodReader)) > 20
        assert compare_readers().in_step
        assert assert_figures_match_reference() > 50
        db.session.remove()
        indexes = {index["name"] for index in sa.inspect(db.engine).get_indexes("asset")}
        assert "ix_asset_published_figures" in indexes and "ix_asset_published_on" not in indexes
        db.session.remove()  # outside a request every transaction takes the write lock
        downgrade(revision="0009")
        assert "period_reader" not in sa.inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()


def test_agency_page_history_comes_from_the_readers_table(app, client, act_as, world):
    with app.app_context():
        db.session.add(Agency(code="X", name="Badan X", kind="badan", headcount=4))
        db.session.commit()
        agency_id = db.session.scalar(select(Agency.id).where(Agency.code == "X"))
        db.session.execute(insert(PeriodReader.__table__), [dict(agency_id=agency_id, year=2025, quarter=q,
                                                                 user_id=world.employee) for q in (0, 3)])
        db.session.commit()
    act_as("admin")
    page = client.get(f"/programme/agencies/{agency_id}").get_data(as_text=True)
    assert "25,0" in page  # 1 reader of 4 employees, read from period_reader alone
