"""Every page and partial, as every role, over a world where all user data is hostile markup.

User data must reach the browser as text only: no element, no `hx-*` or `on*` attribute, no
`javascript:` link and no template expression may come from it (issue 9: a file name became an
htmx button that acted with the admin's CSRF header). The routes visited are checked against
`app.url_map`, so a new page cannot be forgotten.
"""
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from kmapp import create_app
from kmapp.assets import rules
from kmapp.extensions import db
from kmapp.models import Asset, Meeting, Notification

from .fixtures_assets import asset_form, exe_bytes, pdf_bytes
from .fixtures_hostile_award import _criteria as award_criteria
from .fixtures_hostile_award import build_hostile_award
from .fixtures_discussions import DISCUSSION_POST_ENDPOINTS, build_hostile_discussions, discussion_urls
from .fixtures_hostile import build_hostile_world, inspect_page, set_locale, sign_in_as, upload_with_name
from .fixtures_maturity import MATURITY_POST_ENDPOINTS, build_hostile_maturity, maturity_urls

HX = {"HX-Request": "true"}

ROLES = ("admin", "lead_a", "facilitator", "employee", "assessor")
# Hostile input the app may drop instead of showing (an unknown agency kind falls back to all kinds).
DROPPED_INPUT = {"kindq", "gyear"}

