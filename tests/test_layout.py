"""The shell around every page: the header and its menu, dates, wording, quarter names, tables."""
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kmapp.extensions import db
from kmapp.models import Asset

from .fixtures_communities import HX

ROOT = Path(__file__).resolve().parent.parent


def _page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.data, "html.parser")


def _marked(page: BeautifulSoup) -> list[tuple[str, str]]:
    nav = page.find("nav", class_="nav")
    return [(link.get_text(strip=True), link["aria-current"]) for link in nav.find_all("a", attrs={"aria-current": True})]


def _english(client) -> None:
    client.post("/language", data={"lang": "en", "back": "/"})


def test_menu_marks_the_current_page_and_its_section(client, world, login_as):
    login_as("lead_a")
    assert _marked(_page(client, "/")) == [("Beranda", "page")]
    assert _marked(_page(client, "/cops")) == [("Komunitas", "page")]
    assert _marked(_page(client, f"/cops/{world.cop_a}")) == [("Komunitas", "true")]  # a page of the section
    assert _marked(_page(client, f"/meetings/{world.meeting_a}")) == [("Komunitas", "true")]
    assert _marked(_page(client, f"/programme/agencies/{world.agency_a}")) == [("Capaian perangkat daerah", "true")]
    assert _marked(_page(client, "/search?q=sop")) == []  # the header's search box, not a menu entry


def test_admin_menu_marks_the_dashboard_section_and_the_users_page(client, world, login_as):
    login_as("admin")
    assert _marked(_page(client, "/programme/report?year=2025&quarter=3")) == [("Dasbor program", "true")]
    assert _marked(_page(client, "/admin/users")) == [("Pengguna", "page")]


@pytest.mark.parametrize("who", ["admin", "lead_a", "employee"])
def test_menu_labels_are_in_sentence_case_in_both_languages(client, world, login_as, who):
    login_as(who)
    for language in ("id", "en"):
        client.post("/language", data={"lang": language, "back": "/"})
        nav = _page(client, "/").find("nav", class_="nav")
        labels = [link.get_text(strip=True) for link in nav.find_all("a", recursive=False)]
        assert len(labels) >= 2, labels
        for label in labels:
            later_words = label.split()[1:]
            assert label[0].isupper() and not [w for w in later_words if w[0].isupper() and not w.isupper()], label


def test_header_names_the_portal_and_bpsdm_with_a_menu_control(client, world, login_as):
    signed_out = _page(client, "/login").find("a", class_="brand")
    assert signed_out.get_text(" ", strip=True) == "Portal KM BPSDM Provinsi DKI Jakarta"
    assert signed_out.find("svg")["aria-hidden"] == "true" and not signed_out.find("img")  # our own mark, no emblem
    login_as("employee")
    page = _page(client, "/")
    toggle = page.find("input", id="menu-toggle")
    assert toggle["type"] == "checkbox" and toggle["aria-controls"] == "main-nav"
    assert page.find("label", attrs={"for": "menu-toggle"}).get_text(strip=True) == "Menu"
    _english(client)
    assert _page(client, "/").find("a", class_="brand").get_text(" ", strip=True) == "KM Portal BPSDM DKI Jakarta"


def _asset_of_meeting_a(app, world) -> int:
    with app.app_context():
        asset = Asset(community_id=world.cop_a, meeting_id=world.meeting_a, title="SOP rujukan", asset_type="sop",
                      km_stage="creation", published_on=date(2025, 8, 20), next_review_on=date(2026, 8, 20))
        db.session.add(asset)
        db.session.commit()
        return asset.id


def test_lists_use_the_short_date_and_detail_pages_the_long_one(app, client, world, login_as):
    asset_id = _asset_of_meeting_a(app, world)
    login_as("lead_a")
    agency = _page(client, f"/programme/agencies/{world.agency_a}").get_text(" ")
    assert "14 Agu 2025" in agency and "20 Agu 2025" in agency and "14-08-2025" not in agency
    assert "14 Agu 2025" in _page(client, f"/cops/{world.cop_a}").get_text(" ")
    meeting = _page(client, f"/meetings/{world.meeting_a}").find("dl", class_="facts").get_text(" ")
    assert "Kamis, 14 Agustus 2025" in meeting
    asset = _page(client, f"/assets/{asset_id}").find("dl", class_="meta").get_text(" ")
    assert "20 Agustus 2025" in asset and "14 Agustus 2025" in asset and "20 Agu 2025" not in asset


