"""What a person does in the browser, written once: signing in, finding a link, checking a feature is there."""
import re

import pytest
from playwright.sync_api import expect

from .liveserver import DEMO_PASSWORD

LOGIN_LABEL = "NIP atau nama pengguna"
PASSWORD_LABEL = "Kata sandi"


def sign_in(page, login: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would, and wait for the page after it."""
    page.goto("/login")
    page.get_by_label(LOGIN_LABEL).fill(login)
    page.get_by_label(PASSWORD_LABEL, exact=True).fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/login"))


def signed_in(page, login: str):
    """`page` after signing in as `login` (demo password); for one-line test set-ups."""
    sign_in(page, login)
    return page


def signed_in_state(browser, base_url: str, login: str) -> dict:
    """Cookies of a fresh session for `login`, to open contexts already signed in (with a cold cache)."""
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        sign_in(page, login)
        return context.storage_state()
    finally:
        context.close()


def first_link(request_context, page_path: str, href_pattern: str) -> str | None:
    """The first href on `page_path` matching `href_pattern` (e.g. an asset of the home page)."""
    response = request_context.get(page_path)
    if not response.ok:
        return None
    found = re.search(rf'href="({href_pattern})"', response.text())
    return found.group(1) if found else None


def skip_unless_served(request_context, path: str | None, feature: str) -> str:
    """Skip the test until the feature behind `path` is merged (today it answers 404)."""
    if path is None:
        pytest.skip(f"no link to {feature} yet: needs {feature} merged")
    status = request_context.get(path, max_redirects=0).status
    if status == 404:
        pytest.skip(f"{path} answers 404: needs {feature} merged")
    return path


# The accessible name a screen reader would announce for the focused element (close enough here).
_FOCUSED_NAME_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "";
  const label = e.labels && e.labels.length ? e.labels[0].textContent : "";
  return (e.getAttribute("aria-label") || label || e.textContent || "").replace(/\\s+/g, " ").trim();
}"""


def focused_name(page) -> str:
    return page.evaluate(_FOCUSED_NAME_JS)


def tab_to(page, name: str | re.Pattern, max_presses: int = 80) -> None:
    """Press Tab until the focused element is called `name`, as a keyboard-only user would."""
    pattern = name if isinstance(name, re.Pattern) else re.compile(re.escape(name))
    seen = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        seen.append(focused_name(page))
        if pattern.search(seen[-1]):
            return
    raise AssertionError(f"{pattern.pattern!r} not reached with Tab; focus went through: {seen}")


def type_date(page, label: str, day) -> None:
    """Type a date into the focused <input type=date> with digits only, as a keyboard user does.

    The order of the day/month/year segments follows the browser's own language (headless
    Chromium: month first; an Indonesian Chromium: day first): a throw-away probe field tells which.
    """
    field = page.get_by_label(label)
    field.evaluate("e => e.insertAdjacentHTML('afterend', '<input type=date id=date-order-probe>')")
    probe = page.locator("#date-order-probe")
    probe.focus()
    page.keyboard.type("01022000")
    day_first = probe.input_value() == "2000-02-01"
    probe.evaluate("e => e.remove()")
    field.focus()
    page.keyboard.type(day.strftime("%d%m%Y" if day_first else "%m%d%Y"))
    assert field.input_value() == day.isoformat(), f"typed {day} into {label!r}, got {field.input_value()!r}"