# GET endpoints that answer with something other than HTML, and what they must answer with.
NOT_HTML = {"assets.download": "application/pdf", "assets.view": "application/pdf",
            "handover.programme_csv": "text/csv",
            "handover.programme_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "main.healthz": "application/json", "programme.export_csv": "text/csv",
            "programme.export_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "maturity.evidence_file": "application/pdf",
            "award.results_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "award.attachment": "application/pdf", "assets.searchable_pdf": "application/pdf"}

# POST endpoints, and the test below that renders what they answer (or why nothing renders).
POST_ENDPOINTS = {
    "assets.new": "test_forms_with_errors_keep_hostile_input_as_text",
    "assets.new_file": "test_forms_with_errors_keep_hostile_input_as_text",
    "assets.add_file": "test_forms_with_errors_keep_hostile_input_as_text",
    "assets.edit": "test_forms_with_errors_keep_hostile_input_as_text",
    "communities.meeting_new": "test_forms_with_errors_keep_hostile_input_as_text",
    "communities.meeting_edit": "test_forms_with_errors_keep_hostile_input_as_text",
    "auth.login": "test_forms_with_errors_keep_hostile_input_as_text",
    "auth.change_password": "test_forms_with_errors_keep_hostile_input_as_text",
    "communities.accompaniment": "test_htmx_answers_to_posts_keep_hostile_data_as_text",
    "assets.review": "test_htmx_answers_to_posts_keep_hostile_data_as_text",
    "assets.vote_on": "test_htmx_answers_to_posts_keep_hostile_data_as_text",
    "admin.toggle_active": "test_flash_messages_carry_names_as_text, test_admin_pages_keep_hostile_names_as_text",
    "admin.save_access": "test_admin_pages_keep_hostile_names_as_text",
    "admin.save_membership": "test_admin_pages_keep_hostile_names_as_text",
    "admin.delete_membership": "test_admin_pages_keep_hostile_names_as_text (flash names person and CoP)",
    "main.set_language": "test_flash_messages_carry_names_as_text (redirects only to local paths)",
    "admin.settings": "redirect only (choices from fixed lists; the flash names no user data)",
    "auth.logout": "redirect only",
    "communities.quarter_lock": "redirect only (flash names a quarter, no user data)",
    "communities.quarter_unlock": "redirect only (flash names a quarter, no user data)",
    "programme.save_default_target": "redirect only (flash names a period)",
    "programme.save_override_target": "built in the world; the targets page is swept",
    "programme.delete_override_target": "redirect only",
    "award.new_round": "built in the world; test_award_forms_keep_hostile_input_as_text",
    "award.edit_round": "test_award_forms_keep_hostile_input_as_text",
    "award.add_assignment": "built in the world; test_award_forms_keep_hostile_input_as_text",
    "award.delete_assignment": "redirect only (the flash names no user data)",
    "award.finalise_round": "built in the world; redirect only (the flash names the round's title, swept on /award pages)",
    "award.reopen_round": "test_award_forms_keep_hostile_input_as_text",
    "award.nomination": "built in the world; test_award_forms_keep_hostile_input_as_text",
    "award.save_narrative": "test_award_forms_keep_hostile_input_as_text",
    "award.add_attachments": "built in the world (a hostile file name); redirect only",
    "award.delete_attachment": "redirect only",
    "award.score": "built in the world; test_award_forms_keep_hostile_input_as_text",
    "award.autosave_sheet": "test_award_forms_keep_hostile_input_as_text",
    "admin.handover_settings_save": "redirect only (numbers; the flash names no user data)",
    "handover.record": "redirect only, or the agency page with the form's errors (the person's name in a flash)",
    "handover.cancel": "redirect only",
    "handover.import_page": "the import report names lines and columns, no stored data",
    "handover.person_page": "redirect only, or the person page swept above with the form's errors",
    "handover.handover_page": "built in the world (hostile capture text); the page is swept",
    "handover.save_field": "a short 'saved' partial without user data (award/_autosaved.html)",
    "handover.add_successor_route": "built in the world (a successor of another agency); the page is swept",
    "handover.remove_successor_route": "redirect only",
    "handover.link_meeting_route": "redirect only",
    "handover.confirm": "redirect only (the flash names no user data)",
    "people.declare_expertise": "built in the world (a hostile topic); the people pages are swept",
    "people.withdraw_expertise": "redirect only, or the owner's list (the topics are swept on his page)",
    "people.hide_expertise": "redirect only, or the owner's list (no new data)",
    "guide.new": "built in the world (hostile title, body, change note); its pages are swept",
    "guide.edit": "redirect only (the flash names a version number)",
    "guide.review": "redirect only (the flash names a date)",
    "notifications.mark_read": "test_htmx_answers_to_posts_keep_hostile_data_as_text",
    "notifications.mark_all_read": "redirect only (the flash names no user data)",
    "notifications.preferences": "redirect only (choices from a fixed list)",
    "notifications.toggle_watch": "built in the world; test_htmx_answers_to_posts_keep_hostile_data_as_text",
}
POST_ENDPOINTS.update(MATURITY_POST_ENDPOINTS)
POST_ENDPOINTS.update(DISCUSSION_POST_ENDPOINTS)


def get_urls(w, p) -> dict[str, list[str]]:
    """Every GET endpoint -> URLs to visit, with the world's ids and hostile query strings."""
    hostile_q = p.long("query")
    return {
        "main.home": ["/"],
        "main.healthz": ["/healthz"],
        "auth.login": ["/login?next=" + p.short("next")],
        "auth.change_password": ["/account/password"],
        "admin.users": ["/admin/users", "/admin/users?q=zz", "/admin/users?q=" + hostile_q],
        "admin.settings": ["/admin/settings"],
        "admin.user_page": [f"/admin/users/{w.extra}", f"/admin/users/{w.lead_a}"],
        "assets.show": [f"/assets/{w.asset}"],
        "assets.edit": [f"/assets/{w.asset}/edit"],
        "assets.download": [f"/assets/{w.asset}/files/{w.version}/download"],
        "assets.view": [f"/assets/{w.asset}/files/{w.first_version}/view"],
        "assets.ocr_status": [f"/assets/{w.asset}/files/{w.version}/ocr"],
        "assets.searchable_pdf": [f"/assets/{w.asset}/files/{w.version}/searchable.pdf"],
        "assets.new_file": [f"/assets/{w.asset}/files/new", f"/assets/{w.asset}/files/new?file={w.file}"],
        "assets.add_file": [f"/assets/{w.asset}/files/add"],
        "assets.review": [f"/assets/{w.asset}/review", f"/assets/{w.asset}/review?next=/assets/due"],
        "assets.due": ["/assets/due"],
        "assets.new": ["/assets/new", f"/assets/new?cop={w.cop_a}", f"/assets/new?cop={w.cop_a}&meeting={w.meeting_a}",
                       f"/assets/new?meeting={w.meeting_a}"],
        "assets.tags": ["/assets/tags?q=zztag", "/assets/tags?q=" + hostile_q],
        "communities.cop_list": ["/cops", "/cops?q=zz", "/cops?q=" + hostile_q],
        "communities.cop_page": [f"/cops/{w.cop_a}", f"/cops/{w.cop_b}"],
        "communities.cop_assets": [f"/cops/{w.cop_a}/assets"],
        "communities.meeting_new": [f"/cops/{w.cop_a}/meetings/new"],
        "communities.meeting_page": [f"/meetings/{w.meeting_a}", f"/meetings/{w.meeting_b}"],
        "communities.meeting_edit": [f"/meetings/{w.meeting_a}/edit"],
        "communities.people_lookup": [f"/people/lookup?q=zz&cop={w.cop_a}", "/people/lookup?q=zzname",
                                      "/people/lookup?q=" + hostile_q],
        "communities.quarters": ["/quarters"],
        "programme.dashboard": ["/programme/", "/programme/?year=2025", "/programme/?year=2025&quarter=3",
                                "/programme/?year=2025&kind=" + p.tiny("kindq")],
        "programme.agency": [f"/programme/agencies/{w.agency_a}", f"/programme/agencies/{w.agency_b}"],
        "programme.my_agency": ["/programme/agencies/mine"],
        "programme.export_csv": ["/programme/export.csv?year=2025"],
        "programme.export_xlsx": ["/programme/export.xlsx?year=2025"],
        "programme.report": ["/programme/report?year=2025&quarter=3"],
        "programme.targets": ["/programme/targets?year=2025"],
        "award.index": ["/award/"],
        "award.new_round": ["/award/new"],
        "award.round_page": ["/award/2025", "/award/2026"],
        "award.edit_round": ["/award/2026/edit"],
        "award.nomination": [f"/award/2026/nominations/{w.agency_a}", f"/award/2025/nominations/{w.agency_a}"],
        "award.data_sheet_page": [f"/award/2026/datasheet/{w.agency_a}"],
        "award.score": [f"/award/2026/scores/{w.agency_a}", f"/award/2026/scores/{w.agency_b}",
                        f"/award/2025/scores/{w.agency_b}"],
        "award.other_scores": [f"/award/2026/scores/{w.agency_b}/others", f"/award/2025/scores/{w.agency_b}/others"],
        "award.results": ["/award/2025/results", "/award/2026/results"],
        "award.results_xlsx": ["/award/2025/results.xlsx"],
        "award.certificate": [f"/award/2025/certificates/{w.agency_b}"],
        "award.attachment": [f"/award/2025/nominations/{w.agency_a}/attachments/{w.award_attachment}"],
        "search.results": ["/search", "/search?q=racun", "/search?q=racun+zztitlezz", "/search?q=" + hostile_q,
                           "/search?q=racun&agency=" + p.tiny("facet") + "&type=sop&year=2025&stage=creation",
                           "/search?q=racun&sort=newest"],
        "handover.index": ["/handover/"],
        "handover.agency_page": [f"/handover/agencies/{w.agency_a}", f"/handover/agencies/{w.agency_b}"],
        "handover.import_page": [f"/handover/agencies/{w.agency_a}/import"],
        "handover.person_page": [f"/handover/people/{w.extra}"],
        "handover.programme_page": ["/handover/programme"],
        "handover.programme_csv": ["/handover/programme.csv"],
        "handover.programme_xlsx": ["/handover/programme.xlsx"],
        "handover.handover_page": [f"/handover/{w.handover}"],
        "people.search": ["/people", "/people?q=racun", "/people?q=" + hostile_q, "/people?q=zzskillzz"],
        "people.person_page": [f"/people/{w.lead_a}", f"/people/{w.extra}", f"/people/{w.facilitator}"],
        "people.at_risk": ["/people/at-risk"],
        "guide.index": ["/guide"],
        "guide.print_all": ["/guide/print", "/guide/print?year=" + p.tiny("gyear")],
        "guide.page": [f"/guide/{w.guide_slug}", f"/guide/{w.guide_slug}?year=2025"],
        "guide.history": [f"/guide/{w.guide_slug}/history"],
        "guide.version": [f"/guide/{w.guide_slug}/versions/1"],
        "guide.edit": [f"/guide/{w.guide_slug}/edit"],
        "guide.new": ["/guide/new"],
        "notifications.inbox": ["/notifications"],
        "notifications.preferences": ["/notifications/preferences"],
        "notifications.open_one": [f"/notifications/{w.notification}/open"],
        **maturity_urls(w),
        **discussion_urls(w, p),
    }


def _get_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods and rule.endpoint != "static"}


