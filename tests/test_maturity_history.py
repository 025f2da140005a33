"""Maturity across years on the agency page, the "maturitas berisiko turun" signal and its
dashboard panel, and the home page's maturity tasks."""
from datetime import timedelta
from decimal import Decimal

from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.maturity.rounds import open_round
from kmapp.maturity.warning import last_two_quarters, slipping_agencies
from kmapp.models import AssessmentState, MaturityAssessment, User
from kmapp.quarters import quarter_bounds

from .conftest import meeting
from .fixtures_maturity import assessment_of, fill, open_test_round

HX = {"HX-Request": "true"}


def _publish(assessment, total: str, level: int) -> None:
    assessment.state, assessment.total, assessment.level = AssessmentState.PUBLISHED.value, Decimal(total), level


def _two_years(app, world):
    """Agency A: 94/100 (level 5) in 2025, 95.5/100 in 2026; agency B: 62/100 (level 3) in 2026."""
    with app.test_request_context():
        first = open_test_round(world, year=2025, assign=False)
        _publish(assessment_of(first, world.agency_a), "94.0", 5)
        second = open_round(2026, first.instrument, local_today() + timedelta(days=9), db.session.get(User, world.admin))
        _publish(assessment_of(second, world.agency_a), "95.5", 5)
        _publish(assessment_of(second, world.agency_b), "62.0", 3)
        db.session.commit()


def test_the_agency_page_shows_maturity_across_years_as_chart_and_table(client, login_as, app, world):
    _two_years(app, world)
    login_as("lead_a")
    page = client.get(f"/programme/agencies/{world.agency_a}").get_data(as_text=True)
    section = page[page.index('id="maturity-h"'):]
    assert "<svg" in section[:3000] and "95.5" in section and ">94<" in section  # the bars carry their numbers
    assert "95.5/100" in section and "94/100" in section and "5 · Inovasi" in section
    table = section[section.index("<table"):]
    assert table.index("2026") < table.index("2025")  # the table: newest first (the chart: oldest first)
    login_as_b = app.test_client()
    from .conftest import sign_in
    sign_in(login_as_b, "lead.b")
    other = login_as_b.get(f"/programme/agencies/{world.agency_b}").get_data(as_text=True)
    assert "62/100" in other and "3 · Standardisasi" in other


def test_an_agency_without_published_results_says_so(client, login_as, app, world):
    login_as("lead_a")
    page = client.get(f"/programme/agencies/{world.agency_a}").get_data(as_text=True)
    assert "Belum ada hasil penilaian maturitas yang diterbitkan." in page


def _quarters(app):
    with app.app_context():
        return last_two_quarters(local_today())


def _meetings_in(app, world, quarter, count: int, community_attr="cop_a") -> None:
    from kmapp.models import Community
    first_day = quarter_bounds(*quarter)[0]
    with app.app_context():
        community = db.session.get(Community, getattr(world, community_attr))
        for n in range(count):
            db.session.add(meeting(community, first_day + timedelta(days=n + 1), f"Pertemuan {quarter} {n}"))
        db.session.commit()


def test_a_level_5_agency_whose_meetings_fall_is_flagged_and_a_level_3_one_is_not(app, world):
    _two_years(app, world)
    earlier, later = _quarters(app)
    _meetings_in(app, world, earlier, 4)
    _meetings_in(app, world, later, 1)
    _meetings_in(app, world, earlier, 4, "cop_b")  # agency B falls too, but is level 3: not watched
    with app.test_request_context():
        found = slipping_agencies(local_today())
        assert [item.agency.id for item in found] == [world.agency_a]
        assert "turun dari 4" in found[0].reasons[0] and found[0].total == Decimal("95.5")


def test_the_thresholds_are_settings_and_a_smaller_drop_is_not_flagged(client, login_as, app, world):
    _two_years(app, world)
    earlier, later = _quarters(app)
    _meetings_in(app, world, earlier, 4)
    _meetings_in(app, world, later, 3)  # down 25%: under the default 50%
    login_as("admin")
    assert "Tidak ada perangkat daerah level tinggi" in client.get("/maturity/watch").get_data(as_text=True)
    response = client.post("/maturity/watch/settings", data={
        "min_level": "4", "meeting_drop_percent": "25", "utilisation_drop_points": "10", "overdue_reviews": "3"})
    assert response.status_code == 302
    page = client.get("/maturity/watch").get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "turun dari 4" in page
    refused = client.post("/maturity/watch/settings", data={
        "min_level": "9", "meeting_drop_percent": "25", "utilisation_drop_points": "10", "overdue_reviews": "3"})
    assert refused.status_code == 200 and "Level antara 1 dan 5." in refused.get_data(as_text=True)


def test_the_dashboard_loads_the_panel_as_a_partial_and_links_to_it_without_js(client, login_as, app, world):
    login_as("admin")
    dashboard = client.get("/programme/?year=2025").get_data(as_text=True)
    assert 'hx-get="/maturity/watch"' in dashboard and 'href="/maturity/watch"' in dashboard
    assert dashboard.index("matrix-h") < dashboard.index('id="maturity_watch"') < dashboard.index("trend-h")
    partial = client.get("/maturity/watch", headers=HX)
    assert "<html" not in partial.get_data(as_text=True) and "HX-Request" in partial.headers["Vary"]
    assert "Maturitas berisiko turun" in partial.get_data(as_text=True)
    assert "<html" in client.get("/maturity/watch").get_data(as_text=True)
    login_as_lead = app.test_client()
    from .conftest import sign_in
    sign_in(login_as_lead, "lead.a")
    assert login_as_lead.get("/maturity/watch", headers=HX).status_code == 403
    assert login_as_lead.get("/maturity/watch/settings").status_code == 403


def test_home_tasks_for_lead_assessor_and_admin(client, login_as, app, world):
    with app.test_request_context():
        round_ = open_test_round(world)
        fill(assessment_of(round_, world.agency_b), db.session.get(User, world.lead_b), do_submit=True)
        verified = assessment_of(round_, world.agency_a)
        verified.state = AssessmentState.VERIFIED.value
        db.session.commit()
        verified_id = verified.id
    from .conftest import sign_in
    lead = app.test_client()
    sign_in(lead, "lead.b")
    assert "Penilaian mandiri maturitas" not in lead.get("/").get_data(as_text=True)  # submitted: nothing to do
    with app.app_context():
        db.session.get(MaturityAssessment, verified_id).state = AssessmentState.DRAFT.value
        db.session.commit()
    lead_a = app.test_client()
    sign_in(lead_a, "lead.a")
    home = lead_a.get("/").get_data(as_text=True)
    assert "Penilaian mandiri maturitas 2026 (Dinas Kesehatan)" in home and f"/maturity/assessments/{verified_id}" in home
    login_as("assessor")
    assert "1 penilaian maturitas menunggu verifikasi Anda" in client.get("/").get_data(as_text=True)
    with app.app_context():
        db.session.get(MaturityAssessment, verified_id).state = AssessmentState.VERIFIED.value
        db.session.commit()
    admin = app.test_client()
    sign_in(admin, "admin")
    assert "1 hasil maturitas terverifikasi menunggu diterbitkan" in admin.get("/").get_data(as_text=True)
