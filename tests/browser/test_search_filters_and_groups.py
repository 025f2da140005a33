"""Issue 12 in Chromium: filter chips kept by the page's box and removed in place (htmx), and the
"+ N aset serupa" group opened. The demo has the problem of the issue: the same regulation file
uploaded by four CoPs (kmapp/demo/shared_copies.py)."""
import re

from playwright.sync_api import expect

HTMX = "hx-request"


def _search_box(page):
    return page.get_by_role("search").get_by_role("searchbox")


def test_a_filter_chip_stays_while_typing_and_its_removal_also_leaves_the_form(page_as, require_served):
    require_served("pegawai", "/search?q=rangkuman", "search")
    page = page_as("pegawai")
    page.goto("/search?q=rangkuman")
    expect(page.get_by_role("search")).to_have_count(1)  # the header box is not shown here
    page.get_by_role("complementary", name="Saring hasil").get_by_role("link", name="Laporan", exact=True).click()
    expect(page).to_have_url(re.compile(r"type=report"))
    chips = page.get_by_role("group", name="Saringan aktif")
    expect(chips).to_contain_text("Jenis aset: Laporan")
    with page.expect_response(lambda r: r.request.headers.get(HTMX) == "true" and "pemetaan" in r.url) \
            as typed:
        _search_box(page).fill("rangkuman pemetaan")
    assert "type=report" in typed.value.url  # the page's box keeps the chips it shows
    expect(chips).to_contain_text("Jenis aset: Laporan")
    with page.expect_response(lambda r: r.request.headers.get(HTMX) == "true") as removed:
        chips.get_by_role("link", name=re.compile("Hapus saringan")).click()
    assert "<html" not in removed.value.text()
    expect(page.get_by_role("group", name="Saringan aktif")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"type=report"))
    expect(_search_box(page)).to_have_value("rangkuman pemetaan")  # the words stay
    with page.expect_response(lambda r: r.request.headers.get(HTMX) == "true") as again:
        _search_box(page).fill("rangkuman")
    assert "type=" not in again.value.url  # a removed chip is not sent again


def test_a_group_of_similar_reports_opens_and_lists_each_cop(page_as, require_served):
    require_served("pegawai", "/search?q=salinan+pergub", "search")
    page = page_as("pegawai")
    page.goto("/search?q=salinan+pergub")  # the demo's regulation, uploaded as the same file by four CoPs
    group = page.locator("li.hit details").filter(has_text=re.compile(r"\+ \d+ aset serupa")).first
    summary = group.locator("summary")
    count = int(re.search(r"\+ (\d+)", summary.inner_text()).group(1))
    assert count >= 2
    listed = group.get_by_role("link")
    expect(listed.first).not_to_be_visible()  # closed until asked
    summary.click()
    expect(listed.first).to_be_visible()
    assert 1 <= listed.count() <= count
    first = listed.first.inner_text()
    assert " · " in first  # agency · CoP
    listed.first.click()
    expect(page).to_have_url(re.compile(r"/assets/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Salinan Pergub")