def _post_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One app and one hostile world for the whole sweep (building it uploads and indexes files)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
                      "LANGUAGES": ("id", "en"), "JOBS_WORKER": "inline"}, instance_path=str(tmp_path_factory.mktemp("hostile") / "instance"))
    with app.app_context():
        db.create_all()
    world = build_hostile_world(app, app.test_client())
    build_hostile_maturity(app, app.test_client(), world)
    build_hostile_award(app, app.test_client(), world)
    build_hostile_discussions(app, app.test_client(), world)
    urls = get_urls(world, world.payloads)
    world.ids["stored_markers"] = set(world.payloads.markers)  # what the world and the URLs carry
    yield app, world, urls
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def seen_markers():
    return set()


def test_the_sweep_visits_every_get_route(hostile):
    app, _world, urls = hostile
    missing = _get_endpoints(app) - set(urls)
    assert not missing, f"new GET routes: add them to get_urls() in {__name__} so they get the hostile sweep: {missing}"
    assert not set(urls) - _get_endpoints(app), "get_urls() names routes that no longer exist"
    adapter = app.url_map.bind("localhost")
    for endpoint, paths in urls.items():
        for path in paths:
            assert adapter.match(path.split("?", 1)[0], method="GET")[0] == endpoint, path


def test_every_post_route_is_accounted_for(hostile):
    app, _world, _urls = hostile
    assert _post_endpoints(app) == set(POST_ENDPOINTS), "say in POST_ENDPOINTS how a new POST route is covered"


