"""Who sees a meeting's attendee names and minutes: the programme office's setting (issue 9, fix 5).

Head counts stay public; everyone else reads a short note. Every shape of the meeting page is
checked, so that no partial hands out what the full page hides.
"""
from datetime import date

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kmapp.extensions import db
from kmapp.models import (Agency, Asset, AssetStatus, Attendance, AuditLog, CommunityMember, Meeting, MemberRole,
                          ProgrammeSetting, Role, User, Visibility)
from kmapp.policy import can_see_attendees, can_see_minutes
from kmapp.programme_settings import change_setting, setting_value

from .conftest import csrf_token_from, sign_in, user
from .fixtures_communities import HX, is_fragment

GUEST = "Budi Santoso"
MINUTES = "Rahasia rapat"
HIDDEN_ATTENDEES = "Daftar hadir hanya terlihat oleh anggota CoP."
HIDDEN_ATTENDEES_AGENCY = "Daftar hadir hanya terlihat oleh anggota CoP dan pegawai perangkat daerahnya."
HIDDEN_MINUTES = "Notulen hanya terlihat oleh anggota CoP."
LOGINS = {"admin": "admin", "lead_a": "lead.a", "facilitator": "fasilitator", "member_a": "anggota.a",
          "colleague_a": "rekan.a", "employee": "pegawai", "lead_b": "lead.b", "assessor": "juri"}
# Who is in meeting_a's circle (CoP JAK-HIGH of Dinas Kesehatan), and who works at that agency.
CIRCLE = {"admin", "lead_a", "facilitator", "member_a"}
SAME_AGENCY = {"colleague_a"}
EVERYONE = set(LOGINS)


@pytest.fixture
def meeting(app, world):
    """meeting_a with a named attendee, a guest, minutes and a head count; two more employees."""
    with app.app_context():
        meeting = db.session.get(Meeting, world.meeting_a)
        agency_a = db.session.get(Agency, world.agency_a)
        member = user("anggota.a", agency_a, Role.EMPLOYEE)
        user("rekan.a", agency_a, Role.EMPLOYEE)  # same agency, not in the CoP
        meeting.community.members.append(CommunityMember(user=member, role=MemberRole.MEMBER))
        meeting.attendances += [Attendance(user=member), Attendance(guest_name=GUEST, guest_institution="UI")]
        meeting.minutes_md, meeting.head_count = f"**{MINUTES}**", 9
        db.session.commit()
        return meeting.id


def set_rule(app, name: str, value: str) -> None:
    with app.app_context():
        change_setting(name, value, db.session.scalar(select(User).where(User.username == "admin")))
        db.session.commit()


def view(client, who: str, meeting_id: int, headers=None):
    client.post("/logout")
    assert sign_in(client, LOGINS[who]).status_code == 302
    response = client.get(f"/meetings/{meeting_id}", headers=headers or {})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def add_asset(app, world, meeting_id, visibility, status=AssetStatus.PUBLISHED):
    with app.app_context():
        db.session.add(Asset(community_id=world.cop_a, meeting_id=meeting_id, title="Rangkuman", asset_type="report",
                             km_stage="sharing", visibility=visibility, status=status, published_on=date(2025, 8, 20)))
        db.session.commit()


# --- attendee names -----------------------------------------------------------------------------

@pytest.mark.parametrize("rule, audience", [
    ("members", CIRCLE), ("agency", CIRCLE | SAME_AGENCY), ("all", EVERYONE)])
def test_attendee_names_follow_the_setting_for_every_role(app, client, world, meeting, rule, audience):
    if rule != "members":
        set_rule(app, "attendee_visibility", rule)
    for who in LOGINS:
        page = view(client, who, meeting)
        names = BeautifulSoup(page, "html.parser").find(id="meeting_attendance")
        assert (GUEST in page) == (who in audience), (rule, who)
        assert ("Anggota.A" in names.get_text()) == (who in audience), (rule, who)
        note = HIDDEN_ATTENDEES_AGENCY if rule == "agency" else HIDDEN_ATTENDEES
        assert (note in names.get_text()) == (who not in audience), (rule, who)
        assert "(2 nama)" not in page or who in audience  # not even how many were named
        assert "Jumlah peserta</dt><dd>9</dd>" in page  # the head count is public


