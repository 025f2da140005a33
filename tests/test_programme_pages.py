"""The programme pages as users meet them: filters (full page and htmx), agency page, report.
The demo programme's pages (reported numbers, who missed a quarter, Excel) are in test_demo_seed.py."""
import re
from datetime import date, timedelta

from kmapp.extensions import db
from kmapp.models import Community, Meeting

from .conftest import meeting
from .fixtures_programme import meeting_with_asset, published_asset


def test_filter_form_works_as_a_page_and_as_an_htmx_swap(client, login_as, world):
    login_as("admin")
    url = "/programme/?year=2025&quarter=3&kind=dinas"
    full = client.get(url)
    page = full.get_data(as_text=True)
    assert full.status_code == 200 and "<html" in page and 'hx-target="#dashboard_body"' in page
    assert 'hx-push-url="true"' in page and '<option selected value="3">' in page
    fragment = client.get(url, headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and "HX-Request" in fragment.headers["Vary"] and "HX-Request" in full.headers["Vary"]
    assert "Dinas Kesehatan" in body and "Triwulan III 2025: 2 perangkat daerah mengadakan 2 pertemuan" in body
    assert 'href="/programme/export.xlsx?year=2025&amp;quarter=3&amp;kind=dinas' in body
    assert 'role="img"' in body and "<title" in body  # the charts, labelled


def test_unknown_filter_values_fall_back_instead_of_failing(client, login_as, world):
    login_as("admin")
    response = client.get("/programme/?year=1900&quarter=9&kind=planet")
    assert response.status_code == 200
    assert f"Ringkasan {date.today().year}" in response.get_data(as_text=True)


def test_agency_page_shows_cops_history_meetings_assets_and_overdue_reviews(app, client, login_as, world):
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        published_asset(cop_a, db.session.get(Meeting, world.meeting_a), date(2025, 8, 20), title="SOP Posbindu",
                        next_review_on=date.today() - timedelta(days=3))
        published_asset(cop_a, None, date(2025, 8, 20), title="Rahasia CoP", visibility="community",
                        next_review_on=date.today() - timedelta(days=3))
        db.session.commit()
    login_as("facilitator")
    page = client.get(f"/programme/agencies/{world.agency_a}").get_data(as_text=True)
    assert f'href="/cops/{world.cop_a}"' in page and "JAK-HIGH" in page
    assert f'href="/meetings/{world.meeting_a}"' in page and "Berbagi praktik baik" in page
    assert "SOP Posbindu" in page and "<th scope=\"row\">2025</th>" in page
    assert "Tinjauan aset yang terlambat" in page and "Rahasia CoP" in page  # facilitator of this CoP
    client.post("/logout")
    login_as("lead_b")
    assert client.get(f"/programme/agencies/{world.agency_a}").status_code == 404


def test_report_page_is_for_print_with_the_quarter_and_who_missed_it(client, login_as, world):
    login_as("admin")
    page = client.get("/programme/report?year=2025&quarter=3").get_data(as_text=True)
    assert "Laporan Program Manajemen Pengetahuan — Triwulan III 2025" in page
    assert "Perangkat daerah yang belum memenuhi target" in page and "Dinas Pendidikan" in page
    assert "data-print" in page and 'class="row no-print"' in page
    stylesheet = client.get("/static/app.css")
    assert "@page { size: A4; margin: 15mm; }" in stylesheet.get_data(as_text=True)
    stylesheet.close()


def _dashboard_page(client, url):
    from bs4 import BeautifulSoup
    return BeautifulSoup(client.get(url).data, "html.parser")


def test_the_dashboard_says_in_words_what_is_missing(app, client, login_as, world):
    """Issue 12.7: no coded "✗ 1·1·0" cells; the agencies behind are a table with what is
    missing, their CoP lead and their last meeting; utilisation is marked against 50 %."""
    with app.app_context():
        cop_a = db.session.get(Community, world.cop_a)
        published_asset(cop_a, db.session.get(Meeting, world.meeting_a), date(2025, 8, 20))  # agency A meets Q3
        db.session.commit()
    login_as("admin")
    page = _dashboard_page(client, "/programme/?year=2025&quarter=3")
    matrix = page.find("table", class_="matrix")
    assert not re.search(r"\d·\d·\d", matrix.get_text())
    row_b = matrix.find("a", string="Dinas Pendidikan").find_parent("tr")
    q3 = row_b.find_all("td")[2]
    assert q3.get_text(" ", strip=True) == "✗ Tidak tercapai: kurang 1 aset"  # the status word for screen readers
    assert q3.find(class_="sr-only").get_text() == "Tidak tercapai: "
    assert "target: 1 pertemuan, 1 aset" in matrix.find("thead").get_text()
    utilisation = row_b.find_all("td")[-1]
    assert "u-below" in utilisation["class"] and "di bawah target" in utilisation.get_text()  # not by colour alone
    behind = page.find("table", class_="behind")
    assert [th.get_text() for th in behind.find("thead").find_all("th")] == [
        "Perangkat daerah", "Yang kurang", "Ketua CoP", "Pertemuan terakhir"]
    assert [td.get_text(" ", strip=True) for td in behind.find("tbody").find("tr").find_all(["th", "td"])] == [
        "Dinas Pendidikan", "kurang 1 aset", "Lead.B", "2 Sep 2025"]
    assert page.find("p", class_="behind") is None  # no more comma-separated paragraph


def test_after_the_triwulan_iv_rule_the_words_say_assets_from_meetings(app, client, login_as, world):
    with app.app_context():
        cop_b = db.session.get(Community, world.cop_b)
        db.session.add(meeting(cop_b, date(2025, 11, 3), "Tanpa aset"))
        db.session.commit()
    login_as("admin")
    page = _dashboard_page(client, "/programme/?year=2025")
    behind = page.find("table", class_="behind")
    row_b = behind.find("a", string="Dinas Pendidikan").find_parent("tr")
    assert "TW IV: kurang 1 aset dari pertemuan" in row_b.get_text()
    assert "TW III: kurang 1 aset" in row_b.get_text()
