"""The Content-Security-Policy (script-src and style-src 'self', no inline anything) holds after htmx
swaps too: htmx, app.js and the swapped fragments never inject a style or a script the browser refuses.

Every `securitypolicyviolation` event of every document, and every console message about the policy,
is collected during journeys that swap content in place; a single one fails the test.
"""
import re

import pytest
from playwright.sync_api import expect

from .journeys import open_meeting_form, open_my_community, type_in_search_as_you_type

# Installed before any page script runs, in every document the page opens (CSP does not apply to it).
_COLLECT_VIOLATIONS_JS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.URL}:${event.lineNumber} ${event.sample || ""}`);
});
"""


@pytest.fixture
def watched(new_page, session_of):
    """watched(login) -> (page, check): check() fails on any CSP violation seen so far."""
    def open_page(login: str):
        page = new_page(storage_state=session_of(login))
        page.add_init_script(_COLLECT_VIOLATIONS_JS)
        console = []
        page.on("console", lambda message: console.append(message.text)
                if re.search(r"Content.Security.Policy|Refused to", message.text) else None)

        def check(step: str) -> None:
            seen = page.evaluate("() => window.__cspViolations || []")
            assert not seen and not console, f"CSP violations after {step} on {page.url}: {seen + console}"
        return page, check
    return open_page


def _settled(page) -> None:
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_no_csp_violation_while_a_lead_works_on_the_cop_page(watched, require_served, tmp_path):
    require_served("lead.dinkes", r"/cops/\d+", "CoP pages", link_on="/")
    page, check = watched("lead.dinkes")
    open_my_community(page, "JAK-HIGH")
    check("loading the CoP page")
    open_meeting_form(page)
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_label(re.compile("^Tambah pegawai")).fill("Ratna")  # the attendee look-up
    _settled(page)
    check("the meeting form and the attendee look-up")
    page.get_by_role("button", name="Batal").click()
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.locator("#cop_assets").get_by_role("link", name="Unggah aset", exact=True).click()
    _settled(page)
    check("opening the upload form in place")
    form = page.locator("#asset_form")
    # A file big enough for the browser to report upload progress, sent over a slowed link.
    upload = tmp_path / "catatan-panjang.txt"
    upload.write_text("Catatan pertemuan yang panjang.\n" * 40_000, encoding="utf-8")
    form.get_by_label("Judul").fill("Uji kebijakan keamanan konten")
    form.get_by_label("Ringkasan").fill("Unggahan untuk memeriksa bilah kemajuan.")
    form.get_by_label("Jenis aset").select_option(label="Laporan")
    form.get_by_label("Tahap siklus KM").select_option(label="Penyimpanan Pengetahuan")
    form.get_by_label("Pertemuan asal").select_option(index=1)
    form.locator("input[type=file]").set_input_files(str(upload))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 50,
                                                  "downloadThroughput": 1_000_000, "uploadThroughput": 400_000})
    with page.expect_response(lambda r: r.request.method == "POST" and r.request.headers.get("hx-request") == "true"):
        form.get_by_role("button", name="Unggah dan terbitkan").click()
        expect(form.locator("progress")).to_be_visible()  # the progress bar shows while sending
    _settled(page)
    expect(form.get_by_role("status")).to_contain_text("Aset tersimpan")
    check("uploading with the progress bar")


def test_no_csp_violation_while_searching_as_you_type(watched, require_served):
    require_served("pegawai", "/search?q=arsip", "search")
    page, check = watched("pegawai")
    page.goto("/search?q=arsip")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        type_in_search_as_you_type(page)
    _settled(page)
    check("search as you type")


def test_no_csp_violation_on_the_dashboard_filters_and_the_people_search(watched, require_served):
    require_served("admin", "/programme/", "the programme dashboard")
    page, check = watched("admin")
    page.goto("/programme/")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_label("Triwulan", exact=True).select_option("3")
    _settled(page)
    check("filtering the dashboard")
    page.goto("/admin/users")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_label("Cari nama, NIP atau nama pengguna").fill("fasilitator")
    _settled(page)
    check("the people search")
