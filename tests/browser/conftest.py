"""Browser-test fixtures: one live demo server and one Chromium per session, a fresh context per test.

When a test fails, a screenshot and the HTML of each page it opened, and the end of the server's
log, are kept under test-artifacts/browser/<test name>/.
"""
import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

from .chromium import chromium_missing_reason, launch_chromium
from .helpers import first_link, signed_in_state, skip_unless_served
from .liveserver import PROJECT_ROOT, demo_server

ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session", autouse=True)
def _chromium_installed():
    reason = chromium_missing_reason()
    if reason:
        pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)  # read by new_page's teardown
    return report


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, operator_demo):
    with demo_server(tmp_path_factory.mktemp("live"), seeded=operator_demo) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def session_of(browser, live_server):
    """session_of("pegawai") -> storage state of a signed-in session, made once per login."""
    states: dict[str, dict] = {}

    def state(login: str) -> dict:
        if login not in states:
            states[login] = signed_in_state(browser, live_server.url, login)
        return states[login]
    return state


@pytest.fixture
def require_served(browser, live_server, session_of):
    """require_served(login, path, feature) skips the test while `login` gets a 404 for `path`.

    With `link_on`, `path` is a pattern: the first matching link on that page. Checked before the
    test signs in through the form, so a skipped journey costs next to nothing.
    """
    def check(login: str, path: str, feature: str, link_on: str | None = None) -> str:
        context = browser.new_context(base_url=live_server.url, storage_state=session_of(login))
        try:
            if link_on:
                path = first_link(context.request, link_on, path)
            return skip_unless_served(context.request, path, feature)
        finally:
            context.close()
    return check


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(**context_options) -> a page in its own new browser context (no cookies, cold cache)."""
    pages = []

    def open_page(**context_options):
        options = {"base_url": live_server.url, "locale": "id-ID", **context_options}
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        page = context.new_page()
        pages.append(page)
        return page

    yield open_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        _keep_artifacts(request.node.name, pages, live_server.log_tail())
    for page in pages:
        page.context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def page_as(new_page, session_of):
    """page_as("admin") -> a new page already signed in (a session made once per login), on the home page.

    For tests about something else than signing in or out; signing out would end the shared session.
    """
    def open_page(login: str):
        page = new_page(storage_state=session_of(login))
        page.goto("/")
        return page
    return open_page


def _keep_artifacts(test_name: str, pages, server_log: str) -> None:
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "server-log-tail.txt").write_text(server_log)  # a traceback of the app shows up here
    for number, page in enumerate(pages, start=1):
        if page.is_closed():
            continue
        stem = "page" if len(pages) == 1 else f"page{number}"
        try:
            page.screenshot(path=str(folder / f"{stem}.png"), full_page=True)
            (folder / f"{stem}.html").write_text(f"<!-- {page.url} -->\n{page.content()}")
        except Exception as error:  # a crashed page must not hide the test's own failure
            (folder / f"{stem}.error.txt").write_text(repr(error))