def _sweep(app, client, urls, label: str, seen: set, expect_ok: bool) -> list:
    findings, statuses = [], {}
    for endpoint, paths in urls.items():
        for path in paths:
            for headers in ({}, HX):
                response = client.get(path, headers=headers)
                where = f"{label} {'htmx ' if headers else ''}GET {path[:80]}"
                statuses[where] = response.status_code
                assert response.status_code < 500, where
                if expect_ok:  # the admin may open everything (some pages redirect, e.g. /login)
                    assert response.status_code in (200, 302), (where, response.status_code)
                if endpoint in NOT_HTML:
                    if response.status_code == 200:
                        assert response.mimetype == NOT_HTML[endpoint], where
                        assert response.mimetype != "text/html"
                    response.close()
                    continue
                if response.status_code in (301, 302, 303):
                    location = response.headers["Location"]
                    assert location.startswith("/") and not location.startswith("//"), (where, location)
                    continue
                assert response.mimetype == "text/html", where
                findings += inspect_page(response.get_data(as_text=True), where, seen)
    return findings


@pytest.mark.parametrize("role", ROLES)
def test_every_page_and_partial_shows_hostile_data_as_text(hostile, seen_markers, role):
    app, world, urls = hostile
    client = sign_in_as(app, app.test_client(), getattr(world, role))
    findings = _sweep(app, client, urls, role, seen_markers, expect_ok=role == "admin")
    assert not findings, "\n".join(map(str, findings))


def test_every_page_in_english_too(hostile, seen_markers):
    app, world, urls = hostile
    set_locale(app, world.admin, "en")
    try:
        client = sign_in_as(app, app.test_client(), world.admin)
        assert 'lang="en"' in client.get("/").get_data(as_text=True)
        findings = _sweep(app, client, urls, "admin (en)", seen_markers, expect_ok=True)
    finally:
        set_locale(app, world.admin, "id")
    assert not findings, "\n".join(map(str, findings))


def test_signed_out_pages_show_hostile_query_strings_as_text(hostile, seen_markers):
    app, _world, urls = hostile
    client = app.test_client()
    findings = []
    for path in urls["auth.login"] + ["/assets/" + urls["admin.users"][-1].split("=", 1)[1]]:
        response = client.get(path)
        assert response.status_code in (200, 302, 404), path
        if response.mimetype == "text/html":
            findings += inspect_page(response.get_data(as_text=True), f"anonymous GET {path[:60]}", seen_markers)
    assert not findings, "\n".join(map(str, findings))


def test_not_found_pages_echo_hostile_paths_as_text(hostile, seen_markers):
    app, world, _urls = hostile
    client = sign_in_as(app, app.test_client(), world.admin)
    findings = []
    for path in ("/cops/" + world.payloads.short("path"), "/nothing/" + world.payloads.short("pathtwo")):
        for headers in ({}, HX):
            response = client.get(path, headers=headers)
            assert response.status_code == 404
            findings += inspect_page(response.get_data(as_text=True), f"404 {path[:40]}", seen_markers)
    assert not findings, "\n".join(map(str, findings))


