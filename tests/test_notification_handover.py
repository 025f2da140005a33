"""Handover tasks as notifications: the departing employee is asked for his handover, the
supervisor to confirm it, and the employee and successors hear it was confirmed or sent back."""
import pytest
from sqlalchemy import select

from kmapp.extensions import db
from kmapp.models import Handover, Notification, User

from .fixtures_handover import as_user, depart, people
from .test_handover_flow import CAPTURE


@pytest.fixture
def ids(app, world):
    with app.app_context():
        found = people(world)
        found["handover"] = depart(found["leaving"], days=120).handover.id
        return found


def switch_to(client, login: str):
    client.post("/logout")
    return as_user(client, login)


def kinds_of(app, user_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Notification.kind).where(Notification.user_id == user_id)
                                       .order_by(Notification.id)))


def test_each_step_of_a_handover_tells_the_next_person(app, client, ids):
    assert kinds_of(app, ids["leaving"]) == ["handover.requested"]
    with app.app_context():
        handover = db.session.get(Handover, ids["handover"])
        handover.successors.append(db.session.get(User, ids["colleague"]))
        db.session.commit()
    as_user(client, "197001012000031001")
    inbox = client.get("/notifications").get_data(as_text=True)
    assert "Isi serah terima pengetahuan Anda sebelum berhenti" in inbox
    assert client.post(f"/handover/{ids['handover']}", data={**CAPTURE, "visibility": "agency",
                                                             "send": "1"}).status_code == 302
    assert kinds_of(app, ids["boss"]) == ["handover.submitted"]
    switch_to(client, "atasan.a")
    assert client.post(f"/handover/{ids['handover']}/confirm", data={"decision": "return"}).status_code == 302
    assert kinds_of(app, ids["leaving"]) == ["handover.requested", "handover.returned"]
    switch_to(client, "197001012000031001")
    client.post(f"/handover/{ids['handover']}", data={**CAPTURE, "visibility": "agency", "send": "1"})
    switch_to(client, "atasan.a")
    assert client.post(f"/handover/{ids['handover']}/confirm", data={"decision": "confirm"}).status_code == 302
    assert kinds_of(app, ids["leaving"])[-1] == "handover.confirmed"
    assert kinds_of(app, ids["colleague"]) == ["handover.confirmed"]
    assert kinds_of(app, ids["hr_b"]) == []


def test_a_handover_not_sent_30_days_before_leaving_reminds_both_once(app, ids):
    from datetime import date, timedelta
    from kmapp.notifications.reminders import send_reminders
    with app.app_context():
        send_reminders(date.today())  # 120 days ahead: not yet
        assert kinds_of(app, ids["boss"]) == []
        send_reminders(date.today() + timedelta(days=95))
        send_reminders(date.today() + timedelta(days=96))
    assert kinds_of(app, ids["leaving"]) == ["handover.requested", "handover.overdue"]
    assert kinds_of(app, ids["boss"]) == ["handover.overdue"]
