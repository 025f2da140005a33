"""The pages and htmx partials that the budget, the accessibility check and the bench look at.

Pages of features not merged yet are listed too: they are skipped while their URL answers 404.
"""
from collections.abc import Callable
from dataclasses import dataclass, replace

from .helpers import first_link
from .journeys import SEARCH_AS_YOU_TYPE, meeting_form_opener, type_in_search_as_you_type


@dataclass(frozen=True)
class PageSpec:
    """A page to look at, as `login` sees it (None: signed out).

    `path` is a URL, or with `link_on` a pattern: the first such link on that page. `then(page)`, if
    given, is what the user does next on the page to fetch an htmx partial (typing, opening a form).
    """
    name: str
    path: str
    login: str | None
    link_on: str | None = None
    feature: str = ""
    status: int = 200
    then: Callable | None = None

    def after(self, name: str, then: Callable) -> "PageSpec":
        return replace(self, name=name, then=then)


def _type_in_user_search(page) -> None:
    page.get_by_label("Cari nama, NIP atau nama pengguna").fill("fasilitator")


def _type_a_word_of_many_copies(page) -> None:
    page.locator(SEARCH_AS_YOU_TYPE).first.fill("pergub")  # regulations, one of them shared by four CoPs: a group


def _type_a_topic_in_people_search(page) -> None:
    page.get_by_label("Topik").fill("berat badan")


def _open_meeting_form(page) -> None:
    meeting_form_opener(page).click()


def _open_upload_form(page) -> None:
    page.locator("#content").get_by_role("link", name="Unggah aset", exact=True).first.click()  # not the menu entry


def _autosave_a_narrative(page) -> None:
    field = page.locator("#nomination_form textarea[hx-post]").first
    field.fill("Tema CoP menjawab kebutuhan layanan kesehatan ASN.")
    field.blur()  # htmx saves the field on change


LOGIN = PageSpec("login", "/login", None)
HOME = PageSpec("home", "/", "pegawai")
ADMIN_USERS = PageSpec("admin: users", "/admin/users", "admin")
NOT_FOUND = PageSpec("not found (404)", "/tidak-ada", "pegawai", status=404)
SEARCH = PageSpec("search results", "/search?q=arsip", "pegawai", feature="search")
# The heaviest search page: no words, every agency and CoP behind "lihat semua", groups of copies.
SEARCH_ALL = PageSpec("search: everything", "/search", "pegawai", feature="search")
ASSET = PageSpec("asset", r"/assets/\d+", "pegawai", link_on="/", feature="asset pages")
COP = PageSpec("CoP", r"/cops/\d+", "lead.dinkes", link_on="/", feature="CoP pages")
DASHBOARD = PageSpec("dashboard", "/programme/", "admin", feature="the programme dashboard")
AGENCY = PageSpec("agency page", "/programme/agencies/mine", "lead.dinkes", feature="agency pages")
MEETING = PageSpec("meeting", r"/meetings/\d+", "lead.dinkes", link_on="/programme/agencies/mine", feature="meeting pages")
REPORT = PageSpec("quarterly report", "/programme/report", "admin", feature="the programme report")
TARGETS = PageSpec("targets", "/programme/targets", "admin", feature="target settings")
COP_LIST = PageSpec("CoP list", "/cops", "pegawai", feature="CoP pages")
DUE = PageSpec("assets due for review", "/assets/due", "admin", feature="asset reviews")
QUARTER_LOCKS = PageSpec("quarter locks", "/quarters", "admin", feature="quarter locks")
# The maturity round: the first assessment listed is the one waiting for this user.
MATURITY_SELF = PageSpec("maturity: self-assessment", r"/maturity/assessments/\d+", "lead.dinkes",
                         link_on="/maturity/", feature="maturity")
MATURITY_VERIFY = PageSpec("maturity: verification", r"/maturity/assessments/\d+", "juri", link_on="/maturity/",
                           feature="maturity")
MATURITY_ROUND = PageSpec("maturity: round", r"/maturity/rounds/\d+", "admin", link_on="/maturity/", feature="maturity")
MATURITY_PAGES = (MATURITY_SELF, MATURITY_VERIFY, MATURITY_ROUND)
# The KM Award: the demo's running round is the seeding year's (a link on its page, or skipped).
AWARD_SCORE = PageSpec("award scoring page", r"/award/\d+/scores/\d+", "juri", link_on="/award/2026",
                       feature="the KM Award")
AWARD_ROUND_ADMIN = PageSpec("award round (admin)", "/award/2026", "admin", feature="the KM Award")
AWARD_RESULTS = PageSpec("award results", "/award/2025/results", "pegawai", feature="the KM Award")
AWARD_NOMINATION = PageSpec("award nomination", r"/award/\d+/nominations/\d+", "lead.dinkes",
                            link_on="/award/2026", feature="the KM Award")
# Knowledge handover: the agency's leavers as its HR officer, the programme's figure, a handover record.
HANDOVER_AGENCY = PageSpec("handover: agency leavers", "/handover/", "kepegawaian.dinkes", feature="knowledge handover")
HANDOVER_PROGRAMME = PageSpec("handover: programme", "/handover/programme", "admin", feature="knowledge handover")
HANDOVER_RECORD = PageSpec("handover record", r"/handover/\d+", "pensiun.dinkes", link_on="/",
                           feature="knowledge handover")
HANDOVER_PAGES = (HANDOVER_AGENCY, HANDOVER_PROGRAMME, HANDOVER_RECORD)
# Notifications and the programme guide.
NOTIFICATIONS = PageSpec("notifications", "/notifications", "anggota.dinkes", feature="notifications")
NOTIFICATION_SETTINGS = PageSpec("notification settings", "/notifications/preferences", "anggota.dinkes",
                                 feature="notifications")
