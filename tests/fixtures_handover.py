"""Builders for the handover tests: over the `world`, an HR officer per agency, a departing employee of
agency A with a supervisor, and a colleague in agency B."""
from datetime import date, timedelta

from sqlalchemy import select

from kmapp.extensions import db
from kmapp.handover.recording import record_departure
from kmapp.models import Agency, Departure, Role, User

from .conftest import sign_in, user

# Born 1 Jan 1970, appointed March 1995: a real NIP shape with a plausible appointment.
DEPARTING_NIP = "197001012000031001"


def people(world) -> dict[str, int]:
    agency_a, agency_b = db.session.get(Agency, world.agency_a), db.session.get(Agency, world.agency_b)
    boss = user("atasan.a", agency_a, Role.EMPLOYEE)
    leaving = user("pergi.a", agency_a, Role.EMPLOYEE, nip=DEPARTING_NIP)
    leaving.supervisor = boss
    colleague = user("rekan.a", agency_a, Role.EMPLOYEE)
    hr_a = user("hr.a", agency_a, Role.HR_OFFICER, Role.EMPLOYEE)
    hr_b = user("hr.b", agency_b, Role.HR_OFFICER, Role.EMPLOYEE)
    other = user("guru.b", agency_b, Role.EMPLOYEE)
    db.session.commit()
    return {"boss": boss.id, "leaving": leaving.id, "colleague": colleague.id, "hr_a": hr_a.id, "hr_b": hr_b.id,
            "other": other.id}


def depart(user_id: int, kind: str = "retirement", days: int = 90, to_agency_id: int | None = None) -> Departure:
    person = db.session.get(User, user_id)
    to_agency = db.session.get(Agency, to_agency_id) if to_agency_id else None
    departure, _ = record_departure(person, kind, date.today() + timedelta(days=days), to_agency, None)
    db.session.commit()
    return departure


def as_user(client, login: str):
    response = sign_in(client, login)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def login_of(user_id: int) -> str:
    return db.session.get(User, user_id).login_name


def person_named(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))