def test_forms_with_errors_keep_hostile_input_as_text(hostile, seen_markers):
    app, world, _urls = hostile
    p = world.payloads
    client = sign_in_as(app, app.test_client(), world.lead_a)
    findings = []

    def check(response, where):
        assert response.status_code in (200, 400, 422), (where, response.status_code)
        findings.extend(inspect_page(response.get_data(as_text=True), where, seen_markers))

    for headers in ({}, HX):
        # An upload without a file: the form comes back with title, summary and tags kept.
        fields = asset_form(world.cop_a, world.meeting_a, title=p.long("formtitle"), summary=p.long("formsummary"),
                            tags=p.short("formtag"))
        check(client.post("/assets/new", data=fields, headers=headers), "upload without file")
        # A rejected file: the error names the file.
        response = client.post("/assets/new", data={**fields, "files": [(io.BytesIO(exe_bytes()),
                                                                         p.file_name("rejected"))]},
                               content_type="multipart/form-data", headers=headers)
        check(response, "upload of a rejected file")
        response = upload_with_name(client, {"change_note": p.long("formnote"), "target": ""}, exe_bytes(),
                                    p.file_name("rejectedversion"), url=f"/assets/{world.asset}/files/new",
                                    file_field="file", headers=headers)
        check(response, "rejected new version")
        response = upload_with_name(client, {"change_note": p.long("formextranote")}, exe_bytes(),
                                    p.file_name("rejectedextra"), url=f"/assets/{world.asset}/files/add",
                                    file_field="file", headers=headers)
        check(response, "rejected extra file")
        # A new version whose file is fine but whose note is missing: the file is kept, named.
        response = upload_with_name(client, {"change_note": "", "target": str(world.file)}, pdf_bytes("racun"),
                                    p.file_name("keptversion"), url=f"/assets/{world.asset}/files/new",
                                    file_field="file", headers=headers)
        check(response, "kept file of a new version")
        kept = BeautifulSoup(response.data, "html.parser").find(attrs={"data-kept": True})
        assert "zzkeptversionzz" in kept.get_text()
        check(client.post(f"/assets/{world.asset}/edit", data={**fields, "title": ""}, headers=headers),
              "asset edit without title")
        # A meeting with unknown attendees and a malformed guest line: the errors quote the input.
        meeting = {"held_on": "2025-08-20", "topic": p.long("formtopic"), "agenda": p.long("formagenda"),
                   "format": "offline", "place": p.long("formplace"), "head_count": "1", "seci_stages": ["combination"],
                   "minutes": p.minutes("formminutes"), "attendee_logins": p.short("formlogin"),
                   "guests": p.long("formguest")}
        check(client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting, headers=headers), "meeting with errors")
        check(client.post(f"/meetings/{world.meeting_a}/edit", data={**meeting, "held_on": "kemarin"}, headers=headers),
              "meeting edit with errors")
        check(client.post("/account/password", data={"current": "x", "new": p.long("password"), "confirm": "y"},
                          headers=headers), "password form")
    anonymous = app.test_client()
    check(anonymous.post("/login", data={"login": p.short("login"), "password": "salah"}), "login form")
    assert not findings, "\n".join(map(str, findings))


def _fresh_due_asset(app, client, world, title: str) -> int:
    """An asset of the lead's own, due for review, so that reviewing it leaves the world's alone."""
    response = upload_with_name(client, asset_form(world.cop_a, world.meeting_a, title=title), pdf_bytes("racun"),
                                "berkas.pdf")
    assert response.status_code == 302
    asset_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.get(response.headers["Location"])  # take the flash
    with app.app_context():
        db.session.get(Asset, asset_id).next_review_on = rules.today() - timedelta(days=1)
        db.session.commit()
    return asset_id


