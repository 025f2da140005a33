"""The dashboard's grouped queries on PostgreSQL (quarter arithmetic, distinct readers)."""
from datetime import date

from flask_migrate import upgrade

from kmapp.extensions import db
from kmapp.models import Agency, Community
from kmapp.programme.figures import readers_by_quarter

from .fixtures_programme import access, dashboard, meeting_with_asset, published_asset, reader, row_of
from .test_postgres import pg_app, pytestmark  # noqa: F401  (the schema-per-test fixture, skip rule)


def test_dashboard_figures_on_postgresql(pg_app):  # noqa: F811
    with pg_app.app_context():
        upgrade()
        agency = Agency(code="DINKES", name="Dinas Kesehatan", kind="dinas", headcount=4)
        cop = Community(agency=agency, name="JAK-HIGH")
        db.session.add_all([agency, cop])
        for day in (date(2025, 7, 1), date(2025, 8, 15), date(2025, 9, 30)):  # three months of one quarter
            meeting_with_asset(cop, day, accompanied=day.month == 8, seci=["socialization"])
        someone = reader("pembaca", agency)
        asset = published_asset(cop, None, date(2025, 7, 2))      # before the meeting rule: counts
        published_asset(cop, None, date(2025, 10, 1))              # the rule's first day: does not
        for day in (date(2025, 7, 3), date(2025, 9, 1)):
            access(asset, someone, day)
        db.session.commit()
        board = dashboard(quarter=3)
        row = row_of(board, agency.id)
        history = readers_by_quarter(agency.id)
    assert (row.cell(3).figures.meetings, row.cell(3).figures.accompanied, row.cell(3).figures.assets) == (3, 1, 4)
    assert row.cell(4).figures.assets == 0
    assert row.utilisation.ratio == 0.25
    assert board.seci_stages["socialization"] == 3 and board.seci_stages[None] == 1
    assert history == {(2025, 3): 1, (2025, None): 1}
