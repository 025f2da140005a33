"""Discussions: who reads, posts and moderates; the open period; hidden posts; accepted
answers; the search tab's visibility; notifications on a reply or a mention; the rate limit;
replies in place through htmx; a conclusion published as an asset of its meeting."""
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from kmapp.extensions import db
from kmapp.models import Asset, AuditLog, CommunityMember, MemberRole, Notification, Post, Role, Thread, utcnow

from .conftest import user
from .fixtures_assets import act_as  # noqa: F401  (fixture)
from .test_notifications import act_as_id, unread_badge

HX = {"HX-Request": "true"}


@pytest.fixture
def member(app, world):
    """anggota.a: a plain member of CoP A (agency A)."""
    with app.app_context():
        from kmapp.models import Community
        cop = db.session.get(Community, world.cop_a)
        person = user("anggota.a", cop.agency, Role.EMPLOYEE)
        db.session.add(CommunityMember(community=cop, user=person, role=MemberRole.MEMBER.value))
        db.session.commit()
        return person.id


def start(client, cop=None, meeting=None, **fields) -> int:
    data = {"title": "Persiapan rapat arsip", "kind": "discussion", "body": "Mari siapkan pengarsipan dokumen.",
            "opens_on": "", "closes_on": "", "agenda_item": "", **fields}
    query = "&".join(f"{k}={v}" for k, v in (("cop", cop), ("meeting", meeting)) if v is not None)
    response = client.post(f"/discussions/new?{query}", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def text_of(response) -> str:
    return BeautifulSoup(response.data, "html.parser").get_text(" ")


def thread_row(app, thread_id) -> Thread:
    with app.app_context():
        thread = db.session.get(Thread, thread_id)
        db.session.expunge(thread)
        return thread


def set_thread(app, thread_id, **values) -> None:
    with app.app_context():
        thread = db.session.get(Thread, thread_id)
        for name, value in values.items():
            setattr(thread, name, value)
        db.session.commit()


def test_only_the_cops_people_and_admins_read_and_post(app, client, act_as, world, member):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a)
    for outsider in ("employee", "lead_b", "assessor"):
        act_as(outsider)
        assert client.get(f"/discussions/{thread}").status_code == 404, outsider
        assert client.post(f"/discussions/{thread}/reply", data={"body": "masuk"}).status_code == 404, outsider
        assert client.get(f"/cops/{world.cop_a}/discussions").status_code == 404, outsider
        assert client.post(f"/discussions/new?cop={world.cop_a}", data={"title": "x", "body": "y"}).status_code == 404
    for insider in ("facilitator", "admin", "lead_a"):
        act_as(insider)
        response = client.post(f"/discussions/{thread}/reply", data={"body": f"Tanggapan dari {insider}"})
        assert response.status_code == 302, insider
    act_as_id(app, client, member)
    assert client.post(f"/discussions/{thread}/reply", data={"body": "Saya anggota"}).status_code == 302
    page = client.get(f"/discussions/{thread}")
    assert "Tanggapan dari facilitator" in text_of(page) and "Saya anggota" in text_of(page)
    # A member reads but does not moderate.
    with app.app_context():
        post_id = db.session.scalar(select(func.max(Post.id)))
    assert client.post(f"/discussions/{thread}/posts/{post_id}/hide", data={"reason": "x"}).status_code == 403
    assert client.post(f"/discussions/{thread}/lock").status_code == 403


def test_the_programme_space_is_for_bpsdm_leads_and_facilitators(app, client, act_as, world):
    act_as("lead_b")
    thread = start(client, title="Jadwal pendampingan Triwulan I")
    act_as("facilitator")
    assert client.post(f"/discussions/{thread}/reply", data={"body": "Saya bisa tanggal 12."}).status_code == 302
    act_as("employee")
    assert client.get("/discussions/programme").status_code == 403
    assert client.get(f"/discussions/{thread}").status_code == 404
    assert "Jadwal pendampingan" not in client.get("/discussions").get_data(as_text=True)
    act_as("admin")
    assert "Jadwal pendampingan" in client.get("/discussions/programme").get_data(as_text=True)