def test_htmx_answers_to_posts_keep_hostile_data_as_text(hostile, seen_markers):
    app, world, _urls = hostile
    p = world.payloads
    findings = []
    lead = sign_in_as(app, app.test_client(), world.lead_a)
    meeting = {"held_on": "2025-09-01", "topic": p.long("savedtopic"), "agenda": "", "format": "online",
               "place": "", "head_count": "3", "seci_stages": ["externalization"], "minutes": p.minutes("savedminutes"),
               "attendee_logins": "", "guests": ""}
    saved = lead.post(f"/cops/{world.cop_a}/meetings/new", data=meeting, headers=HX)
    assert saved.status_code == 200 and saved.headers["HX-Retarget"] == "#meeting_timeline"
    findings += inspect_page(saved.get_data(as_text=True), "meeting saved (htmx)", seen_markers)
    assert "zzsavedtopiczz" in BeautifulSoup(saved.data, "html.parser").get_text()
    uploaded = upload_with_name(lead, asset_form(world.cop_a, world.meeting_a, title=p.long("htmxtitle")),
                                pdf_bytes("racun"), p.file_name("htmxfile"), headers=HX)
    assert uploaded.status_code == 200 and "assetCreated" in uploaded.headers["HX-Trigger"]
    findings += inspect_page(uploaded.get_data(as_text=True), "upload saved (htmx)", seen_markers)
    assert "zzhtmxtitlezz" in BeautifulSoup(uploaded.data, "html.parser").get_text()
    asset_id = _fresh_due_asset(app, lead, world, p.long("reviewtitle"))
    for path in (f"/assets/{asset_id}/review", f"/assets/{asset_id}/vote"):
        response = lead.post(path, data={"next": "/assets/due", "useful": "1"}, headers=HX)
        assert response.status_code == 200, path
        findings += inspect_page(response.get_data(as_text=True), f"htmx POST {path}", seen_markers)
        if path.endswith("/review"):  # the due-list row comes back, with the asset's title
            assert "zzreviewtitlezz" in BeautifulSoup(response.data, "html.parser").get_text()
    with app.app_context():
        new_meeting = db.session.scalar(select(Meeting.id).where(Meeting.topic == meeting["topic"]))
    facilitator = sign_in_as(app, app.test_client(), world.facilitator)
    response = facilitator.post(f"/meetings/{new_meeting}/accompaniment", data={"feedback": p.long("newfeedback")},
                                headers=HX)
    assert response.status_code == 200
    findings += inspect_page(response.get_data(as_text=True), "accompaniment (htmx)", seen_markers)
    assert "zznewfeedbackzz" in BeautifulSoup(response.data, "html.parser").get_text()
    with app.app_context():  # the new meeting asked the facilitator to accompany it
        notification = db.session.scalar(select(Notification.id).where(
            Notification.user_id == world.facilitator, Notification.kind == "meeting.accompany"))
    response = facilitator.post(f"/notifications/{notification}/read", headers=HX)
    assert response.status_code == 200
    findings += inspect_page(response.get_data(as_text=True), "notification read (htmx)", seen_markers)
    assert "zzsavedtopiczz" in BeautifulSoup(response.data, "html.parser").get_text()
    response = lead.post(f"/watch/community/{world.cop_b}", headers=HX)
    assert response.status_code == 200
    findings += inspect_page(response.get_data(as_text=True), "watch (htmx)", seen_markers)
    assert not findings, "\n".join(map(str, findings))


def test_flash_messages_carry_names_as_text(hostile, seen_markers):
    app, world, _urls = hostile
    p = world.payloads
    findings = []
    lead = sign_in_as(app, app.test_client(), world.lead_a)
    fields = asset_form(world.cop_a, world.meeting_a, title=p.long("flashtitle"))
    response = upload_with_name(lead, fields, pdf_bytes("racun"), p.file_name("flashfile"))
    assert response.status_code == 302
    page = lead.get(response.headers["Location"])
    findings += inspect_page(page.get_data(as_text=True), "flash after upload", seen_markers)
    flash = BeautifulSoup(page.data, "html.parser").find("p", class_="flash-success")
    assert "zzflashtitlezz" in flash.get_text()
    asset_id = int(response.headers["Location"].rsplit("/", 1)[1])
    response = upload_with_name(lead, {"change_note": "v2"}, pdf_bytes("dua"),
                                p.file_name("flashversion"), url=f"/assets/{asset_id}/files/add", file_field="file")
    page = lead.get(response.headers["Location"])
    findings += inspect_page(page.get_data(as_text=True), "flash after new version", seen_markers)
    assert "zzflashversionzz" in BeautifulSoup(page.data, "html.parser").find("p", class_="flash-success").get_text()

    admin = sign_in_as(app, app.test_client(), world.admin)
    for _ in range(2):  # deactivate (confirmed), then activate again
        response = admin.post(f"/admin/users/{world.extra}/active", data={"confirm": "yes"})
        assert response.status_code == 302
        page = admin.get(response.headers["Location"])
        findings += inspect_page(page.get_data(as_text=True), "flash after (de)activation", seen_markers)
        assert "zznameextrazz" in BeautifulSoup(page.data, "html.parser").find("p", class_="flash-success").get_text()
    response = admin.post("/language", data={"lang": "id", "back": "javascript:alert(1)"})
    assert response.headers["Location"] == "/"
    assert not findings, "\n".join(map(str, findings))


