"""Helpers for the community and meeting tests (kept out of conftest.py on purpose)."""
from kmapp.clock import local_today
from kmapp.extensions import db
from kmapp.models import AuditLog, Meeting

HX = {"HX-Request": "true"}


def meeting_fields(**overrides) -> dict:
    """A valid meeting form as a browser would send it."""
    fields = {"held_on": "2025-08-20", "topic": "Sharing SOP rujukan", "agenda": "1. Pembukaan\n2. Diskusi",
              "format": "hybrid", "place": "Aula Dinkes", "head_count": "12", "seci_stages": ["socialization"],
              "minutes": "## Hasil\n\n**Disepakati** revisi SOP.", "attendee_logins": "", "guests": ""}
    fields.update(overrides)
    return fields


def stored_meeting(app, topic: str) -> Meeting | None:
    with app.app_context():
        found = db.session.query(Meeting).filter_by(topic=topic).one_or_none()
        if found is not None:
            _ = (found.attendances, found.seci_rows)  # load them before the session closes
        return found


def audit_actions(app, entity_type: str) -> list[str]:
    with app.app_context():
        return [row.action for row in db.session.query(AuditLog).filter_by(entity_type=entity_type)
                .order_by(AuditLog.id)]


def is_fragment(response) -> bool:
    """The htmx shape: no page layout, and caches told that the answer depends on HX-Request."""
    return b"<html" not in response.data and "HX-Request" in response.headers.get("Vary", "")



def sign_in_as(client, login_as, who: str):
    """Switch the signed-in person (the login page ignores a second sign-in)."""
    client.post("/logout")
    return login_as(who)


def jakarta_today(app):
    """The portal's today (the server may be on UTC): what "future" and "current quarter" mean."""
    with app.app_context():
        return local_today()
