"""Who may see the dashboard and agency pages, and who may set targets (audited)."""
import json

import pytest
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import AuditLog, QuarterTarget

PROGRAMME_PAGES = ["/programme/", "/programme/report?year=2025&quarter=3", "/programme/export.csv",
                   "/programme/export.xlsx"]


@pytest.mark.parametrize("who", ["employee", "lead_a"])
def test_other_users_are_refused_the_programme_pages(client, login_as, who):
    login_as(who)
    for url in PROGRAMME_PAGES + ["/programme/targets"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/programme/targets/defaults/3?year=2025", data={
        "q3-min_meetings": 5, "q3-min_assets": 5, "q3-min_accompanied": 5}).status_code == 403
    assert "Dasbor program" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("who", ["facilitator", "assessor"])
def test_facilitators_and_assessors_read_the_dashboard_but_cannot_set_targets(app, client, login_as, who):
    login_as(who)
    for url in PROGRAMME_PAGES:
        assert client.get(url).status_code == 200, url
    home = client.get("/").get_data(as_text=True)
    assert 'href="/programme/"' in home and "Dasbor program" in home
    assert "Atur target" not in client.get("/programme/").get_data(as_text=True)
    assert client.get("/programme/targets").status_code == 403
    response = client.post("/programme/targets/defaults/3?year=2025", data={
        "q3-min_meetings": 5, "q3-min_assets": 5, "q3-min_accompanied": 5})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(QuarterTarget)) is None


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/programme/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_agency_pages_programme_viewers_any_others_only_their_own(client, login_as, world):
    login_as("employee")  # works at agency B
    assert client.get(f"/programme/agencies/{world.agency_b}").status_code == 200
    assert client.get(f"/programme/agencies/{world.agency_a}").status_code == 404
    assert client.get("/programme/agencies/mine").headers["Location"].endswith(f"/programme/agencies/{world.agency_b}")
    assert "Capaian perangkat daerah" in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login_as("facilitator")  # no agency of its own, but a programme viewer
    assert client.get(f"/programme/agencies/{world.agency_a}").status_code == 200
    assert client.get(f"/programme/agencies/{world.agency_b}").status_code == 200
    assert client.get("/programme/agencies/mine").status_code == 404
    assert client.get("/programme/agencies/9999").status_code == 404


