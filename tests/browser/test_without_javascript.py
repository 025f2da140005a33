"""With JavaScript off (old browsers, strict policies, a script that failed to load) the basics still work."""
import re

import pytest
from playwright.sync_api import expect

from .helpers import sign_in
from .journeys import download_first_file, employee_searches_filters_opens_and_downloads


@pytest.fixture
def page(new_page):
    return new_page(java_script_enabled=False)


def test_sign_in_search_people_and_sign_out_without_javascript(page):
    sign_in(page, "admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Selamat datang, Sekar Ayu Larasati")
    page.get_by_role("link", name="Pengguna").click()
    page.get_by_label("Cari nama, NIP atau nama pengguna").fill("lead.dinkes")
    page.get_by_label("Cari nama, NIP atau nama pengguna").press("Enter")  # a plain GET form
    expect(page).to_have_url(re.compile(r"/admin/users\?q=lead\.dinkes$"))
    expect(page.locator("#user_list tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Keluar").click()  # a plain POST form
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()


def test_search_with_a_facet_and_download_an_asset_without_javascript(page, require_served):
    require_served("pegawai", "/search?q=arsip", "search")
    sign_in(page, "pegawai")
    employee_searches_filters_opens_and_downloads(page)


def test_asset_page_reads_and_downloads_without_javascript(page, require_served):
    asset = require_served("pegawai", r"/assets/\d+", "asset pages", link_on="/")
    sign_in(page, "pegawai")
    page.locator(f"#content a[href='{asset}']").first.click()
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()
    download_first_file(page)


def test_deactivating_a_user_asks_first_without_javascript(page):
    """Issue 12.8: a confirmation page, not a script's confirm() (and the account is put back)."""
    sign_in(page, "admin")
    page.goto("/admin/users?q=Teguh")  # demo employees no other browser test uses
    row = page.locator("#user_list tbody tr").filter(has_not_text="lead.dinkes").first
    name = row.locator("td").first.inner_text()
    row.get_by_role("button", name="Nonaktifkan…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nonaktifkan akun {name}?")
    page.get_by_role("button", name="Ya, nonaktifkan").click()
    expect(page.get_by_text(f"Akun {name} dinonaktifkan.")).to_be_visible()
    page.locator("#user_list tbody tr").filter(has_text=name).get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_text(f"Akun {name} diaktifkan.")).to_be_visible()


def test_a_member_replies_to_a_discussion_without_javascript(page, require_served):
    """The reply form is a plain POST: the page comes back with the reply in the thread."""
    thread = require_served("anggota.dinkes", r"/discussions/\d+", "discussions", link_on="/discussions")
    sign_in(page, "anggota.dinkes")
    page.goto(thread)
    if not page.locator("#reply_area textarea").count():
        pytest.skip("the newest thread takes no replies now")
    text = "Tanpa JavaScript pun tanggapan terkirim."
    page.locator("#reply_area textarea").fill(text)
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page).to_have_url(re.compile(re.escape(thread) + r"#post-\d+$"))
    expect(page.locator("#post_list article").filter(has_text=text)).to_have_count(1)
