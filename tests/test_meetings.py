"""The meeting log: forms in both shapes, quarter derivation, permissions, locks, minutes."""
from datetime import date, datetime, timedelta, timezone

import pytest
from bs4 import BeautifulSoup

from kmapp.clock import local_today
from kmapp.communities.minutes import render_minutes_html
from kmapp.extensions import db
from kmapp.models import Community, CommunityMember, Meeting, MemberRole, Role, User
from kmapp.quarters import quarter_of

from .conftest import user
from .fixtures_communities import (HX, audit_actions, is_fragment, jakarta_today, meeting_fields, sign_in_as,
                                   stored_meeting)


# --- logging a meeting: both shapes -------------------------------------------------------

def test_lead_logs_a_meeting_in_place_and_gets_the_new_timeline(app, client, world, login_as):
    login_as("lead_a")
    form = client.get(f"/cops/{world.cop_a}/meetings/new", headers=HX)
    assert form.status_code == 200 and is_fragment(form)
    assert b'hx-post="/cops/' in form.data and b"Catat pertemuan" in form.data
    assert f'hx-vals=\'{{"cop": {world.cop_a}}}\''.encode() in form.data   # look-up ranks the CoP's agency first

    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(), headers=HX)
    assert response.status_code == 200 and is_fragment(response)
    assert response.headers["HX-Retarget"] == "#meeting_timeline"
    page = BeautifulSoup(response.data, "html.parser")
    assert "Sharing SOP rujukan" in page.find("ol", class_="tl").get_text()
    closed_form = page.find(id="meeting_form")
    assert closed_form["hx-swap-oob"] == "innerHTML" and closed_form.find("form") is None
    assert "Triwulan III 2025" in closed_form.get_text()
    assert page.find(id="cop_figures")["hx-swap-oob"] == "innerHTML"
    saved = stored_meeting(app, "Sharing SOP rujukan")
    assert (saved.year, saved.quarter, saved.format, saved.head_count) == (2025, 3, "hybrid", 12)
    assert saved.seci_stages == ["socialization"] and saved.created_by_id == world.lead_a
    assert audit_actions(app, "meeting") == ["meeting.created"]


def test_without_javascript_the_form_is_a_page_that_redirects_to_the_meeting(client, world, login_as):
    login_as("lead_a")
    page = client.get(f"/cops/{world.cop_a}/meetings/new")
    assert b"<html" in page.data and b"hx-post" not in page.data
    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields())
    assert response.status_code == 302 and "/meetings/" in response.headers["Location"]
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sharing SOP rujukan" in shown and "Pertemuan tersimpan di Triwulan III 2025" in shown


@pytest.mark.parametrize("shape", ["htmx", "plain"])
def test_a_validation_error_keeps_everything_typed(app, client, world, login_as, shape):
    login_as("lead_a")
    future = (jakarta_today(app) + timedelta(days=1)).isoformat()
    typed = meeting_fields(held_on=future, topic="Topik <b>saya</b>", guests="Budi — UI", head_count="7",
                           seci_stages=["socialization", "combination"], format="online")
    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=typed, headers=HX if shape == "htmx" else {})
    assert response.status_code == 200
    assert is_fragment(response) == (shape == "htmx")
    form = BeautifulSoup(response.data, "html.parser").find("form", class_="meeting-form")
    error = form.find(id="held_on").find_parent("div").find("p", class_="error").get_text()
    assert "tidak boleh di masa depan" in error
    assert form.find(id="held_on")["value"] == future
    assert form.find(id="topic")["value"] == "Topik <b>saya</b>"
    assert form.find(id="guests").get_text().lstrip("\r\n") == "Budi — UI"  # browsers drop that newline
    assert form.find(id="head_count")["value"] == "7"
    assert {box["value"] for box in form.select("input[name=seci_stages][checked]")} == {"socialization", "combination"}
    assert form.select_one("input[name=format][checked]")["value"] == "online"
    assert ("hx-post" in form.attrs) == (shape == "htmx")
    assert stored_meeting(app, "Topik <b>saya</b>") is None


def test_head_count_must_cover_the_named_attendees(client, world, login_as):
    login_as("lead_a")
    response = client.post(f"/cops/{world.cop_a}/meetings/new", headers=HX, data=meeting_fields(
        head_count="1", attendee_logins="lead.a\nfasilitator", guests="Budi — UI"))
    text = response.get_data(as_text=True)
    assert "Jumlah peserta (1) lebih kecil dari jumlah peserta yang disebut namanya (3)" in text