def test_admin_sets_a_default_target_and_the_change_is_audited(app, client, login_as, world):
    login_as("admin")
    page = client.get("/programme/targets?year=2025").get_data(as_text=True)
    assert 'name="q3-min_meetings"' in page
    response = client.post("/programme/targets/defaults/3?year=2025", data={
        "q3-min_meetings": "2", "q3-min_accompanied": "1", "q3-min_assets": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/programme/targets?year=2025")
    again = client.post("/programme/targets/defaults/3?year=2025", data={
        "q3-min_meetings": "2", "q3-min_accompanied": "1", "q3-min_assets": "1"}, follow_redirects=True)
    assert "Tidak ada perubahan" in again.get_data(as_text=True)
    with app.app_context():
        target = db.session.scalar(select(QuarterTarget))
        assert (target.year, target.quarter, target.agency_id, target.min_meetings, target.min_accompanied) == \
            (2025, 3, None, 2, 1)
        logs = db.session.scalars(select(AuditLog).where(AuditLog.entity_type == "quarter_target")).all()
        assert [log.action for log in logs] == ["quarter_target.created"]  # unchanged values: no noise
        assert json.loads(logs[0].after)["min_meetings"] == 2 and logs[0].actor_id == world.admin


def test_admin_overrides_one_agency_and_removes_the_override(app, client, login_as, world):
    login_as("admin")
    data = {"agency_id": world.agency_a, "quarter": "3", "min_meetings": "4", "min_accompanied": "2",
            "min_assets": "1"}
    assert client.post("/programme/targets/overrides?year=2025", data=data).status_code == 302
    data["min_meetings"] = "3"
    client.post("/programme/targets/overrides?year=2025", data=data)
    matrix = client.get("/programme/?year=2025").get_data(as_text=True)
    assert "(target khusus: 3 pertemuan, 2 didampingi, 1 aset)" in matrix  # in words (issue 12.7)
    with app.app_context():
        row = db.session.scalar(select(QuarterTarget))
        row_id = row.id
        assert (row.agency_id, row.min_meetings) == (world.agency_a, 3)
    assert client.post(f"/programme/targets/overrides/{row_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(QuarterTarget)) is None
        actions = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id)).all()
        assert actions[-3:] == ["quarter_target.created", "quarter_target.updated", "quarter_target.deleted"]
        update = db.session.scalars(select(AuditLog).where(AuditLog.action == "quarter_target.updated")).one()
        assert json.loads(update.before)["min_meetings"] == 4 and json.loads(update.after)["min_meetings"] == 3


def test_an_invalid_target_is_shown_again_with_the_input_kept(app, client, login_as):
    login_as("admin")
    response = client.post("/programme/targets/defaults/2?year=2025", data={
        "q2-min_meetings": "-1", "q2-min_accompanied": "", "q2-min_assets": "7"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Isi angka 0 sampai 99." in page and "Wajib diisi." in page
    assert 'value="7"' in page  # the defaults are 1 and 0: this is the user's input
    with app.app_context():
        assert db.session.scalar(select(QuarterTarget)) is None
        assert db.session.scalar(select(AuditLog).where(AuditLog.entity_type == "quarter_target")) is None
    assert client.post("/programme/targets/defaults/5?year=2025", data={}).status_code == 404


def _selected_values(html: str, form_action: str) -> dict:
    """What a browser sends for a form left untouched: each field's current value."""
    from bs4 import BeautifulSoup
    form = BeautifulSoup(html, "html.parser").find("form", action=form_action)
    values = {}
    for select_ in form.find_all("select"):
        chosen = select_.find("option", selected=True) or select_.find("option")
        values[select_["name"]] = chosen.get("value", chosen.get_text())
    for field in form.find_all("input"):
        if field.get("name"):
            values[field["name"]] = field.get("value", "")
    return values


def test_the_override_form_starts_unchosen_and_refuses_to_save_untouched(app, client, login_as, world):
    """Issue 12.8: it used to start on the first agency, so "Simpan" set a target for it by accident."""
    login_as("admin")
    page = client.get("/programme/targets?year=2025").get_data(as_text=True)
    untouched = _selected_values(page, "/programme/targets/overrides?year=2025")
    assert untouched["agency_id"] == "" and untouched["quarter"] == ""
    assert "— pilih perangkat daerah —" in page
    response = client.post("/programme/targets/overrides?year=2025", data=untouched)
    assert response.status_code == 200
    assert "Pilih perangkat daerah." in response.get_data(as_text=True)
    assert "Pilih triwulan." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(QuarterTarget)) is None


def test_accompanied_meetings_cannot_exceed_meetings(app, client, login_as, world):
    login_as("admin")
    response = client.post("/programme/targets/defaults/3?year=2025", data={
        "q3-min_meetings": "1", "q3-min_accompanied": "2", "q3-min_assets": "1"})
    assert response.status_code == 200
    assert "Pertemuan didampingi tidak boleh lebih banyak dari pertemuan minimal." in response.get_data(as_text=True)
    response = client.post("/programme/targets/overrides?year=2025", data={
        "agency_id": str(world.agency_a), "quarter": "4", "min_meetings": "0", "min_accompanied": "1",
        "min_assets": "1"})
    assert "Pertemuan didampingi tidak boleh lebih banyak" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(QuarterTarget)) is None
    assert client.post("/programme/targets/defaults/3?year=2025", data={
        "q3-min_meetings": "2", "q3-min_accompanied": "2", "q3-min_assets": "1"}).status_code == 302  # equal is fine