def test_the_default_is_members_facilitators_and_admins(app, world, meeting):
    with app.app_context():
        assert setting_value("attendee_visibility") == "members"
        assert setting_value("minutes_visibility") == "public_assets"
        meeting_a = db.session.get(Meeting, meeting)
        people = {login: db.session.scalar(select(User).where(
            (User.username == login) | (User.nip == login))) for login in LOGINS.values()}
        allowed = {login for login, person in people.items() if can_see_attendees(person, meeting_a)}
        assert allowed == {LOGINS[who] for who in CIRCLE}
        from flask_login import AnonymousUserMixin
        assert not can_see_attendees(AnonymousUserMixin(), meeting_a)
        assert not can_see_minutes(AnonymousUserMixin(), meeting_a)


# --- minutes --------------------------------------------------------------------------------------

@pytest.mark.parametrize("rule, audience", [
    ("public_assets", CIRCLE), ("members", CIRCLE), ("agency", CIRCLE | SAME_AGENCY), ("all", EVERYONE)])
def test_minutes_follow_the_setting_for_every_role(app, client, world, meeting, rule, audience):
    if rule != "public_assets":
        set_rule(app, "minutes_visibility", rule)
    for who in LOGINS:
        page = BeautifulSoup(view(client, who, meeting), "html.parser")
        section = page.find(id="meeting_minutes")
        assert (section.find("strong", string=MINUTES) is not None) == (who in audience), (rule, who)
        assert (MINUTES in section.get_text()) == (who in audience), (rule, who)
        if who not in audience:
            expected = ("Notulen hanya terlihat oleh anggota CoP dan pegawai perangkat daerahnya."
                        if rule == "agency" else HIDDEN_MINUTES)
            assert expected in section.get_text()


@pytest.mark.parametrize("visibility, status, opens", [
    (Visibility.ALL, AssetStatus.PUBLISHED, True),
    (Visibility.AGENCY, AssetStatus.PUBLISHED, False),
    (Visibility.COMMUNITY, AssetStatus.PUBLISHED, False),
    (Visibility.ALL, AssetStatus.DRAFT, False),
    (Visibility.ALL, AssetStatus.WITHDRAWN, False),
])
def test_by_default_minutes_open_once_the_meeting_produced_an_asset_open_to_all(app, client, world, meeting,
                                                                                 visibility, status, opens):
    add_asset(app, world, meeting, visibility, status)
    for who in ("employee", "colleague_a", "assessor", "lead_b"):
        assert (MINUTES in view(client, who, meeting)) == opens, who
    assert MINUTES in view(client, "member_a", meeting)
    assert GUEST not in view(client, "employee", meeting)  # names follow their own setting


def test_another_meetings_public_asset_does_not_open_these_minutes(app, client, world, meeting):
    add_asset(app, world, world.meeting_b, Visibility.ALL)
    assert MINUTES not in view(client, "employee", meeting)


# --- no way around it through partials or other pages -------------------------------------------

@pytest.mark.parametrize("headers", [HX, {**HX, "HX-History-Restore-Request": "true"}],
                         ids=["htmx block", "history restore"])
def test_partials_of_the_meeting_page_hide_the_same(app, client, world, meeting, headers):
    page = view(client, "employee", meeting, headers)
    assert GUEST not in page and MINUTES not in page and "Anggota.A" not in page
    if "HX-History-Restore-Request" in headers:
        assert HIDDEN_ATTENDEES in page and HIDDEN_MINUTES in page  # the whole page, notes included
    else:
        assert "<html" not in page and HIDDEN_ATTENDEES not in page  # the accompaniment block only


def test_outsiders_cannot_reach_names_or_minutes_through_other_endpoints(app, client, world, meeting):
    view(client, "employee", meeting)
    assert client.get(f"/meetings/{meeting}/edit").status_code == 403
    assert client.get(f"/meetings/{meeting}/edit", headers=HX).status_code == 403
    refused = client.post(f"/meetings/{meeting}/accompaniment", data={"feedback": "x"}, headers=HX)
    assert refused.status_code == 403 and GUEST not in refused.get_data(as_text=True)
    cop_page = client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    assert "9 peserta" in cop_page and GUEST not in cop_page and MINUTES not in cop_page
    timeline = client.get(f"/cops/{world.cop_a}", headers=HX)
    assert is_fragment(timeline) and GUEST not in timeline.get_data(as_text=True)