def test_guest_and_nip_lines_are_checked_with_clear_messages(client, world, login_as):
    login_as("lead_a")
    response = client.post(f"/cops/{world.cop_a}/meetings/new", headers=HX, data=meeting_fields(
        guests="Budi — UI\nTanpa instansi", attendee_logins="199001012015031001"))
    text = response.get_data(as_text=True)
    assert "Baris 2: tulis nama dan instansi" in text
    assert "Tidak ada pegawai aktif dengan NIP atau nama pengguna: 199001012015031001" in text


def test_attendees_from_chips_nip_lines_and_guests_are_stored_and_edited(app, client, world, login_as):
    with app.app_context():
        nip_person = user("siti", db.session.get(Community, world.cop_a).agency, Role.EMPLOYEE,
                          nip="199001012015032001")
        retired = user("pensiun", None, Role.EMPLOYEE)
        retired.active = False
        db.session.commit()
        nip_id, retired_id = nip_person.id, retired.id
    login_as("lead_a")
    chips = [str(world.employee), str(world.lead_a), str(world.lead_a)]   # a chip added twice counts once
    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(
        attendees=chips, attendee_logins="1990 0101 2015 03 2 001\nfasilitator",
        guests="Budi Santoso — Universitas Indonesia\nRina; Tim konsultan\nBudi Santoso — Universitas Indonesia"))
    assert response.status_code == 302
    saved = stored_meeting(app, "Sharing SOP rujukan")
    assert {a.user_id for a in saved.attendances if a.user_id} == {world.employee, world.lead_a, nip_id,
                                                                    world.facilitator}
    assert sorted((a.guest_name, a.guest_institution) for a in saved.attendances if not a.user_id) == [
        ("Budi Santoso", "Universitas Indonesia"), ("Rina", "Tim konsultan")]

    # A closed account cannot be added as a new attendee.
    refused = client.post(f"/meetings/{saved.id}/edit", headers=HX, data=meeting_fields(attendees=[str(retired_id)]))
    assert "tidak ditemukan atau akunnya tidak aktif" in refused.get_data(as_text=True)

    edit_page = BeautifulSoup(client.get(f"/meetings/{saved.id}/edit").data, "html.parser")
    assert {box["value"] for box in edit_page.select("#attendee_chips input[name=attendees]")} == {
        str(world.employee), str(world.lead_a), str(nip_id), str(world.facilitator)}
    assert "Rina — Tim konsultan" in edit_page.find(id="guests").get_text()
    client.post(f"/meetings/{saved.id}/edit", data=meeting_fields(attendees=[str(nip_id)], guests="Rina — Tim konsultan"))
    edited = stored_meeting(app, "Sharing SOP rujukan")
    assert [(a.user_id, a.guest_name) for a in sorted(edited.attendances, key=lambda a: a.id)] == [
        (nip_id, None), (None, "Rina")]
    assert audit_actions(app, "meeting") == ["meeting.created", "meeting.updated"]


def test_quarter_and_year_come_from_the_date_at_the_boundaries(app, client, world, login_as):
    login_as("lead_a")
    cases = [("2025-03-31", "Triwulan I 2025"), ("2025-04-01", "Triwulan II 2025"),
             ("2025-09-30", "Triwulan III 2025"), ("2025-10-01", "Triwulan IV 2025"),
             ("2025-12-31", "Triwulan IV 2025"), ("2026-01-01", "Triwulan I 2026")]
    for held_on, expected in cases:
        topic = f"Batas {held_on}"
        # A year and quarter sent along are ignored: they are derived, never typed.
        response = client.post(f"/cops/{world.cop_a}/meetings/new",
                               data=meeting_fields(held_on=held_on, topic=topic, year="1999", quarter="2"))
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert expected in page, held_on
        saved = stored_meeting(app, topic)
        assert f"Triwulan {['I', 'II', 'III', 'IV'][saved.quarter - 1]} {saved.year}" == expected
    timeline = client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    assert "31 Des 2025" in timeline and "1 Jan 2026" in timeline


def test_old_browsers_may_type_the_date_day_first(app, client, world, login_as):
    login_as("lead_a")
    client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(held_on="01/10/2025"))
    assert stored_meeting(app, "Sharing SOP rujukan").held_on == date(2025, 10, 1)


# --- who may do what ---------------------------------------------------------------------

