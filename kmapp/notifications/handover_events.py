"""Handover tasks as notifications: the departing employee is asked for his handover (and told
when it comes back or is confirmed), the supervisor is asked to confirm it, successors learn
that it is there. Written in the transaction of the change, one row per person."""
from ..models import Handover
from .events import notify_person


def _params(handover: Handover) -> dict:
    departure = handover.departure
    return {"handover_id": handover.id, "person": departure.user.name,
            "leaving_on": departure.leaving_on.isoformat()}


def handover_requested(handover: Handover) -> None:
    notify_person(handover.departure.user_id, "handover.requested", _params(handover))


def handover_submitted(handover: Handover) -> None:
    if handover.supervisor_id is not None:
        notify_person(handover.supervisor_id, "handover.submitted", _params(handover))


def handover_returned(handover: Handover) -> None:
    notify_person(handover.departure.user_id, "handover.returned", _params(handover))


def handover_confirmed(handover: Handover) -> None:
    for user_id in [handover.departure.user_id] + [person.id for person in handover.successors]:
        notify_person(user_id, "handover.confirmed", _params(handover))
