"""axe-core finds no serious or critical accessibility violation on the main pages."""
import shutil

import pytest
from playwright.sync_api import expect

from .axe import AXE_SOURCE, INSTALL_HINT, blocking, describe, run_axe
from .journeys import open_meeting_form
from .pages import AXE_PAGES, COP, MEETING_FORM, NOT_FOUND, resolve_path


@pytest.fixture(scope="session")
def axe_installed():
    """Only a machine without npm may skip the check; with npm, a missing axe-core is a set-up error."""
    if AXE_SOURCE.exists():
        return
    if shutil.which("npm") is None:
        pytest.skip(f"axe-core is not installed and npm is missing (scripts/test.sh runs `{INSTALL_HINT}`)")
    pytest.fail(f"axe-core is not installed: run `{INSTALL_HINT}`")


@pytest.mark.parametrize("spec", AXE_PAGES, ids=lambda spec: spec.name)
def test_no_serious_accessibility_violation(new_page, session_of, axe_installed, spec):
    page = new_page(storage_state=session_of(spec.login) if spec.login else None)
    path = spec.path if spec is NOT_FOUND else resolve_path(page.request, spec)
    if path is None:
        pytest.skip(f"{spec.path} not served yet: needs {spec.feature} merged")
    page.goto(path)
    expect(page.locator("#content")).to_be_visible()
    if spec is MEETING_FORM:
        open_meeting_form(page)
    violations = blocking(run_axe(page))
    assert not violations, f"axe on {path}:\n{describe(violations)}"


# Fields a screen reader would announce without a name: no <label>, no aria-label(ledby).
UNLABELLED_FIELDS_JS = """() => [...document.querySelectorAll("input, select, textarea")]
  .filter(e => e.type !== "hidden" && !(e.labels && e.labels.length)
               && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
  .map(e => e.outerHTML.slice(0, 160))"""


@pytest.mark.parametrize("login, path", [(None, "/login"), ("admin", "/"), ("admin", "/admin/users"),
                                         ("admin", "/account/password")])
def test_every_form_field_has_a_label(new_page, session_of, login, path):
    page = new_page(storage_state=session_of(login) if login else None)
    page.goto(path)
    assert page.evaluate(UNLABELLED_FIELDS_JS) == []


def test_every_meeting_form_field_has_a_label(new_page, session_of):
    page = new_page(storage_state=session_of(COP.login))
    path = resolve_path(page.request, COP)
    if path is None:
        pytest.skip(f"{COP.path} not served yet: needs {COP.feature} merged")
    page.goto(path)
    open_meeting_form(page)
    assert page.evaluate(UNLABELLED_FIELDS_JS) == []
