"""A phone (390 x 844): no page scrolls sideways, and the header's "Menu" works without JavaScript.

Wide tables may scroll inside their own wrapper; the page itself never does.
"""
import re

import pytest
from playwright.sync_api import expect

from .helpers import sign_in
from .pages import MAIN_PAGES, open_as_the_user_would, resolve_path

PHONE = {"width": 390, "height": 844}

# What sticks out past the right edge of the window, outside any element that scrolls on its
# own: the outermost such elements, described enough to find them in the template.
_OVERFLOWING_JS = """() => {
  const limit = window.innerWidth + 0.5;
  const scrolls = e => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(e).overflowX);
  const inScroller = e => { for (let p = e.parentElement; p; p = p.parentElement) { if (scrolls(p) && p !== document.documentElement && p !== document.body) return true; } return false; };
  const out = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > limit && !inScroller(e));
  return out.filter(e => !out.includes(e.parentElement)).slice(0, 5)
    .map(e => `<${e.tagName.toLowerCase()} class="${e.className.baseVal ?? e.className}"> ${Math.round(e.getBoundingClientRect().right)}px: ${e.textContent.trim().slice(0, 50)}`);
}"""


# Form controls that stick out of the card or form around them (visible or not, they would be cut off).
_FIELDS_OUTSIDE_THEIR_BOX_JS = """() => [...document.querySelectorAll("main input:not([type=hidden]), main select, main textarea, main button")]
  .map(e => [e, e.closest(".card, form")]).filter(([e, box]) => box && e.getBoundingClientRect().width
    && e.getBoundingClientRect().right > box.getBoundingClientRect().right + 0.5)
  .slice(0, 5).map(([e]) => `<${e.tagName.toLowerCase()} name="${e.name}"> ${Math.round(e.getBoundingClientRect().right)}px`)"""


@pytest.mark.parametrize("spec", MAIN_PAGES, ids=lambda spec: spec.name)
def test_no_page_scrolls_sideways_on_a_phone(new_page, session_of, spec):
    page = new_page(viewport=PHONE, storage_state=session_of(spec.login) if spec.login else None)
    path = resolve_path(page.request, spec)
    if path is None:
        pytest.skip(f"{spec.path} not served yet: needs {spec.feature} merged")
    open_as_the_user_would(page, path, spec.then)
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, f"{page.url} is {width}px wide on a {viewport}px phone: {page.evaluate(_OVERFLOWING_JS)}"
    outside = page.evaluate(_FIELDS_OUTSIDE_THEIR_BOX_JS)
    assert not outside, f"form fields stick out of their card on {page.url}: {outside}"


@pytest.mark.parametrize("javascript", [False, True], ids=["without JavaScript", "with JavaScript"])
def test_menu_on_a_phone_opens_and_leads_to_a_page(new_page, javascript):
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    sign_in(page, "lead.dinkes")
    nav = page.get_by_role("navigation", name="Menu utama")
    communities = nav.get_by_role("link", name="Komunitas", exact=True)
    expect(communities).to_be_hidden()  # folded away: the page starts with its content
    page.get_by_text("Menu", exact=True).click()
    expect(communities).to_be_visible()
    expect(nav.get_by_role("button", name="Keluar")).to_be_visible()
    communities.click()
    expect(page).to_have_url(re.compile(r"/cops$"))
    expect(page.locator("#main-nav a[aria-current=page]")).to_have_text("Komunitas")  # the menu is folded again


def test_the_menu_is_open_on_a_wide_screen(page_as):
    page = page_as("lead.dinkes")
    page.set_viewport_size({"width": 1024, "height": 768})
    nav = page.get_by_role("navigation", name="Menu utama")
    expect(nav.get_by_role("link", name="Komunitas", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Beranda", exact=True)).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()