def test_admin_pages_keep_hostile_names_as_text(hostile, seen_markers):
    """The admin's person page, its refusals and flashes, and the deactivation question."""
    app, world, _urls = hostile
    findings = []
    admin = sign_in_as(app, app.test_client(), world.admin)

    def check(response, where, expected_status=200):
        assert response.status_code == expected_status, (where, response.status_code)
        findings.extend(inspect_page(response.get_data(as_text=True), where, seen_markers))
        return BeautifulSoup(response.data, "html.parser").get_text()

    # Refused: a facilitator's place in a CoP without the facilitator role (names person and role).
    text = check(admin.post(f"/admin/users/{world.extra}/memberships",
                            data={"community_id": str(world.cop_b), "role": "facilitator"}), "membership refused")
    assert "zznameextrazz" in text and "belum memiliki peran Pendamping" in text
    # Refused: a role the extra's membership still needs is kept (names the CoP).
    text = check(admin.post(f"/admin/users/{world.lead_a}/access", data={"roles": ["employee"], "agency_id": ""}),
                 "access refused")
    assert "masih diperlukan" in text
    # Saved, then removed: the flashes name person and CoP.
    saved = admin.post(f"/admin/users/{world.extra}/memberships", data={"community_id": str(world.cop_b), "role": "member"})
    assert saved.status_code == 302
    check(admin.get(saved.headers["Location"]), "membership saved")
    removed = admin.post(f"/admin/users/{world.extra}/memberships/{world.cop_b}/delete")
    assert removed.status_code == 302
    check(admin.get(removed.headers["Location"]), "membership removed")
    # Deactivation asks first; the question names the person.
    text = check(admin.post(f"/admin/users/{world.extra}/active"), "deactivation question")
    assert "zznameextrazz" in text and "Ya, nonaktifkan" in text
    assert not findings, "\n".join(map(str, findings))


def test_the_minutes_keep_markdown_and_lose_everything_active(hostile):
    app, world, _urls = hostile
    client = sign_in_as(app, app.test_client(), world.employee)
    soup = BeautifulSoup(client.get(f"/meetings/{world.meeting_a}").data, "html.parser")
    minutes = soup.find("div", class_="minutes")
    assert minutes is not None and minutes.has_attr("hx-disable")
    assert minutes.find("em") and minutes.find("strong") and minutes.find("h2")
    links = {a.get("href", "") for a in minutes.find_all("a")}
    assert "https://example.org/zzminuteszz" in links and not any(h.startswith("javascript") for h in links)
    for tag in minutes.find_all(True):
        assert not [a for a in tag.attrs if a.startswith(("hx-", "on", "data-", "style"))], str(tag)
        assert tag.name not in ("script", "div", "img", "svg", "style", "iframe"), str(tag)
    # Raw HTML in Markdown is not parsed at all: it shows as inert text (no element came from it above).
    assert "<script>alert('zzminuteszz')</script>" in minutes.get_text()


def test_search_snippets_are_escaped_text_with_marks_only(hostile):
    app, world, _urls = hostile
    client = sign_in_as(app, app.test_client(), world.employee)
    soup = BeautifulSoup(client.get("/search?q=racun").data, "html.parser")
    snippets = soup.select("p.hit-snippet")
    assert snippets, "the sweep must see real search hits"
    assert any("zz" in s.get_text() for s in snippets)
    for snippet in snippets:
        assert snippet.has_attr("hx-disable")
        assert {tag.name for tag in snippet.find_all(True)} <= {"mark"}


def test_every_hostile_field_is_shown_as_text_somewhere(hostile, seen_markers):
    """Guards the sweep itself: a payload that no page displays proves nothing."""
    app, world, urls = hostile
    findings = []
    for role in ("admin", "lead_a", "facilitator"):
        client = sign_in_as(app, app.test_client(), getattr(world, role))
        for endpoint, paths in urls.items():
            for path in paths:
                response = client.get(path)
                if response.mimetype == "text/html":
                    findings += inspect_page(response.get_data(as_text=True), f"{role} GET {path[:60]}", seen_markers)
                response.close()
    anonymous = app.test_client()
    for path in urls["auth.login"]:
        findings += inspect_page(anonymous.get(path).get_data(as_text=True), f"anonymous GET {path}", seen_markers)
    assert not findings, "\n".join(map(str, findings))
    never_shown = world.stored_markers - DROPPED_INPUT - {m.lower() for m in seen_markers}
    assert not never_shown, f"payloads never displayed: {sorted(never_shown)}"


