"""The programme guide: admins write versioned Markdown pages, everyone reads them; the work plan
shows the dashboard's own targets; yearly review; printable."""
from datetime import date

from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import GuidePage, QuarterTarget
from kmapp.programme.targets import Target, save_target

from .fixtures_assets import act_as  # noqa: F401  (fixture)


def page_fields(**overrides) -> dict:
    fields = {"title": "Peran & Wewenang Pendamping", "section": "roles", "position": "10",
              "body": "## Pendamping\n\n- Mendampingi pertemuan\n\nLihat [SOP](/assets/1).", "change_note": ""}
    fields.update(overrides)
    return fields


def test_admins_write_pages_and_every_edit_is_a_version(app, client, act_as, world):
    act_as("admin")
    created = client.post("/guide/new", data=page_fields())
    assert created.status_code == 302 and created.headers["Location"].endswith("/guide/peran-wewenang-pendamping")
    client.post("/guide/peran-wewenang-pendamping/edit",
                data=page_fields(body="## Pendamping\n\nBerubah.", change_note="Perbaikan"))
    act_as("employee")
    page = client.get("/guide/peran-wewenang-pendamping").get_data(as_text=True)
    assert "<h2>Pendamping</h2>" in page and "Berubah." in page and "Versi 2" in page
    history = client.get("/guide/peran-wewenang-pendamping/history").get_data(as_text=True)
    assert "Perbaikan" in history
    first = client.get("/guide/peran-wewenang-pendamping/versions/1").get_data(as_text=True)
    assert "Mendampingi pertemuan" in first and 'href="/assets/1"' in first
    assert client.get("/guide/peran-wewenang-pendamping/versions/9").status_code == 404


def test_only_admins_edit_and_unsafe_markdown_is_neutralised(app, client, act_as, world):
    act_as("admin")
    client.post("/guide/new", data=page_fields(title="Modul", body="<script>alert(1)</script>[x](javascript:alert(1))"))
    for who in ("lead_a", "employee", "facilitator"):
        act_as(who)
        assert client.get("/guide/new").status_code == 403
        assert client.post("/guide/modul/edit", data=page_fields()).status_code == 403
        assert client.post("/guide/modul/review").status_code == 403
    article = BeautifulSoup(client.get("/guide/modul").data, "html.parser").find("article")
    assert article.find("script") is None and "<script>alert(1)</script>" in article.get_text()
    assert not [a for a in article.find_all("a") if "javascript" in a.get("href", "")]


def test_a_rejected_edit_keeps_the_text(app, client, act_as, world):
    act_as("admin")
    response = client.post("/guide/new", data=page_fields(title="", body="Isi yang panjang dan berharga."))
    assert response.status_code == 422
    form = BeautifulSoup(response.data, "html.parser")
    assert form.find("textarea").get_text().strip() == "Isi yang panjang dan berharga."
    assert "Tulis judul halaman." in response.get_data(as_text=True)


def test_the_work_plan_shows_the_dashboards_targets(app, client, act_as, world):
    with app.app_context():
        save_target(2027, 2, None, Target(min_meetings=3, min_assets=4, min_accompanied=2))
        db.session.commit()
    act_as("admin")
    client.post("/guide/new", data=page_fields(title="Rencana kerja", section="plan", body="Tujuan tahun ini."))
    page = client.get("/guide/rencana-kerja?year=2027")
    table = BeautifulSoup(page.data, "html.parser").find(id="work_plan").find("table")
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])] for row in table.tbody.find_all("tr")]
    assert rows[1][0] == "Triwulan II 2027" and rows[1][2:] == ["3", "2", "4 dari pertemuan"]
    assert "50%" in page.get_data(as_text=True)
    with app.app_context():  # changed on the targets page: the plan follows, nothing typed twice
        row = db.session.scalar(select(QuarterTarget).where(QuarterTarget.year == 2027, QuarterTarget.quarter == 2))
        row.min_meetings = 5
        db.session.commit()
    table = BeautifulSoup(client.get("/guide/rencana-kerja?year=2027").data, "html.parser").find(id="work_plan")
    assert table.find("tbody").find_all("tr")[1].find_all("td")[1].get_text() == "5"


def test_pages_past_their_yearly_review_are_flagged_until_reviewed(app, client, act_as, world):
    act_as("admin")
    client.post("/guide/new", data=page_fields(title="Modul lama"))
    with app.app_context():
        page = db.session.scalar(select(GuidePage).where(GuidePage.slug == "modul-lama"))
        page.next_review_on = date(2020, 1, 1)
        db.session.commit()
    assert "perlu ditinjau" in client.get("/guide").get_data(as_text=True)
    assert "Modul lama" in client.get("/").get_data(as_text=True)  # the admin's task list
    assert client.post("/guide/modul-lama/review").status_code == 302
    with app.app_context():
        page = db.session.scalar(select(GuidePage).where(GuidePage.slug == "modul-lama"))
        assert page.next_review_on > date.today()
    assert "perlu ditinjau" not in client.get("/guide").get_data(as_text=True)


def test_the_whole_guide_prints_as_one_document(app, client, act_as, world):
    act_as("admin")
    client.post("/guide/new", data=page_fields(title="Rencana kerja", section="plan", body="Rencana."))
    client.post("/guide/new", data=page_fields(title="Modul satu", section="module", body="Langkah satu."))
    page = client.get("/guide/print").get_data(as_text=True)
    assert page.index("Rencana kerja") < page.index("Modul satu") and 'id="work_plan"' in page
    assert "Langkah satu." in page
