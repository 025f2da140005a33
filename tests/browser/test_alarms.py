"""Alarms go to the people who can act (issue 12, point 3), in Chromium over the demo data.

A CoP lead's home starts with the running Triwulan against the target; a reader opening an asset
whose review is overdue sees when it was published, not a red alarm he can do nothing about.
"""
import re

from playwright.sync_api import expect

from .helpers import signed_in
from .journeys import TASKS_HEADING, first_task, review_alarms, running_quarter_name


def test_a_lead_signs_in_and_sees_the_running_quarters_gap_first(page):
    signed_in(page, "lead.dinkes")
    expect(page).to_have_url(re.compile(r"/$"))
    tasks = page.get_by_role("region", name=TASKS_HEADING)
    expect(tasks).to_be_visible()
    # The task list is the first thing under the greeting.
    assert page.locator("#content > h1 + section").get_attribute("aria-labelledby") == "tasks-title"
    task = first_task(page)
    quarter = running_quarter_name()
    expect(task).to_contain_text(re.compile(rf"^{quarter} berakhir \d+ \w+ \((\d+ hari lagi|hari ini)\)"))
    if "target sudah tercapai" in task.inner_text():  # the demo agency may have met it already
        return
    expect(task).to_contain_text("kurang ")
    action = task.get_by_role("link")
    expect(action).to_have_text(re.compile("^(Catat pertemuan|Unggah aset)$"))
    action.click()  # the link leads straight to the form that closes the gap
    expect(page).to_have_url(re.compile(r"/cops/\d+/meetings/new$|/assets/new\?cop=\d+$"))
    expect(page.locator("#content form").first).to_be_visible()


def _overdue_asset_the_reader_may_open(admin_context, reader_context) -> str:
    """An asset of the admin's due list marked overdue that the reader may open."""
    listing = admin_context.request.get("/assets/due").text()
    rows = re.findall(r'<tr>\s*<td><a href="(/assets/\d+)">[^<]*</a>\s*<span class="badge badge-bad"', listing)
    for path in rows:
        if reader_context.request.get(path, max_redirects=0).status == 200:
            return path
    raise AssertionError(f"none of the {len(rows)} overdue assets of the demo is open to every employee")


def test_a_reader_sees_no_red_overdue_alarm_but_its_lead_does(browser, live_server, session_of, new_page):
    admin = browser.new_context(base_url=live_server.url, storage_state=session_of("admin"))
    reader = browser.new_context(base_url=live_server.url, storage_state=session_of("pegawai"))
    try:
        path = _overdue_asset_the_reader_may_open(admin, reader)
    finally:
        admin.close()
        reader.close()
    page = new_page(storage_state=session_of("pegawai"))
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).not_to_be_empty()
    expect(review_alarms(page)).to_have_count(0)
    expect(page.locator("#content .badge-bad, #content .flash-error")).to_have_count(0)
    expect(page.locator("#content .review-dates")).to_contain_text(re.compile(r"^Diterbitkan \d+ \w+ \d{4}"))
    admin_page = new_page(storage_state=session_of("admin"))  # who can act sees the alarm on the same page
    admin_page.goto(path)
    expect(admin_page.locator("#content .flash-error")).to_contain_text("lewat jadwal tinjau")
