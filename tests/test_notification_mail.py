"""Notification e-mail through the job queue, against a real SMTP server on this machine
(aiosmtpd): sent at once, kept while the server is down and sent later, parked after the last
try, and daily digests grouped per person."""
import socket
from datetime import datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from kmapp.extensions import db
from kmapp.jobs.worker import run_until_idle
from kmapp.models import (Community, CommunityMember, Job, JobState, MemberRole, Notification, NotificationPreference,
                          Role, User)
from kmapp.notifications.mail import queue_due_digests

from .conftest import user
from .fixtures_assets import act_as, make_asset  # noqa: F401  (fixture)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_port(app):
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TIMEOUT_SECONDS=5,
                      PORTAL_BASE_URL="http://km.jakarta.go.id")
    return port


@pytest.fixture
def smtp(mail_port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=mail_port)
    controller.start()
    yield inbox
    controller.stop()


def member_who_wants(app, cop_id: int, login: str, delivery: str) -> int:
    with app.app_context():
        cop = db.session.get(Community, cop_id)
        person = user(login, None, Role.EMPLOYEE)
        person.agency_id, person.email = cop.agency_id, f"{login}@jakarta.go.id"
        db.session.add(CommunityMember(community_id=cop_id, user=person, role=MemberRole.MEMBER.value))
        db.session.flush()
        db.session.add(NotificationPreference(user_id=person.id, delivery=delivery))
        db.session.commit()
        return person.id


def emailed(app, user_id: int) -> list[bool]:
    with app.app_context():
        return [n.emailed_at is not None for n in
                db.session.scalars(select(Notification).where(Notification.user_id == user_id))]


def test_immediate_delivery_sends_a_mail_with_an_absolute_link(app, client, act_as, world, smtp):
    member = member_who_wants(app, world.cop_a, "segera", "immediate")
    asset_id = make_asset(app, client, act_as, world, title="SOP Rujukan")
    [mail] = smtp.messages
    assert mail["To"] == "segera@jakarta.go.id" and "1 pemberitahuan baru" in mail["Subject"]
    body = mail.get_content()
    assert "SOP Rujukan" in body and f"http://km.jakarta.go.id/assets/{asset_id}" in body
    assert emailed(app, member) == [True]


def test_in_portal_only_sends_nothing(app, client, act_as, world, smtp):
    member_who_wants(app, world.cop_a, "diam", "in_app")
    make_asset(app, client, act_as, world)
    assert smtp.messages == []


def test_a_mail_server_that_is_down_loses_nothing(app, client, act_as, world, mail_port):
    member = member_who_wants(app, world.cop_a, "segera", "immediate")
    make_asset(app, client, act_as, world, title="Saat server mati")
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.kind == "notify.mail"))
        assert (job.state, job.attempts) == (JobState.QUEUED.value, 1)
        assert job.run_after > datetime.utcnow() + timedelta(seconds=30)  # backing off
        assert "Connection refused" in job.last_error or "ConnectionRefused" in job.last_error
    assert emailed(app, member) == [False]

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=mail_port)
    controller.start()
    try:
        with app.app_context():  # the back-off has passed
            db.session.execute(update(Job).values(run_after=datetime.utcnow() - timedelta(seconds=1)))
            db.session.commit()
            run_until_idle()
    finally:
        controller.stop()
    assert len(inbox.messages) == 1 and "Saat server mati" in inbox.messages[0].get_content()
    assert emailed(app, member) == [True]
    with app.app_context():
        assert db.session.scalar(select(Job).where(Job.kind == "notify.mail")) is None


def test_after_the_last_try_the_mail_is_parked_with_its_reason(app, client, act_as, world, mail_port):
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    member = member_who_wants(app, world.cop_a, "segera", "immediate")
    make_asset(app, client, act_as, world)
    with app.app_context():
        db.session.execute(update(Job).values(run_after=datetime.utcnow() - timedelta(seconds=1)))
        db.session.commit()
        run_until_idle()
        job = db.session.scalar(select(Job).where(Job.kind == "notify.mail"))
        assert (job.state, job.attempts) == (JobState.PARKED.value, 2)
    assert emailed(app, member) == [False]  # `flask jobs --retry-all` sends it later


def test_daily_digests_group_each_persons_news_in_one_mail(app, client, act_as, world, smtp):
    first = member_who_wants(app, world.cop_a, "harian.satu", "digest")
    second = member_who_wants(app, world.cop_a, "harian.dua", "digest")
    member_who_wants(app, world.cop_a, "diam", "in_app")
    make_asset(app, client, act_as, world, title="Aset pagi")
    make_asset(app, client, act_as, world, title="Aset siang")
    assert smtp.messages == []  # nothing before the digest hour
    with app.app_context():
        assert queue_due_digests(datetime(2026, 11, 30, 6, 0)) == 0
        assert queue_due_digests(datetime(2026, 11, 30, 8, 0)) == 2
        run_until_idle()
        assert queue_due_digests(datetime(2026, 11, 30, 9, 0)) == 0  # today's went out
    assert sorted(m["To"] for m in smtp.messages) == ["harian.dua@jakarta.go.id", "harian.satu@jakarta.go.id"]
    for mail in smtp.messages:
        body = mail.get_content()
        assert "Ringkasan harian" in mail["Subject"] and "Aset pagi" in body and "Aset siang" in body
    assert emailed(app, first) == [True, True] and emailed(app, second) == [True, True]


def test_preferences_are_saved_and_say_when_mail_is_off(app, client, act_as, world):
    act_as("employee")
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert "belum diaktifkan" in page
    assert client.post("/notifications/preferences", data={"delivery": "digest"}).status_code == 302
    assert client.post("/notifications/preferences", data={"delivery": "spam"}).status_code == 200
    with app.app_context():
        assert db.session.get(NotificationPreference, world.employee).delivery == "digest"