def test_posting_outside_the_open_period_is_refused_with_the_dates_and_keeps_the_text(app, client, act_as, world):
    act_as("lead_a")
    refused = client.post(f"/discussions/new?cop={world.cop_a}", data={"title": "Lama", "kind": "discussion",
                                                                      "body": "x", "closes_on": "2025-08-10"})
    assert refused.status_code == 422 and "sudah lewat" in text_of(refused)
    thread = start(client, cop=world.cop_a, closes_on=utcnow().date().isoformat())
    # The thread closed while the member was typing (its period: 1-10 Aug 2025, 17.00 UTC = midnight WIB).
    from datetime import datetime
    set_thread(app, thread, opens_at=datetime(2025, 7, 31, 17), closes_at=datetime(2025, 8, 10, 17))
    response = client.post(f"/discussions/{thread}/reply", data={"body": "Usul saya: arsip digital"})
    assert response.status_code == 422
    text = text_of(response)
    assert "sampai 11 Agu 2025" in text and "sudah ditutup" in text
    assert BeautifulSoup(response.data, "html.parser").find("textarea", id="kept-text").get_text() == \
        "Usul saya: arsip digital"
    response = client.post(f"/discussions/{thread}/reply", data={"body": "Lewat htmx"}, headers=HX)
    assert response.status_code == 200 and "<html" not in response.get_data(as_text=True)
    assert "Lewat htmx" in response.get_data(as_text=True)
    # Not yet open: refused with the opening date.
    future = (utcnow() + timedelta(days=40)).date()
    upcoming = start(client, cop=world.cop_a, opens_on=future.isoformat())
    response = client.post(f"/discussions/{upcoming}/reply", data={"body": "Terlalu awal"})
    assert response.status_code == 422 and "baru dibuka" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Post).where(Post.body_md.like("Terlalu%"))) == 0


def test_a_closed_thread_shows_its_outcome_on_top_and_takes_no_reply_form(app, client, act_as, world):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a)
    response = client.post(f"/discussions/{thread}/outcome", data={"outcome": "**Disepakati**: arsip digital.",
                                                                   "close_now": "y"})
    assert response.status_code == 302
    page = BeautifulSoup(client.get(f"/discussions/{thread}").data, "html.parser")
    outcome = page.find("section", class_="outcome")
    assert outcome.find("strong").get_text() == "Disepakati"
    assert page.find("form", action=f"/discussions/{thread}/reply") is None
    assert "Ditutup" in page.find("h1").get_text()
    with app.app_context():
        assert db.session.scalar(select(AuditLog.action).where(AuditLog.action == "thread.outcome")) == "thread.outcome"


def test_hidden_posts_keep_their_text_for_the_author_and_the_moderators_only(app, client, act_as, world, member):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a)
    act_as_id(app, client, member)
    client.post(f"/discussions/{thread}/reply", data={"body": "Komentar kasar sekali"})
    with app.app_context():
        post_id = db.session.scalar(select(Post.id).where(Post.body_md == "Komentar kasar sekali"))
    act_as("facilitator")
    response = client.post(f"/discussions/{thread}/posts/{post_id}/hide", data={"reason": ""})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Post, post_id).hidden_at is None  # a reason is required
    client.post(f"/discussions/{thread}/posts/{post_id}/hide", data={"reason": "Tidak sopan"})
    assert "Komentar kasar" in text_of(client.get(f"/discussions/{thread}"))  # the moderator still reads it
    act_as_id(app, client, member)
    text = text_of(client.get(f"/discussions/{thread}"))
    assert "Alasan: Tidak sopan" in text and "Komentar kasar" in text
    act_as("admin")  # another reader who is a moderator too; now a plain reader of the CoP:
    with app.app_context():
        other = user("anggota.b", None, Role.EMPLOYEE)
        db.session.add(CommunityMember(community_id=world.cop_a, user=other, role=MemberRole.MEMBER.value))
        db.session.commit()
        other_id = other.id
    act_as_id(app, client, other_id)
    text = text_of(client.get(f"/discussions/{thread}"))
    assert "Disembunyikan oleh moderator" in text
    assert "Komentar kasar" not in text and "Tidak sopan" not in text
    with app.app_context():
        row = db.session.scalar(select(AuditLog).where(AuditLog.action == "post.hidden"))
        assert row.actor_id == world.facilitator and "Tidak sopan" in row.after


def test_a_locked_thread_takes_no_replies(app, client, act_as, world):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a)
    act_as("facilitator")
    assert client.post(f"/discussions/{thread}/lock").status_code == 302
    act_as("lead_a")
    response = client.post(f"/discussions/{thread}/reply", data={"body": "Masih ingin menambah"})
    assert response.status_code == 422 and "dikunci" in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "thread.locked")) == 1


