"""The maturity round in Chromium over the demo: the lead's draft is saved as he picks a score
(htmx, one indicator at a time), and the assessor verifies a submission and completes it."""
import re

from playwright.sync_api import expect


def _first_assessment(page) -> None:
    """The assessment waiting for this user is listed first on /maturity/."""
    page.goto("/maturity/")
    page.locator("#content table a").first.click()
    expect(page).to_have_url(re.compile(r"/maturity/assessments/\d+$"))


def test_the_leads_draft_is_saved_as_he_picks_a_score(page_as):
    page = page_as("lead.dinkes")
    _first_assessment(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Kesehatan")
    indicator = page.locator("fieldset.indicator").nth(15)  # the demo draft is filled to its middle
    with page.expect_response(lambda response: "/indicators/" in response.url and response.status == 200):
        indicator.get_by_label("3", exact=True).check()
    expect(indicator.locator(".autosave")).to_have_text("Draf tersimpan otomatis.")
    page.reload()
    expect(page.locator("fieldset.indicator").nth(15).get_by_label("3", exact=True)).to_be_checked()


def test_the_assessor_verifies_a_submission_and_completes_it(page_as):
    page = page_as("juri")
    _first_assessment(page)
    expect(page.get_by_role("button", name="Selesaikan verifikasi")).to_be_visible()
    page.get_by_role("button", name="Selesaikan verifikasi").click()
    expect(page.locator(".flash-success")).to_contain_text(re.compile(r"Verifikasi selesai: [\d.]+/100, level \d"))
    expect(page.get_by_role("button", name="Selesaikan verifikasi")).to_have_count(0)
