"""With JavaScript off (old browsers, strict policies, a script that failed to load) the basics still work."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import first_link, sign_in, skip_unless_served


@pytest.fixture
def page(new_page):
    return new_page(java_script_enabled=False)


def test_sign_in_search_people_and_sign_out_without_javascript(page):
    sign_in(page, "admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Selamat datang, Admin Pusdatin BPSDM")
    page.get_by_role("link", name="Pengguna").click()
    page.get_by_label("Cari nama, NIP atau nama pengguna").fill("lead.dinkes")
    page.get_by_label("Cari nama, NIP atau nama pengguna").press("Enter")  # a plain GET form
    expect(page).to_have_url(re.compile(r"/admin/users\?q=lead\.dinkes$"))
    expect(page.locator("#user_list tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Keluar").click()  # a plain POST form
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()


def test_search_with_a_facet_and_download_an_asset_without_javascript(page):
    sign_in(page, "pegawai")
    skip_unless_served(page.request, "/search?q=arsip", "search")
    page.get_by_role("search").get_by_role("searchbox").first.fill("arsip")
    page.get_by_role("search").get_by_role("button", name="Cari").first.click()
    expect(page).to_have_url(re.compile(r"/search\?q=arsip"))
    results = page.locator("#content a[href^='/assets/']")
    expect(results.first).to_be_visible()
    facet = page.locator("#content a[href*='/search?'][href*='q=arsip'][href*='&']").first
    facet.click()  # a facet is a plain link
    expect(page).to_have_url(re.compile(r"/search\?.*q=arsip.*&|/search\?.*&.*q=arsip"))
    expect(results.first).to_be_visible()
    results.first.click()
    expect(page).to_have_url(re.compile(r"/assets/\d+$"))
    download_link = page.locator("a[href*='/files/'][href$='/download']").first
    with page.expect_download() as download:
        download_link.click()
    assert download.value.path().stat().st_size > 0


def test_asset_page_reads_and_downloads_without_javascript(page):
    sign_in(page, "pegawai")
    asset_path = skip_unless_served(page.request, first_link(page.request, "/", r"/assets/\d+"), "assets")
    page.goto(asset_path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    with page.expect_download() as download:
        page.locator("a[href*='/files/'][href$='/download']").first.click()
    assert download.value.path().stat().st_size > 0