@pytest.mark.parametrize("who", ["lead_b", "employee", "facilitator", "assessor"])
def test_only_the_cops_leads_and_admins_log_or_edit_its_meetings(client, world, login_as, who):
    login_as(who)
    assert client.get(f"/cops/{world.cop_a}/meetings/new").status_code == 403
    assert client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields()).status_code == 403
    assert client.get(f"/meetings/{world.meeting_a}/edit").status_code == 403
    assert client.post(f"/meetings/{world.meeting_a}/edit", data=meeting_fields()).status_code == 403
    assert client.get(f"/meetings/{world.meeting_a}").status_code == 200   # reading is for everyone


def test_an_admin_may_log_and_edit_for_any_cop(app, client, world, login_as):
    login_as("admin")
    assert client.post(f"/cops/{world.cop_b}/meetings/new", data=meeting_fields()).status_code == 302
    assert client.post(f"/meetings/{world.meeting_a}/edit",
                       data=meeting_fields(topic="Diubah admin")).status_code == 302
    assert stored_meeting(app, "Diubah admin").id == world.meeting_a


# --- accompaniment -------------------------------------------------------------------------

def test_the_assigned_facilitator_confirms_accompaniment_in_place(app, client, world, login_as):
    login_as("facilitator")
    page = client.get(f"/meetings/{world.meeting_a}").get_data(as_text=True)
    assert "Konfirmasi: saya mendampingi pertemuan ini" in page
    response = client.post(f"/meetings/{world.meeting_a}/accompaniment", headers=HX,
                           data={"feedback": "Notulen rapi; unggah SOP-nya."})
    assert response.status_code == 200 and is_fragment(response)
    assert "Didampingi" in response.get_data(as_text=True) and "Pendampingan dikonfirmasi" in response.get_data(as_text=True)
    with app.app_context():
        meeting = db.session.get(Meeting, world.meeting_a)
        assert meeting.accompanied_by_id == world.facilitator and meeting.accompanied_at is not None
        assert meeting.facilitator_feedback == "Notulen rapi; unggah SOP-nya."
    assert audit_actions(app, "meeting") == ["meeting.accompanied"]
    # Plain form post: redirect back, feedback can be updated, the first confirmation stays.
    again = client.post(f"/meetings/{world.meeting_a}/accompaniment", data={"feedback": "Sudah diunggah."})
    assert again.status_code == 302
    assert audit_actions(app, "meeting") == ["meeting.accompanied", "meeting.feedback_changed"]
    sign_in_as(client, login_as, "lead_a")
    cop_page = client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    assert "Didampingi" in cop_page
    assert "Sudah diunggah." in client.get(f"/meetings/{world.meeting_a}").get_data(as_text=True)


def test_a_lead_never_confirms_his_own_meeting_even_as_facilitator_elsewhere(app, client, world, login_as):
    with app.app_context():
        lead = db.session.get(User, world.lead_a)
        lead.set_roles(lead.roles | {Role.FACILITATOR})
        db.session.add(CommunityMember(community_id=world.cop_b, user_id=lead.id, role=MemberRole.FACILITATOR))
        db.session.commit()
    login_as("lead_a")
    assert "Konfirmasi: saya" not in client.get(f"/meetings/{world.meeting_a}").get_data(as_text=True)
    assert client.post(f"/meetings/{world.meeting_a}/accompaniment", data={}).status_code == 403
    assert client.post(f"/meetings/{world.meeting_b}/accompaniment", data={}).status_code == 302


@pytest.mark.parametrize("who, status", [("lead_b", 403), ("employee", 403), ("admin", 302)])
def test_accompaniment_is_refused_to_everyone_but_facilitator_and_admin(client, world, login_as, who, status):
    login_as(who)
    assert client.post(f"/meetings/{world.meeting_a}/accompaniment", data={}).status_code == status


def test_a_facilitator_not_assigned_to_the_cop_is_refused(client, world, login_as):
    login_as("facilitator")
    assert client.post(f"/meetings/{world.meeting_b}/accompaniment", data={}).status_code == 403


# --- locked quarters -------------------------------------------------------------------------