def test_award_forms_keep_hostile_input_as_text(hostile, seen_markers):
    """The award's forms sent back with errors, and the autosave answer, keep what was typed as text."""
    app, world, _urls = hostile
    p = world.payloads
    findings = []

    def check(response, where, expected=(200, 422)):
        assert response.status_code in expected, (where, response.status_code)
        findings.extend(inspect_page(response.get_data(as_text=True), where, seen_markers))
        return BeautifulSoup(response.data, "html.parser").get_text()

    first = min(award_criteria(app, 2026).values())
    lead = sign_in_as(app, app.test_client(), world.lead_a)
    url = f"/award/2026/nominations/{world.agency_a}"
    for headers in ({}, HX):
        text = check(lead.post(url, data={f"narrative_{first}": p.long("sentnarrative"), "send": "1"}, headers=headers),
                     "nomination sent incomplete")
        assert "zzsentnarrativezz" in text
        check(lead.post(f"{url}/narratives/{first}", data={f"narrative_{first}": p.long("autosaved")}, headers=HX), "autosave")
    assessor = sign_in_as(app, app.test_client(), world.assessor)
    text = check(assessor.post(f"/award/2026/scores/{world.agency_a}",
                               data={f"score_{first}": p.tiny("scoretxt"), f"comment_{first}": p.long("scorecomment"), "send": "1"}),
                 "score sheet with errors")
    assert "zzscorecommentzz" in text
    check(assessor.post(f"/award/2026/scores/{world.agency_a}/autosave",
                        data={f"score_{first}": p.tiny("autoval"), f"comment_{first}": p.long("autocomment")},
                        headers=HX), "score sheet autosave refused")
    admin = sign_in_as(app, app.test_client(), world.admin)
    check(admin.post("/award/new", data={"year": "1900", "title": p.long("newtitle"), "winners_count": "15",
                                         "submission_deadline": "2030-01-01"}), "new round with errors")
    check(admin.post("/award/2026/edit", data={"title": p.long("edittitle"), "winners_count": "0",
                                               "submission_deadline": "x"}), "round edit with errors")
    check(admin.post("/award/2026/assignments", data={"agency_id": str(world.agency_a),
                                                      "assessor_id": str(world.lead_a)}), "assignment refused")
    check(admin.post("/award/2025/reopen", data={"reason": "x"}), "reopen without reason")
    assert not findings, "\n".join(map(str, findings))


def test_discussion_forms_keep_hostile_input_as_text(hostile, seen_markers):
    """A new thread and a reply sent back with errors, a reply in place (htmx), following,
    locking, the outcome with errors and publishing the conclusion keep what was typed as text."""
    app, world, _urls = hostile
    p = world.payloads
    findings = []

    def check(response, where, expected=(200, 422)):
        assert response.status_code in expected, (where, response.status_code)
        findings.extend(inspect_page(response.get_data(as_text=True), where, seen_markers))
        return BeautifulSoup(response.data, "html.parser").get_text()

    lead = sign_in_as(app, app.test_client(), world.lead_a)
    text = check(lead.post(f"/discussions/new?cop={world.cop_a}", data={"title": "", "kind": "question",
                                                                     "body": p.long("newbody"), "closes_on": "x"}),
                 "new thread with errors")
    assert "zznewbodyzz" in text
    for headers in ({}, HX):
        text = check(lead.post(f"/discussions/{world.thread}/reply", data={"body": p.long("longreply") * 60},  # over 10,000
                               headers=headers), "reply too long")
        assert "zzlongreplyzz" in text
    text = check(lead.post(f"/discussions/{world.thread}/reply", data={"body": p.minutes("htmxreply")}, headers=HX),
                 "reply in place")
    assert "zzhtmxreplyzz" in text
    check(lead.post(f"/discussions/{world.thread}/follow", headers=HX), "follow (htmx)")
    check(lead.post(f"/discussions/{world.thread}/outcome", data={"outcome": ""}), "outcome with errors")
    refused = lead.post(f"/discussions/{world.thread}/meeting", data={"meeting_id": str(world.meeting_b),
                                                                    "agenda_item": p.long("badlink")})
    check(refused, "meeting link refused")
    kept = BeautifulSoup(refused.data, "html.parser").find("input", attrs={"name": "agenda_item"})
    assert kept["value"].startswith("zzbadlinkzz")
    assert lead.post(f"/discussions/{world.programme_thread}/lock").status_code == 403  # not a moderator there
    admin = sign_in_as(app, app.test_client(), world.admin)
    assert admin.post(f"/discussions/{world.programme_thread}/lock").status_code == 302
    assert admin.post(f"/discussions/{world.programme_thread}/lock").status_code == 302  # and open again
    text = check(admin.post(f"/discussions/{world.second_thread}/publish", data={"title": p.long("pubtitle"),
                 "asset_type": "nonsense", "km_stage": "creation", "visibility": "community"}), "publish with errors")
    assert "zzsecondoutcomezz" in text
    assert not findings, "\n".join(map(str, findings))
