"""CoP list and page, the attendee look-up, and the weight of the partials."""
import gzip
from datetime import date

import pytest
from bs4 import BeautifulSoup

from kmapp.extensions import db
from kmapp.models import Asset, Community, QuarterTarget, Role

from .conftest import meeting, user
from .fixtures_communities import HX, is_fragment, jakarta_today, sign_in_as


def _asset(community_id, title, *, status="published", meeting_id=None, published_on=None, next_review_on=None,
           visibility="all"):
    return Asset(community_id=community_id, meeting_id=meeting_id, title=title, asset_type="sop",
                 km_stage="creation", status=status, visibility=visibility, published_on=published_on,
                 next_review_on=next_review_on)


def test_cop_list_groups_by_agency_and_filters_in_both_shapes(client, world, login_as):
    login_as("employee")
    page = BeautifulSoup(client.get("/cops").data, "html.parser")
    groups = [section.find("h2").get_text() for section in page.select("#cop_list .agency-group")]
    assert groups == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert page.find("a", string="Komunitas")["href"] == "/cops"   # the menu entry
    filtered = client.get("/cops?q=guru", headers=HX)
    assert is_fragment(filtered)
    text = filtered.get_data(as_text=True)
    assert "Guru Berbagi" in text and "JAK-HIGH" not in text
    assert "Tidak ada komunitas yang cocok" in client.get("/cops?q=zzz").get_data(as_text=True)


def test_cop_page_shows_people_timeline_by_year_and_quarter(app, client, world, login_as):
    with app.app_context():
        cop = db.session.get(Community, world.cop_a)
        db.session.add_all([meeting(cop, date(2025, 3, 31), "Akhir TW I"), meeting(cop, date(2025, 4, 1), "Awal TW II"),
                            meeting(cop, date(2024, 12, 31), "Tutup tahun")])
        db.session.commit()
    login_as("employee")
    page = BeautifulSoup(client.get(f"/cops/{world.cop_a}").data, "html.parser")
    people = page.find("dl", class_="people").get_text()
    assert "Lead.A" in people and "Fasilitator" in people
    timeline = page.find(id="meeting_timeline")
    # Years run to the current one: quarters without a meeting are listed too (a missed one shows).
    this_year = jakarta_today(app).year
    assert [h.get_text() for h in timeline.find_all("h3")] == [str(y) for y in range(this_year, 2023, -1)]
    quarters = [s.find("h4").contents[0].strip() for s in timeline.find_all("section") if s.find("li")]
    assert quarters == ["Triwulan III 2025", "Triwulan II 2025", "Triwulan I 2025", "Triwulan IV 2024"]
    q3 = timeline.find("section", attrs={"aria-label": "Triwulan II 2025"})
    assert "Awal TW II" in q3.get_text() and "Akhir TW I" not in q3.get_text()
    assert page.find(string="Catat pertemuan") is None and timeline.find(string="Ubah") is None  # not a lead
    # The htmx shape of the same URL is only the timeline.
    fragment = client.get(f"/cops/{world.cop_a}", headers=HX)
    assert is_fragment(fragment) and b"Awal TW II" in fragment.data and b"Orang-orang" not in fragment.data


def test_cop_page_numbers_for_the_current_quarter(app, client, world, login_as):
    today = jakarta_today(app)
    with app.app_context():
        cop = db.session.get(Community, world.cop_a)
        held = meeting(cop, today, "Hari ini")
        db.session.add(held)
        db.session.add(QuarterTarget(year=today.year, quarter=(today.month - 1) // 3 + 1, min_meetings=1,
                                     min_assets=1, min_accompanied=1))
        db.session.commit()
        held_id = held.id
    login_as("lead_a")
    figures = BeautifulSoup(client.get(f"/cops/{world.cop_a}").data, "html.parser").find(id="cop_figures")
    rows = {tr.find("td").get_text(): [td.get_text() for td in tr.find_all("td")[1:]] for tr in figures.select("tbody tr")}
    assert rows == {"Pertemuan": ["1", "1"], "Pertemuan didampingi": ["0", "1"], "Aset dari pertemuan": ["0", "1"]}
    assert "Sedang berjalan" in figures.get_text()
    with app.app_context():
        from kmapp.models import Meeting
        db.session.get(Meeting, held_id).accompanied_at = db.func.now()
        db.session.add(_asset(world.cop_a, "SOP baru", meeting_id=held_id, published_on=today))
        db.session.commit()
    figures = BeautifulSoup(client.get(f"/cops/{world.cop_a}").data, "html.parser").find(id="cop_figures")
    assert "Target tercapai" in figures.get_text()