def test_a_facilitator_who_posts_an_empty_form_still_sees_what_he_may(app, client, world, meeting):
    # The accompaniment answer re-renders the meeting page: it goes through the same rule.
    view(client, "facilitator", meeting)
    page = client.post(f"/meetings/{meeting}/accompaniment", data={"feedback": "x" * 5001}).get_data(as_text=True)
    assert GUEST in page and MINUTES in page


# --- the setting: admins only, audited, constrained ---------------------------------------------

def test_the_programme_office_changes_the_setting_and_it_is_audited(app, client, world, meeting):
    view(client, "admin", meeting)
    page = BeautifulSoup(client.get("/admin/settings").data, "html.parser")
    assert page.select_one("input[name=attendees][checked]")["value"] == "members"
    assert page.select_one("input[name=minutes][checked]")["value"] == "public_assets"
    assert page.find("a", string="Pengaturan program") is not None  # in the menu
    saved = client.post("/admin/settings", data={"attendees": "agency", "minutes": "public_assets"},
                        follow_redirects=True)
    assert "Pengaturan disimpan." in saved.get_data(as_text=True)
    with app.app_context():
        assert setting_value("attendee_visibility") == "agency"
        row = db.session.get(ProgrammeSetting, "attendee_visibility")
        assert row.updated_by.username == "admin" and row.updated_at is not None
        audit = db.session.scalars(select(AuditLog).where(AuditLog.action == "programme_setting.changed")).all()
        assert [(a.entity_id, a.before, a.after) for a in audit] == [
            ("attendee_visibility", '{"value": "members"}', '{"value": "agency"}')]
    assert GUEST in view(client, "colleague_a", meeting)
    view(client, "admin", meeting)
    again = client.post("/admin/settings", data={"attendees": "agency", "minutes": "public_assets"},
                        follow_redirects=True)
    assert "Tidak ada yang berubah." in again.get_data(as_text=True)


def test_an_unknown_choice_is_refused_and_nothing_changes(app, client, world, meeting):
    view(client, "admin", meeting)
    response = client.post("/admin/settings", data={"attendees": "publik", "minutes": "all"})
    assert response.status_code == 200 and "Not a valid choice" not in response.get_data(as_text=True)
    assert BeautifulSoup(response.data, "html.parser").select(".has-error")
    with app.app_context():
        assert setting_value("attendee_visibility") == "members"
        assert setting_value("minutes_visibility") == "public_assets"


@pytest.mark.parametrize("who", ["lead_a", "facilitator", "employee", "assessor"])
def test_only_admins_reach_the_settings(app, client, world, meeting, who):
    page = view(client, who, meeting)
    assert "Pengaturan program" not in page
    assert client.get("/admin/settings").status_code == 403
    assert client.post("/admin/settings", data={"attendees": "all", "minutes": "all"}).status_code == 403
    with app.app_context():
        assert setting_value("attendee_visibility") == "members"


def test_the_settings_form_needs_its_csrf_token(app, client, world, meeting):
    view(client, "admin", meeting)
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/admin/settings", data={"attendees": "all", "minutes": "all"}).status_code == 400
    token = csrf_token_from(client.get("/admin/settings").get_data(as_text=True))
    accepted = client.post("/admin/settings", data={"attendees": "all", "minutes": "all", "csrf_token": token})
    assert accepted.status_code == 302
    with app.app_context():
        assert setting_value("minutes_visibility") == "all"


def test_the_database_refuses_unknown_settings_and_values(app, world):
    with app.app_context():
        for name, value in (("attendee_visibility", "public_assets"), ("unknown", "all")):
            db.session.add(ProgrammeSetting(name=name, value=value))
            with pytest.raises(IntegrityError):
                db.session.commit()
            db.session.rollback()
        with pytest.raises(ValueError):
            change_setting("minutes_visibility", "everybody", None)
