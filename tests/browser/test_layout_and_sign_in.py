"""Signing in and out, the layout around every page, and the admin's people search, in Chromium."""
import re

from playwright.sync_api import expect

from .helpers import LOGIN_LABEL, PASSWORD_LABEL, sign_in


def test_employee_signs_in_and_sees_the_home_page(page):
    sign_in(page, "pegawai")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Selamat datang, Yudhi Saputra")
    expect(page.get_by_role("navigation", name="Menu utama")).to_contain_text("Beranda")
    expect(page.get_by_role("link", name="Pengguna")).to_have_count(0)  # not an admin


def test_wrong_password_keeps_the_login_form_with_a_message(page):
    page.goto("/login")
    page.get_by_label(LOGIN_LABEL).fill("pegawai")
    page.get_by_label(PASSWORD_LABEL, exact=True).fill("salah-sekali")
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_text("NIP/nama pengguna atau kata sandi salah.")).to_be_visible()
    expect(page.get_by_label(LOGIN_LABEL)).to_have_value("pegawai")


def test_page_asked_for_before_signing_in_opens_after_it(page):
    page.goto("/admin/users?q=lead")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label(LOGIN_LABEL).fill("admin")
    page.get_by_label(PASSWORD_LABEL, exact=True).fill("demo12345")
    page.get_by_label(PASSWORD_LABEL, exact=True).press("Enter")
    expect(page).to_have_url(re.compile(r"/admin/users\?q=lead$"))
    expect(page.get_by_role("cell", name="lead.dinkes")).to_be_visible()


def test_signing_out_ends_the_session(page):
    sign_in(page, "pegawai")
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))


def test_admin_user_search_updates_the_list_in_place(page_as):
    page = page_as("admin")
    page.get_by_role("link", name="Pengguna").click()
    rows = page.locator("#user_list tbody tr")
    expect(rows).to_have_count(50)  # the first page of many
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as answer:
        page.get_by_label("Cari nama, NIP atau nama pengguna").fill("fasilitator")
    assert "<html" not in answer.value.text()  # a fragment, swapped in place
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Widhi Pratama")
    expect(page).to_have_url(re.compile(r"/admin/users\?q=fasilitator$"))  # the address can be shared


def test_language_can_be_switched_to_english_and_back(page):
    page.goto("/login")
    page.get_by_label("Bahasa").select_option("en")
    page.get_by_role("button", name="Ganti").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    page.get_by_label("Language").select_option("id")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="Masuk", exact=True)).to_be_visible()


def test_unknown_address_shows_the_not_found_page(page_as):
    page = page_as("pegawai")
    response = page.goto("/tidak-ada")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    page.get_by_role("link", name="Kembali ke beranda").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_health_probe_answers_without_signing_in(page):
    response = page.request.get("/healthz")
    assert response.status == 200 and response.json()["database"]["ok"] is True
