"""The pages and htmx partials that the budget, the accessibility check and the bench look at.

Pages of features not merged yet are listed too: they are skipped while their URL answers 404.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass

from .journeys import SEARCH_AS_YOU_TYPE, meeting_form_opener


@dataclass(frozen=True)
class BudgetPage:
    """A page to weigh. `path` is a URL, or with `link_on` a pattern: the first such link on that page."""
    name: str
    path: str
    login: str | None
    link_on: str | None = None
    feature: str = ""


@dataclass(frozen=True)
class BudgetPartial:
    """An htmx swap to weigh: open `page`, then `action(page)` sends the request."""
    name: str
    page: BudgetPage
    action: Callable


def _type_in_user_search(page) -> None:
    page.get_by_label("Cari nama, NIP atau nama pengguna").fill("fasilitator")


def _type_in_search_as_you_type(page) -> None:
    page.locator(SEARCH_AS_YOU_TYPE).first.fill("arsip elektronik")


def _open_meeting_form(page) -> None:
    meeting_form_opener(page).click()


def _open_upload_form(page) -> None:
    page.locator("#content").get_by_role("link", name="Unggah aset", exact=True).first.click()  # not the menu entry


LOGIN = BudgetPage("login", "/login", None)
HOME = BudgetPage("home", "/", "pegawai")
ADMIN_USERS = BudgetPage("admin: users", "/admin/users", "admin")
SEARCH = BudgetPage("search results", "/search?q=arsip", "pegawai", feature="search")
ASSET = BudgetPage("asset", r"/assets/\d+", "pegawai", link_on="/", feature="asset pages")
COP = BudgetPage("CoP", r"/cops/\d+", "lead.dinkes", link_on="/", feature="CoP pages")
DASHBOARD = BudgetPage("dashboard", "/programme/", "admin", feature="the programme dashboard")

NOT_FOUND = BudgetPage("not found (404)", "/tidak-ada", "pegawai")
MEETING_FORM = BudgetPage("meeting form", COP.path, COP.login, COP.link_on, COP.feature)  # opened on the CoP page

BUDGET_PAGES = (LOGIN, HOME, ADMIN_USERS, SEARCH, ASSET, COP, DASHBOARD)
AXE_PAGES = (LOGIN, HOME, ADMIN_USERS, NOT_FOUND, SEARCH, ASSET, COP, MEETING_FORM, DASHBOARD)
BUDGET_PARTIALS = (
    BudgetPartial("admin user search (as you type)", ADMIN_USERS, _type_in_user_search),
    BudgetPartial("search as you type", SEARCH, _type_in_search_as_you_type),
    BudgetPartial("meeting form (Catat pertemuan)", COP, _open_meeting_form),
    BudgetPartial("asset upload form (Unggah aset)", COP, _open_upload_form),
)


def resolve_path(request_context, spec: BudgetPage) -> str | None:
    """The URL to weigh for `spec`, or None while its feature is not there (404, or no link yet)."""
    path = spec.path
    if spec.link_on:
        response = request_context.get(spec.link_on)
        found = re.search(rf'href="({spec.path})"', response.text()) if response.ok else None
        if not found:
            return None
        path = found.group(1)
    return None if request_context.get(path, max_redirects=0).status == 404 else path


def find_path(browser, base_url: str, spec: BudgetPage, storage_state: dict | None) -> str | None:
    """resolve_path through a throw-away context (its requests never touch a measured cache)."""
    context = browser.new_context(base_url=base_url, storage_state=storage_state)
    try:
        return resolve_path(context.request, spec)
    finally:
        context.close()