def test_cop_page_assets_respect_visibility_and_flag_overdue_reviews(app, client, world, login_as):
    with app.app_context():
        db.session.add_all([
            _asset(world.cop_a, "SOP terbit", meeting_id=world.meeting_a, published_on=date(2025, 8, 20),
                   next_review_on=date(2020, 1, 1)),
            _asset(world.cop_a, "Draf panduan", status="draft"),
            _asset(world.cop_a, "Hanya untuk Dinkes", published_on=date(2025, 8, 21), visibility="agency"),
            _asset(world.cop_b, "Aset CoP lain", published_on=date(2025, 8, 21)),
        ])
        db.session.commit()
    login_as("employee")   # another agency
    assets = BeautifulSoup(client.get(f"/cops/{world.cop_a}").data, "html.parser").find(id="cop_assets_list")
    assert [a.get_text() for a in assets.find_all("a")] == ["SOP terbit"]
    assert "Lewat jadwal tinjau" not in assets.get_text()  # the alarm is for those who can act (issue 12.3)
    assert "SOP" in assets.get_text()   # the type label
    sign_in_as(client, login_as, "lead_a")
    page = BeautifulSoup(client.get(f"/cops/{world.cop_a}").data, "html.parser")
    titles = {a.get_text() for a in page.find(id="cop_assets_list").find_all("a")}
    assert titles == {"SOP terbit", "Draf panduan", "Hanya untuk Dinkes"}
    assert "Draf" in page.find(id="cop_assets_list").get_text()
    assert "Lewat jadwal tinjau" in page.find(id="cop_assets_list").get_text()  # the lead can review it
    assert "1 aset" in page.find(id=f"meeting-{world.meeting_a}").get_text()


# --- the attendee look-up ------------------------------------------------------------------

@pytest.fixture
def people(app, world):
    with app.app_context():
        agency = db.session.get(Community, world.cop_a).agency
        for index in range(12):
            user(f"sari {index:02d}", agency, Role.EMPLOYEE, nip=f"1990010120150320{index:02d}")
        user("sari zulfa", db.session.get(Community, world.cop_b).agency, Role.EMPLOYEE)
        gone = user("sari pensiun", agency, Role.EMPLOYEE, nip="199001012015031099")
        gone.active = False
        db.session.commit()


def test_lookup_finds_active_people_by_nip_prefix_or_name_in_both_shapes(client, world, login_as, people):
    login_as("lead_a")
    picker = client.get("/people/lookup?q=19900101201503", headers=HX)
    assert is_fragment(picker)
    found = BeautifulSoup(picker.data, "html.parser")
    buttons = found.select("button[data-add-attendee]")
    assert len(buttons) == 10 and "Hanya 10 hasil pertama" in found.get_text()
    chip = found.find("template").find("input")
    assert chip["name"] == "attendees" and chip["value"] == buttons[0]["data-add-attendee"]
    assert "Pensiun" not in found.get_text()

    by_name = client.get("/people/lookup?q=ARI 1", headers=HX).get_data(as_text=True)
    assert "Sari 10" in by_name and "Sari 11" in by_name and "Sari 01" not in by_name
    assert "Tidak ada pegawai aktif" in client.get("/people/lookup?q=pensiun", headers=HX).get_data(as_text=True)
    assert "minimal 2" in client.get("/people/lookup?q=s", headers=HX).get_data(as_text=True)
    # Asked from a CoP's form, that CoP's own agency comes first.
    assert "Sari Zulfa" not in client.get("/people/lookup?q=sari", headers=HX).get_data(as_text=True)
    ranked = BeautifulSoup(client.get(f"/people/lookup?q=sari&cop={world.cop_b}", headers=HX).data, "html.parser")
    assert ranked.find("li").get_text().split("·")[0].strip().endswith("Sari Zulfa")

    page = client.get("/people/lookup?q=sari 03")   # without JavaScript: a page to copy the NIP from
    assert b"<html" in page.data and b"199001012015032003" in page.data and b"data-add-attendee" not in page.data


@pytest.mark.parametrize("who", ["employee", "facilitator"])
def test_lookup_is_for_leads_and_admins_only(client, world, login_as, who):
    login_as(who)
    assert client.get("/people/lookup?q=sari").status_code == 403


def test_lookup_treats_like_wildcards_as_text(client, world, login_as, people):
    login_as("admin")
    assert "Tidak ada pegawai aktif" in client.get("/people/lookup?q=%25%25", headers=HX).get_data(as_text=True)