def test_a_question_marks_its_accepted_answer(app, client, act_as, world, member):
    act_as_id(app, client, member)
    thread = start(client, cop=world.cop_a, kind="question", title="Berapa lama retensi arsip?")
    act_as("lead_a")
    client.post(f"/discussions/{thread}/reply", data={"body": "Lima tahun menurut JRA."})
    with app.app_context():
        answer = db.session.scalar(select(Post.id).where(Post.body_md.like("Lima tahun%")))
        first = db.session.scalar(select(func.min(Post.id)).where(Post.thread_id == thread))
    act_as("employee")
    assert client.post(f"/discussions/{thread}/accept/{answer}").status_code == 404
    act_as_id(app, client, member)
    assert client.post(f"/discussions/{thread}/accept/{first}").status_code == 400  # the question itself
    assert client.post(f"/discussions/{thread}/accept/{answer}").status_code == 302
    page = BeautifulSoup(client.get(f"/discussions/{thread}").data, "html.parser")
    assert "Jawaban yang diterima" in page.find("article", id=f"post-{answer}").get_text()
    assert thread_row(app, thread).accepted_post_id == answer
    with app.app_context():  # the answer's author hears that it was accepted
        assert db.session.scalar(select(Notification.kind).where(Notification.user_id == world.lead_a)) == \
            "thread.accepted"


def test_discussions_are_found_only_by_those_who_may_read_them(app, client, act_as, world, member):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a, title="Digitalisasi", body="Pengarsipan surat masuk")
    client.post(f"/discussions/{thread}/reply", data={"body": "Kearsipan rahasia zzhidden"})
    with app.app_context():
        hidden = db.session.scalar(select(Post.id).where(Post.body_md.like("%zzhidden")))
    client.post(f"/discussions/{thread}/posts/{hidden}/hide", data={"reason": "salah tempat"})
    act_as_id(app, client, member)
    response = client.get("/search/discussions?q=arsip")
    assert "Digitalisasi" in text_of(response)
    assert "zzhidden" not in response.get_data(as_text=True)
    assert "Diskusi (1)" in text_of(client.get("/search?q=arsip"))  # the tab beside the assets
    partial = client.get("/search/discussions?q=arsip", headers=HX)
    assert "<html" not in partial.get_data(as_text=True) and "HX-Request" in partial.headers["Vary"]
    act_as("employee")
    assert "Digitalisasi" not in text_of(client.get("/search/discussions?q=arsip"))
    assert "Diskusi (0)" in text_of(client.get("/search?q=arsip"))


def test_a_reply_reaches_followers_and_a_mention_only_who_may_read(app, client, act_as, world, member):
    act_as_id(app, client, member)
    thread = start(client, cop=world.cop_a, title="Jadwal piket")
    act_as("lead_a")
    client.post(f"/discussions/{thread}/reply", data={"body": "Setuju. @fasilitator mohon hadir; @pegawai juga."})
    with app.app_context():
        kinds = dict(db.session.execute(select(Notification.user_id, Notification.kind)).all())
    assert kinds.get(member) == "thread.reply"  # the author follows his thread
    assert kinds.get(world.facilitator) == "thread.mention"
    assert world.employee not in kinds  # mentioned, but may not read the thread
    assert world.lead_a not in kinds  # not about one's own post
    act_as_id(app, client, member)
    page = client.get("/").get_data(as_text=True)
    assert unread_badge(page) == "1"
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "Jadwal piket" in inbox and "Tanggapan baru di diskusi" in inbox
    # One click stops following: the next reply does not reach him.
    assert client.post(f"/discussions/{thread}/follow", headers=HX).status_code == 200
    act_as("lead_a")
    client.post(f"/discussions/{thread}/reply", data={"body": "Satu lagi"})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)
                                 .where(Notification.user_id == member)) == 1


def test_the_posting_rate_limit_refuses_and_keeps_the_text(app, client, act_as, world):
    app.config["DISCUSSION_MAX_POSTS"] = 2
    act_as("lead_a")
    thread = start(client, cop=world.cop_a)
    assert client.post(f"/discussions/{thread}/reply", data={"body": "kedua"}).status_code == 302
    response = client.post(f"/discussions/{thread}/reply", data={"body": "ketiga tetap ada"}, headers=HX)
    assert response.status_code == 200 and "2 tulisan dalam 10 menit" in text_of(response)
    assert BeautifulSoup(response.data, "html.parser").find("textarea", attrs={"name": "body"}).get_text().strip() \
        == "ketiga tetap ada"