GUIDE_PLAN = PageSpec("guide: work plan", "/guide/rencana-kerja-program", "pegawai", feature="the programme guide")
GUIDE_PRINT = PageSpec("guide: print", "/guide/print", "pegawai", feature="the programme guide")
COLLABORATION_PAGES = (NOTIFICATIONS, NOTIFICATION_SETTINGS, GUIDE_PLAN, GUIDE_PRINT)
# Discussions: JAK-HIGH's lead in his spaces; a thread with replies; the discussion search tab.
DISCUSSIONS = PageSpec("discussions", "/discussions", "lead.dinkes", feature="discussions")
THREAD = PageSpec("discussion thread", r"/discussions/\d+", "lead.dinkes", link_on="/discussions",
                  feature="discussions")
DISCUSSION_SEARCH = PageSpec("discussion search", "/search/discussions?q=kelompok", "lead.dinkes",
                             feature="discussions")
DISCUSSION_PAGES = (DISCUSSIONS, THREAD, DISCUSSION_SEARCH)


def _type_in_discussion_search(page) -> None:
    page.locator("#discussion-q").fill("gula darah")


def _autosave_a_handover_field(page) -> None:
    field = page.locator("#handover_form textarea[hx-post]").nth(1)  # recurring deadlines: the journey types others
    field.fill("Laporan bulanan setiap tanggal 5.")
    field.blur()  # htmx saves the field on change

# Who knows what (issue 11): the people search, a person's page, knowledge at risk.
PEOPLE_SEARCH = PageSpec("people search", "/people?q=arsip", "pegawai", feature="people pages")
PERSON = PageSpec("people page", r"/people/\d+", "pegawai", link_on="/people?q=arsip", feature="people pages")
AT_RISK = PageSpec("knowledge at risk", "/people/at-risk", "lead.dinkes", feature="knowledge at risk")
PEOPLE_PAGES = (PEOPLE_SEARCH, PERSON, AT_RISK)

USER_SEARCH_TYPED = ADMIN_USERS.after("admin user search (as you type)", _type_in_user_search)
SEARCH_TYPED = SEARCH.after("search as you type", type_in_search_as_you_type)
SEARCH_ALL_TYPED = SEARCH_ALL.after("search as you type (groups of copies)", _type_a_word_of_many_copies)
MEETING_FORM = COP.after("meeting form (Catat pertemuan)", _open_meeting_form)
UPLOAD_FORM = COP.after("asset upload form (Unggah aset)", _open_upload_form)
NOMINATION_AUTOSAVE = AWARD_NOMINATION.after("award nomination autosave", _autosave_a_narrative)
HANDOVER_AUTOSAVE = HANDOVER_RECORD.after("handover autosave", _autosave_a_handover_field)
DISCUSSION_SEARCH_TYPED = DISCUSSION_SEARCH.after("discussion search as you type", _type_in_discussion_search)

PEOPLE_TYPED = PEOPLE_SEARCH.after("people search as you type", _type_a_topic_in_people_search)

BUDGET_PAGES = (LOGIN, HOME, ADMIN_USERS, SEARCH, SEARCH_ALL, ASSET, COP, DASHBOARD, AWARD_SCORE, AWARD_ROUND_ADMIN,
                AWARD_RESULTS, AWARD_NOMINATION) + MATURITY_PAGES + HANDOVER_PAGES + COLLABORATION_PAGES \
    + DISCUSSION_PAGES + PEOPLE_PAGES
BUDGET_PARTIALS = (USER_SEARCH_TYPED, SEARCH_TYPED, SEARCH_ALL_TYPED, MEETING_FORM, UPLOAD_FORM, NOMINATION_AUTOSAVE,
                   HANDOVER_AUTOSAVE, DISCUSSION_SEARCH_TYPED, PEOPLE_TYPED)
AXE_PAGES = (LOGIN, HOME, ADMIN_USERS, NOT_FOUND, SEARCH, SEARCH_ALL, ASSET, COP, MEETING_FORM, UPLOAD_FORM,
             DASHBOARD, AWARD_SCORE, AWARD_NOMINATION, AWARD_ROUND_ADMIN, AWARD_RESULTS) + MATURITY_PAGES \
    + HANDOVER_PAGES + COLLABORATION_PAGES + DISCUSSION_PAGES + PEOPLE_PAGES
# Every main page, for the phone-width check: nothing may make the whole page scroll sideways.
MAIN_PAGES = AXE_PAGES + (AGENCY, MEETING, REPORT, TARGETS, COP_LIST, DUE, QUARTER_LOCKS)


def resolve_path(request_context, spec: PageSpec) -> str | None:
    """The URL of `spec`, or None while its feature is not there (an unexpected 404, or no link yet)."""
    path = first_link(request_context, spec.link_on, spec.path) if spec.link_on else spec.path
    if path is None:
        return None
    status = request_context.get(path, max_redirects=0).status
    return None if status == 404 and spec.status != 404 else path


def find_path(browser, base_url: str, spec: PageSpec, storage_state: dict | None) -> str | None:
    """resolve_path through a throw-away context (its requests never touch a measured cache)."""
    context = browser.new_context(base_url=base_url, storage_state=storage_state)
    try:
        return resolve_path(context.request, spec)
    finally:
        context.close()


def open_as_the_user_would(page, path: str, then: Callable | None = None) -> None:
    """Load `path`; then do `then(page)` and wait until its htmx swap has settled."""
    page.goto(path)
    page.locator("#content").wait_for(state="visible")
    if then is None:
        return
    with page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        then(page)
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
