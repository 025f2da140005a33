"""axe-core finds no serious or critical accessibility violation on the main pages, and every form
field has a name a screen reader can announce."""
import shutil

import pytest

from .axe import AXE_SOURCE, INSTALL_HINT, blocking, describe, run_axe
from .pages import AXE_PAGES, MEETING_FORM, UPLOAD_FORM, open_as_the_user_would, resolve_path


@pytest.fixture(scope="session")
def axe_installed():
    """Only a machine without npm may skip the check; with npm, a missing axe-core is a set-up error."""
    if AXE_SOURCE.exists():
        return
    if shutil.which("npm") is None:
        pytest.skip(f"axe-core is not installed and npm is missing (scripts/test.sh runs `{INSTALL_HINT}`)")
    pytest.fail(f"axe-core is not installed: run `{INSTALL_HINT}`")


@pytest.fixture
def open_spec(new_page, session_of):
    """open_spec(spec) -> a page showing `spec` as its user sees it; skips while its feature is missing."""
    def open_page(spec):
        page = new_page(storage_state=session_of(spec.login) if spec.login else None)
        path = resolve_path(page.request, spec)
        if path is None:
            pytest.skip(f"{spec.path} not served yet: needs {spec.feature} merged")
        open_as_the_user_would(page, path, spec.then)
        return page
    return open_page


@pytest.mark.parametrize("spec", AXE_PAGES, ids=lambda spec: spec.name)
def test_no_serious_accessibility_violation(open_spec, axe_installed, spec):
    page = open_spec(spec)
    violations = blocking(run_axe(page))
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"


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


@pytest.mark.parametrize("spec", [MEETING_FORM, UPLOAD_FORM], ids=lambda spec: spec.name)
def test_every_field_of_the_forms_opened_in_place_has_a_label(open_spec, spec):
    page = open_spec(spec)
    assert page.evaluate(UNLABELLED_FIELDS_JS) == []
