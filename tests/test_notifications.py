"""Notifications in the portal: who hears of a new asset or meeting, the header count,
marking as read, following a CoP or a tag, and the fan-out as one batch."""
import re

import pytest
from sqlalchemy import event, func, select

from kmapp.extensions import db
from kmapp.models import (Asset, Community, CommunityMember, MemberRole, Notification, Role, Tag, User, Watch,
                          Visibility)

from .conftest import user
from .fixtures_assets import act_as, make_asset  # noqa: F401  (fixture)
from .fixtures_communities import meeting_fields

HX = {"HX-Request": "true"}


def notifications_of(app, login: str) -> list[Notification]:
    with app.app_context():
        person = db.session.scalar(select(User).where(User.username == login))
        return list(db.session.scalars(select(Notification).where(Notification.user_id == person.id)))


def add_member(app, cop_id: int, login: str, agency_id=None) -> int:
    with app.app_context():
        agency = None if agency_id is None else agency_id
        person = user(login, None, Role.EMPLOYEE)
        person.agency_id = agency
        db.session.add(CommunityMember(community_id=cop_id, user=person, role=MemberRole.MEMBER.value))
        db.session.commit()
        return person.id


def unread_badge(page: str) -> str | None:
    found = re.search(r'class="bell"[^>]*>[^<]*<span class="count"[^>]*>(\d+)</span>', page)
    return found.group(1) if found else None


def test_a_new_asset_reaches_the_cops_people_but_not_its_author_nor_strangers(app, client, act_as, world):
    with app.app_context():
        agency_a = db.session.get(Community, world.cop_a).agency_id
    add_member(app, world.cop_a, "anggota.a", agency_a)
    make_asset(app, client, act_as, world, title="SOP Rujukan Puskesmas")
    assert [n.kind for n in notifications_of(app, "anggota.a")] == ["asset.new"]
    assert notifications_of(app, "fasilitator") != []  # the CoP's facilitator
    assert notifications_of(app, "lead.a") == []  # the author
    assert notifications_of(app, "pegawai") == []  # another agency's employee, no interest shown


def test_the_count_shows_on_the_next_page_and_following_the_link_marks_it_read(app, client, act_as, world):
    with app.app_context():
        agency_a = db.session.get(Community, world.cop_a).agency_id
    member = add_member(app, world.cop_a, "anggota.a", agency_a)
    asset_id = make_asset(app, client, act_as, world, title="Panduan <b>Imunisasi</b>")
    with app.app_context():
        notification = db.session.scalar(select(Notification).where(Notification.user_id == member))
    act_as_id(app, client, member)
    page = client.get("/").get_data(as_text=True)
    assert unread_badge(page) == "1"
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "Panduan &lt;b&gt;Imunisasi&lt;/b&gt;" in inbox and "<b>Imunisasi" not in inbox
    opened = client.get(f"/notifications/{notification.id}/open")
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/assets/{asset_id}")
    assert unread_badge(client.get("/").get_data(as_text=True)) is None


def act_as_id(app, client, user_id: int):
    from kmapp.auth.sessions import start_session
    with app.test_request_context():
        token = start_session(db.session.get(User, user_id))
        db.session.commit()
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = token
        session["_fresh"] = True


def test_nobody_hears_of_an_asset_he_may_not_open(app, client, act_as, world):
    """`pegawai` (agency B) follows CoP A: he hears of its open assets, not of its agency-only ones."""
    with app.app_context():
        pegawai = db.session.get(User, world.employee)
        db.session.add(Watch(user_id=pegawai.id, target="community", target_id=world.cop_a))
        db.session.commit()
    make_asset(app, client, act_as, world, title="Untuk semua", visibility=Visibility.ALL.value)
    make_asset(app, client, act_as, world, title="Internal Dinkes", visibility=Visibility.AGENCY.value)
    make_asset(app, client, act_as, world, title="Hanya CoP", visibility=Visibility.COMMUNITY.value)
    titles = [n.params for n in notifications_of(app, "pegawai")]
    assert len(titles) == 1 and "Untuk semua" in titles[0]


