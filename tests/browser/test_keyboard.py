"""Keyboard-only use: no mouse, only Tab, Shift+Tab, Space and Enter."""
import re
from datetime import date

from playwright.sync_api import expect

from .helpers import focused_name, tab_to, type_date

MAIN_HAS_FOCUS_JS = "() => Boolean(document.activeElement.closest('#main'))"


def test_login_form_by_keyboard_only(page):
    page.goto("/login")
    assert focused_name(page) == "NIP atau nama pengguna"  # autofocus: type at once
    page.keyboard.type("pegawai")
    page.keyboard.press("Tab")
    assert focused_name(page) == "Kata sandi"
    page.keyboard.type("demo12345")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Selamat datang"))


def test_skip_link_is_first_and_jumps_past_the_header(page_as):
    page = page_as("pegawai")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # hidden until focused, then shown
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    assert page.evaluate(MAIN_HAS_FOCUS_JS), f"Tab after the skip link went to {focused_name(page)!r}"


def test_focus_is_visible_on_links_and_buttons(page):
    page.goto("/login")
    page.keyboard.press("Shift+Tab")  # from the login field back to the brand link
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert focused_name(page) == "Portal KM BPSDM Provinsi DKI Jakarta" and outline != "none"


def test_search_by_keyboard_only(page_as, require_served):
    require_served("pegawai", "/search?q=arsip", "search")
    page = page_as("pegawai")
    tab_to(page, "Cari aset pengetahuan")
    page.keyboard.type("arsip")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?(.*&)?q=arsip"))
    first_title = page.locator("#content a[href^='/assets/']").first
    expect(first_title).to_be_visible()
    tab_to(page, first_title.inner_text().strip())
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/assets/\d+$"))


def test_meeting_form_by_keyboard_only(page_as, require_served):
    require_served("lead.dinkes", r"/cops/\d+", "CoP pages", link_on="/")
    page = page_as("lead.dinkes")
    page.get_by_role("link", name="JAK-HIGH", exact=True).click()
    tab_to(page, "Catat pertemuan")
    page.keyboard.press("Enter")  # loads the form in place
    expect(page.get_by_label("Topik")).to_be_visible()
    today = date.today()
    tab_to(page, "Tanggal pertemuan")
    type_date(page, "Tanggal pertemuan", today)
    tab_to(page, "Jumlah peserta")
    page.keyboard.type("8")
    tab_to(page, "Topik")
    page.keyboard.type("Uji papan ketik")
    tab_to(page, "Sosialisasi")
    page.keyboard.press("Space")
    tab_to(page, "Simpan pertemuan")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("Uji papan ketik.*tersimpan"))).to_be_visible()