# --- weight on the wire --------------------------------------------------------------------

def test_partials_are_small_when_compressed(client, world, login_as, people):
    login_as("lead_a")
    gzip_hx = {**HX, "Accept-Encoding": "gzip"}
    for url in (f"/cops/{world.cop_a}", f"/cops/{world.cop_a}/meetings/new", "/people/lookup?q=sari",
                f"/meetings/{world.meeting_a}/edit"):
        response = client.get(url, headers=gzip_hx)
        body = gzip.decompress(response.data) if response.headers.get("Content-Encoding") == "gzip" else response.data
        assert b"<html" not in body and len(response.data) < 10 * 1024, url
    full = client.get(f"/cops/{world.cop_a}", headers={"Accept-Encoding": "gzip"})
    assert full.headers["Content-Encoding"] == "gzip" and len(full.data) < 50 * 1024


# --- issue 12.3: the CoP page warns near the deadline, marks missed quarters, guides a new CoP ---

def _cop_page_on(client, monkeypatch, cop_id, day: date):
    monkeypatch.setattr("kmapp.communities.routes.local_today", lambda: day)
    return BeautifulSoup(client.get(f"/cops/{cop_id}").data, "html.parser")


def test_the_quarter_status_turns_to_a_warning_near_the_deadline(client, world, login_as, monkeypatch):
    login_as("lead_a")
    calm = _cop_page_on(client, monkeypatch, world.cop_a, date(2026, 10, 20)).find(id="cop_figures")
    assert calm.find(class_="badge-warn") is None and "Sedang berjalan" in calm.get_text()
    assert "berakhir 31 Des (72 hari lagi): kurang 1 pertemuan, 1 aset dari pertemuan" in calm.get_text()
    near = _cop_page_on(client, monkeypatch, world.cop_a, date(2026, 12, 10)).find(id="cop_figures")
    warning = near.find(class_="badge-warn")
    assert warning is not None and "segera berakhir" in warning.get_text()
    assert "(21 hari lagi): kurang 1 pertemuan, 1 aset dari pertemuan" in near.find(class_="s-warn").get_text()


def test_the_timeline_marks_the_quarters_whose_target_was_missed(client, world, login_as, monkeypatch):
    login_as("employee")
    timeline = _cop_page_on(client, monkeypatch, world.cop_a, date(2026, 2, 10)).find(id="meeting_timeline")
    sections = {s["aria-label"]: s for s in timeline.find_all("section")}
    assert list(sections) == ["Triwulan I 2026", "Triwulan IV 2025", "Triwulan III 2025"]
    q3 = sections["Triwulan III 2025"]  # a meeting, but no asset came out of it
    assert "Berbagi praktik baik" in q3.get_text() and q3.find(class_="badge-bad").get_text() == "✗ Target tidak tercapai"
    assert "Target perangkat daerah triwulan ini tidak tercapai: kurang 1 aset." in q3.get_text()
    q4 = sections["Triwulan IV 2025"]  # no meeting at all: listed so that the miss shows
    assert "Tidak ada pertemuan." in q4.get_text() and "kurang 1 pertemuan, 1 aset dari pertemuan" in q4.get_text()
    assert sections["Triwulan I 2026"].find(class_="badge-bad") is None  # still running


def test_a_new_cops_empty_quarter_says_what_to_do_first(app, client, world, login_as):
    with app.app_context():
        from kmapp.models import Agency, CommunityMember, MemberRole, User
        agency, lead = db.session.get(Agency, world.agency_a), db.session.get(User, world.lead_a)
        new = Community(agency_id=agency.id, name="CoP Baru")
        db.session.add(new)
        new.members.append(CommunityMember(user=lead, role=MemberRole.LEAD))
        db.session.commit()
        new_id = new.id
    login_as("lead_a")
    timeline = BeautifulSoup(client.get(f"/cops/{new_id}").data, "html.parser").find(id="meeting_timeline")
    steps = timeline.find("p", class_="first-steps")
    assert steps.get_text().startswith("Komunitas ini belum mencatat pertemuan. Langkah pertama: catat pertemuan")
    assert "Target triwulan ini: 1 pertemuan, 1 aset." in steps.get_text()
    assert steps.find("a", string="Catat pertemuan")["href"] == f"/cops/{new_id}/meetings/new"
    sign_in_as(client, login_as, "employee")
    timeline = BeautifulSoup(client.get(f"/cops/{new_id}").data, "html.parser").find(id="meeting_timeline")
    assert timeline.find("p", class_="first-steps") is None and "Belum ada pertemuan pada triwulan ini." in timeline.get_text()