def test_following_a_tag_with_one_click_brings_news_of_its_assets(app, client, act_as, world):
    first = make_asset(app, client, act_as, world, title="Arsip vital", tags="arsip, retensi")
    with app.app_context():
        tag_id = db.session.scalar(select(Tag.id).where(Tag.name == "arsip"))
    act_as("employee")
    page = client.get(f"/assets/{first}").get_data(as_text=True)
    assert f"/watch/tag/{tag_id}" in page
    response = client.post(f"/watch/tag/{tag_id}", headers=HX)
    assert response.status_code == 200 and "Berhenti mengikuti" in response.get_data(as_text=True)
    make_asset(app, client, act_as, world, title="Jadwal retensi arsip", tags="arsip")
    assert ["Jadwal retensi arsip" in n.params for n in notifications_of(app, "pegawai")] == [True]
    act_as("employee")
    assert client.post(f"/watch/tag/{tag_id}", data={"next": "/notifications/preferences"}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Watch)) == 0


def test_watching_checks_its_target(app, client, act_as, world):
    act_as("employee")
    assert client.post("/watch/tag/999999").status_code == 404
    assert client.post("/watch/user/1").status_code == 404
    response = client.post(f"/watch/community/{world.cop_a}", data={"next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response.headers["Location"]


def test_a_cop_page_offers_following_to_outsiders_only(app, client, act_as, world):
    act_as("employee")
    assert f"/watch/community/{world.cop_a}" in client.get(f"/cops/{world.cop_a}").get_data(as_text=True)
    act_as("lead_a")
    assert f"/watch/community/{world.cop_a}" not in client.get(f"/cops/{world.cop_a}").get_data(as_text=True)


def test_a_new_meeting_asks_the_cops_facilitator_to_accompany_it(app, client, act_as, world):
    act_as("lead_a")
    response = client.post(f"/cops/{world.cop_a}/meetings/new", data=meeting_fields(topic="Bedah SOP rujukan"))
    assert response.status_code in (200, 302)
    kinds = [(n.kind, "Bedah SOP rujukan" in n.params) for n in notifications_of(app, "fasilitator")]
    assert kinds == [("meeting.accompany", True)]
    assert notifications_of(app, "lead.a") == []


def test_one_cannot_read_or_mark_another_persons_notifications(app, client, act_as, world):
    with app.app_context():
        agency_a = db.session.get(Community, world.cop_a).agency_id
    add_member(app, world.cop_a, "anggota.a", agency_a)
    make_asset(app, client, act_as, world)
    theirs = notifications_of(app, "anggota.a")[0].id
    act_as("employee")
    assert client.get(f"/notifications/{theirs}/open").status_code == 404
    assert client.post(f"/notifications/{theirs}/read").status_code == 404
    client.post("/notifications/read-all")
    assert notifications_of(app, "anggota.a")[0].read_at is None


def test_marking_read_in_place_and_all_at_once(app, client, act_as, world):
    with app.app_context():
        agency_a = db.session.get(Community, world.cop_a).agency_id
    member = add_member(app, world.cop_a, "anggota.a", agency_a)
    make_asset(app, client, act_as, world, title="Satu")
    make_asset(app, client, act_as, world, title="Dua")
    first, second = sorted(n.id for n in notifications_of(app, "anggota.a"))
    act_as_id(app, client, member)
    partial = client.post(f"/notifications/{first}/read", headers=HX).get_data(as_text=True)
    assert partial.startswith(f'<li id="notification-{first}" class="read"') and "<html" not in partial
    assert unread_badge(client.get("/notifications").get_data(as_text=True)) == "1"
    assert client.post("/notifications/read-all").status_code == 302
    assert all(n.read_at is not None for n in notifications_of(app, "anggota.a"))


def test_a_cop_of_300_members_is_told_in_one_batch(app, client, act_as, world):
    with app.app_context():
        cop = db.session.get(Community, world.cop_a)
        people = [User(username=f"anggota{i}", name=f"Anggota {i}", agency_id=cop.agency_id) for i in range(300)]
        for person in people:
            person.set_roles([Role.EMPLOYEE])
        db.session.add_all(people)
        db.session.flush()
        db.session.add_all([CommunityMember(community_id=cop.id, user_id=p.id, role=MemberRole.MEMBER.value)
                            for p in people])
        db.session.commit()
    inserts = []

    def count_inserts(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO NOTIFICATION"):
            inserts.append(executemany)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count_inserts)
    try:
        make_asset(app, client, act_as, world, title="Untuk 300 anggota")
    finally:
        with app.app_context():
            event.remove(db.engine, "before_cursor_execute", count_inserts)
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Notification))
    assert total == 301  # 300 members and the facilitator
    assert inserts == [False]  # one INSERT ... SELECT, not one statement (or commit) per person