def test_a_reply_appears_in_place_through_htmx(app, client, act_as, world):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a)
    response = client.post(f"/discussions/{thread}/reply", data={"body": "*Setuju* dengan usul"}, headers=HX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body and "HX-Request" in response.headers["Vary"]
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find(attrs={"hx-swap-oob": "beforeend:#post_list"}).find("em").get_text() == "Setuju"
    assert soup.find("textarea", attrs={"name": "body"}).get_text().strip() == ""
    invalid = client.post(f"/discussions/{thread}/reply", data={"body": "   "}, headers=HX)
    assert invalid.status_code == 200 and "Tulis isi tanggapan" in text_of(invalid)


def test_a_thread_on_a_meeting_shows_there_and_its_conclusion_becomes_an_asset_of_that_meeting(
        app, client, act_as, world):
    act_as("lead_a")
    with app.app_context():
        from kmapp.models import Meeting
        db.session.get(Meeting, world.meeting_a).agenda = "1. Paparan SOP\n2. Tanya jawab"
        db.session.commit()
    form = client.get(f"/discussions/new?cop={world.cop_a}&meeting={world.meeting_a}").get_data(as_text=True)
    assert "Paparan SOP" in form
    thread = start(client, cop=world.cop_a, meeting=world.meeting_a, agenda_item="Paparan SOP",
                   title="Tindak lanjut SOP rujukan")
    assert "Tindak lanjut SOP rujukan" in text_of(client.get(f"/meetings/{world.meeting_a}"))
    assert client.get(f"/discussions/new?cop={world.cop_b}&meeting={world.meeting_a}").status_code == 404
    assert client.get(f"/discussions/{thread}/publish").status_code == 403  # no outcome yet
    client.post(f"/discussions/{thread}/outcome", data={"outcome": "SOP rujukan direvisi pada langkah 3."})
    response = client.post(f"/discussions/{thread}/publish", data={
        "title": "Pelajaran: revisi SOP rujukan", "asset_type": "lesson_learned", "km_stage": "creation",
        "visibility": "community"})
    assert response.status_code == 302
    with app.app_context():
        asset = db.session.scalar(select(Asset).where(Asset.title == "Pelajaran: revisi SOP rujukan"))
        assert asset.meeting_id == world.meeting_a and "langkah 3" in asset.summary
        assert db.session.get(Thread, thread).asset_id == asset.id
        asset_id = asset.id
    assert "revisi SOP rujukan" in text_of(client.get(f"/assets/{asset_id}"))
    assert f"/assets/{asset_id}" in client.get(f"/discussions/{thread}").get_data(as_text=True)
    assert client.get(f"/discussions/{thread}/publish").status_code == 403  # published once


def test_the_demo_discusses_in_jak_high_and_in_the_programme_space(demo_app):
    from kmapp.demo.seed import DEMO_PASSWORD
    from kmapp.models import Community
    from .conftest import sign_in
    with demo_app.app_context():
        jak_high = db.session.scalar(select(Community.id).where(Community.name == "JAK-HIGH"))
        answered = db.session.scalar(select(func.count()).select_from(Thread).where(Thread.accepted_post_id.is_not(None)))
    assert answered == 2
    lead = demo_app.test_client()
    assert sign_in(lead, "lead.dinkes", DEMO_PASSWORD).status_code == 302
    page = text_of(lead.get(f"/cops/{jak_high}/discussions"))
    assert "Tindak lanjut: kelompok sebaya" in page and "Persiapan: bahan paparan" in page
    assert "Jadwal pendampingan Triwulan IV" in text_of(lead.get("/discussions/programme"))
    assert "kelompok sebaya" in text_of(lead.get("/search/discussions?q=kelompok+sebaya"))
    employee = demo_app.test_client()
    assert sign_in(employee, "pegawai", DEMO_PASSWORD).status_code == 302
    assert employee.get(f"/cops/{jak_high}/discussions").status_code == 404
    assert "Belum ada diskusi" in text_of(employee.get("/discussions"))


def test_a_thread_opened_before_its_meeting_is_hung_on_it_once_the_meeting_is_logged(app, client, act_as, world,
                                                                                    member):
    act_as("lead_a")
    thread = start(client, cop=world.cop_a, title="Persiapan: usulan agenda")
    refused = client.post(f"/discussions/{thread}/meeting", data={"meeting_id": str(world.meeting_b)})
    assert refused.status_code == 422 and "Pilih pertemuan CoP ini" in text_of(refused)
    act_as_id(app, client, member)
    assert client.post(f"/discussions/{thread}/meeting", data={"meeting_id": str(world.meeting_a)}).status_code == 403
    act_as("facilitator")
    assert client.post(f"/discussions/{thread}/meeting", data={"meeting_id": str(world.meeting_a),
                                                               "agenda_item": "Usulan agenda"}).status_code == 302
    set_thread(app, thread, opens_at=utcnow().replace(year=2025, month=8, day=1))  # opened before 14 Aug 2025
    page = text_of(client.get(f"/meetings/{world.meeting_a}"))
    assert "Persiapan: usulan agenda" in page and "Persiapan · Usulan agenda" in page
    assert "Persiapan pertemuan" in text_of(client.get(f"/discussions/{thread}"))
    with app.app_context():
        assert db.session.scalar(select(AuditLog.actor_id).where(AuditLog.action == "thread.meeting_linked")) == \
            world.facilitator