def test_a_locked_quarter_is_for_admins_only_and_every_change_is_audited(app, client, world, login_as):
    login_as("admin")
    locked = client.post("/quarters/2025/3/lock", follow_redirects=True).get_data(as_text=True)
    assert "Triwulan III 2025 dikunci." in locked
    assert audit_actions(app, "quarter_lock") == ["quarter.locked"]

    sign_in_as(client, login_as, "lead_a")
    assert client.get(f"/meetings/{world.meeting_a}/edit").status_code == 403
    assert client.post(f"/meetings/{world.meeting_a}/edit", data=meeting_fields()).status_code == 403
    assert "Terkunci" in client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    assert f"/meetings/{world.meeting_a}/edit" not in client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    refused = client.post(f"/cops/{world.cop_a}/meetings/new", headers=HX, data=meeting_fields(held_on="2025-09-01"))
    assert "Triwulan III 2025 sudah dikunci" in refused.get_data(as_text=True)
    assert stored_meeting(app, "Sharing SOP rujukan") is None
    # Nor may a lead move an open-quarter meeting into the locked one.
    client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(held_on="2025-10-02"))
    moved = stored_meeting(app, "Sharing SOP rujukan")
    response = client.post(f"/meetings/{moved.id}/edit", headers=HX, data=meeting_fields(held_on="2025-09-30"))
    assert "sudah dikunci" in response.get_data(as_text=True)
    assert stored_meeting(app, "Sharing SOP rujukan").quarter == 4

    sign_in_as(client, login_as, "admin")
    assert client.post(f"/meetings/{world.meeting_a}/edit", data=meeting_fields(topic="Koreksi admin")).status_code == 302
    assert audit_actions(app, "meeting") == ["meeting.created", "meeting.updated"]
    client.post("/quarters/2025/3/unlock")
    assert audit_actions(app, "quarter_lock") == ["quarter.locked", "quarter.unlocked"]
    sign_in_as(client, login_as, "lead_a")
    assert client.get(f"/meetings/{world.meeting_a}/edit").status_code == 200


def test_only_finished_quarters_can_be_locked_and_only_by_admins(app, client, world, login_as):
    login_as("lead_a")
    assert client.get("/quarters").status_code == 403
    assert client.post("/quarters/2025/3/lock").status_code == 403
    sign_in_as(client, login_as, "admin")
    year, quarter = quarter_of(jakarta_today(app))
    page = client.post(f"/quarters/{year}/{quarter}/lock", follow_redirects=True).get_data(as_text=True)
    assert "belum berakhir" in page
    listing = client.get("/quarters").get_data(as_text=True)
    assert "Triwulan III 2025" in listing and "Kunci triwulan" in listing


# --- minutes ---------------------------------------------------------------------------------

def _elements_and_handlers(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return ({tag.name for tag in soup.find_all(True)},
            [name for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")],
            [tag["href"] for tag in soup.find_all("a")])


def test_minutes_are_rendered_and_sanitised():
    # Raw HTML is shown as text (html=False), never as elements; unsafe links are not links.
    html = str(render_minutes_html("**tebal** <script>alert(1)</script> <img src=x onerror=alert(2)> "
                                   "[bahaya](javascript:alert(3)) [situs](https://jakarta.go.id)"))
    assert "<strong>tebal</strong>" in html
    tags, handlers, hrefs = _elements_and_handlers(html)
    assert "<script" not in html and not {"script", "img"} & tags and handlers == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # what the lead typed, visible as text
    assert hrefs == ["https://jakarta.go.id"]
    assert '<a href="https://jakarta.go.id" rel="noopener noreferrer">situs</a>' in html


def test_minutes_with_a_script_do_not_survive_to_the_meeting_page(app, client, world, login_as):
    login_as("lead_a")
    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(
        minutes="**Kesepakatan** <script>alert('x')</script><img src=x onerror=alert(1)>"))
    page = BeautifulSoup(client.get(response.headers["Location"]).data, "html.parser")
    minutes = page.find(class_="minutes")
    assert minutes.find("strong").get_text() == "Kesepakatan"
    assert minutes.find("script") is None and minutes.find("img") is None
    assert not [name for tag in minutes.find_all(True) for name in tag.attrs if name.startswith("on")]
    assert stored_meeting(app, "Sharing SOP rujukan").minutes_md.startswith("**Kesepakatan** <script>")


def test_today_is_jakarta_today_even_on_a_utc_server(app):
    with app.app_context():
        # 31 March 18:00 UTC is already 1 April 01:00 WIB: a new day and a new Triwulan.
        assert local_today(datetime(2025, 3, 31, 18, 0, tzinfo=timezone.utc)) == date(2025, 4, 1)
        assert local_today(datetime(2025, 3, 31, 16, 59, tzinfo=timezone.utc)) == date(2025, 3, 31)