def test_dates_read_day_month_year_in_english_too(app, client, world, login_as):
    asset_id = _asset_of_meeting_a(app, world)
    login_as("lead_a")
    _english(client)
    agency = _page(client, f"/programme/agencies/{world.agency_a}").get_text(" ")
    assert "14 Aug 2025" in agency and "Aug 14, 2025" not in agency
    assert "Thursday, 14 August 2025" in _page(client, f"/meetings/{world.meeting_a}").get_text(" ")
    assert "20 August 2025" in _page(client, f"/assets/{asset_id}").find("dl", class_="meta").get_text(" ")
    options = _page(client, f"/assets/new?cop={world.cop_a}").find("select", id="meeting").find_all("option")
    assert any(option.get_text().startswith("14 Aug 2025 — ") for option in options)


@pytest.fixture
def failing_route(app):
    """A page that breaks, as an unexpected bug would (the app answers 500 instead of raising)."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken():
        raise RuntimeError("a bug")
    app.add_url_rule("/test-broken", "test_broken", broken)
    return "/test-broken"


def test_server_error_page_says_it_was_logged_for_pusdatin(client, world, login_as, failing_route):
    login_as("employee")
    response = client.get(failing_route)
    assert response.status_code == 500
    text = BeautifulSoup(response.data, "html.parser").find(id="content").get_text(" ", strip=True)
    assert "Kesalahan ini sudah dicatat dan akan ditangani tim Pusdatin; silakan coba lagi." in text
    fragment = client.get(failing_route, headers=HX)
    assert fragment.status_code == 500 and b"<html" not in fragment.data and b"tim Pusdatin" in fragment.data
    _english(client)
    english = client.get(failing_route).get_data(as_text=True)
    assert "This error has been logged and will be handled by the Pusdatin team; please try again." in english


def test_quarters_are_translated_in_dropdowns_and_charts(client, world, login_as):
    login_as("admin")
    _english(client)
    for url in ("/programme/?year=2025", "/programme/report?year=2025&quarter=3", "/programme/targets?year=2025"):
        page = _page(client, url)
        options = [option.get_text(strip=True) for option in page.find("select", attrs={"name": "quarter"}).find_all("option")]
        assert [o for o in options if o.startswith("Quarter")] == ["Quarter I", "Quarter II", "Quarter III", "Quarter IV"], url
        assert "Triwulan" not in page.get_text(" ") and " TW " not in page.get_text(" "), url
    chart = _page(client, "/programme/?year=2025").find("svg", attrs={"aria-labelledby": "trend-title"})
    assert [label.get_text() for label in chart.find_all("text", attrs={"font-weight": "600"})] == ["Q I", "Q II", "Q III", "Q IV"]


def test_meeting_form_shows_the_quarter_of_the_date_in_the_page_language(client, world, login_as):
    login_as("lead_a")
    _english(client)
    output = _page(client, f"/cops/{world.cop_a}/meetings/new").find("output", id="held_on_quarter")
    assert output["data-pattern"] == "Quarter {q} {year}"


def test_employees_read_about_asset_use_not_only_utilisation(client, world, login_as):
    login_as("employee")
    page = _page(client, f"/programme/agencies/{world.agency_b}").get_text(" ")
    assert "Pemanfaatan aset (utilisasi)" in page
    assert "Utilisasi" not in page.replace("(utilisasi)", "")


def test_every_table_scrolls_inside_its_own_wrapper():
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for found in re.finditer(r"<table\b", text):
            before = text[:found.start()].rstrip()
            assert before.endswith('<div class="table-scroll">'), f"{template.relative_to(ROOT)}: a table outside .table-scroll"


def test_no_inline_styles_the_content_security_policy_would_refuse():
    for template in (ROOT / "templates").rglob("*.html"):
        assert not re.search(r"\sstyle=|<style", template.read_text(encoding="utf-8")), template
    script = (ROOT / "static/app.js").read_text(encoding="utf-8")
    assert not re.search(r"\.style\b|setAttribute\(\s*[\"']style|cssText|insertRule", script)
