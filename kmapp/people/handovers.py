"""Handovers as evidence of who knows what: the departing employee handed over duties and the
processes behind them (HANDOVER); each successor received them (RECEIVED).

A handover's words are its main duties; it is shown on a people page to those who may open its
published handover note (asset visibility), and to admins.
"""
from sqlalchemy import delete, insert, select

from ..extensions import db
from ..models import Asset, Departure, Handover, TopicEvidence, TopicEvidenceKind, User, handover_successor
from ..policy import asset_visibility_clause, is_admin
from .evidence import register_source
from .topics import topic_terms

KINDS = (str(TopicEvidenceKind.HANDOVER), str(TopicEvidenceKind.RECEIVED))


def refresh_handovers(handover_ids) -> None:
    ids = sorted(set(handover_ids))
    if not ids:
        return
    db.session.execute(delete(TopicEvidence).where(TopicEvidence.kind.in_(KINDS), TopicEvidence.source_id.in_(ids)))
    successors: dict[int, list[int]] = {}
    for handover_id, user_id in db.session.execute(select(handover_successor.c.handover_id, handover_successor.c.user_id)
                                                   .where(handover_successor.c.handover_id.in_(ids))):
        successors.setdefault(handover_id, []).append(user_id)
    rows = []
    for handover_id, duties, giver in db.session.execute(select(Handover.id, Handover.duties, Departure.user_id).join(
            Departure, Departure.id == Handover.departure_id).where(Handover.id.in_(ids))):
        for term, label in topic_terms(duties).items():
            rows.append({"term": term, "user_id": giver, "kind": KINDS[0], "source_id": handover_id, "label": label})
            rows += [{"term": term, "user_id": user_id, "kind": KINDS[1], "source_id": handover_id, "label": label}
                     for user_id in successors.get(handover_id, [])]
    if rows:
        db.session.execute(insert(TopicEvidence), rows)


def _handover_of(obj) -> int | None:
    if isinstance(obj, Handover):
        return obj.id
    return None


def visible_handovers(viewer: User, ids: set[int]) -> set[int]:
    """Admins see every handover; others those whose published note they may open."""
    if is_admin(viewer):
        return set(ids)
    return set(db.session.scalars(select(Handover.id).join(Asset, Asset.id == Handover.asset_id).where(
        Handover.id.in_(ids), asset_visibility_clause(viewer))))


def handovers_of(viewer: User, person: User) -> dict:
    """The people page's section: handovers given and received that the viewer may open."""
    given = list(db.session.scalars(select(Handover).join(Departure, Departure.id == Handover.departure_id)
                                    .where(Departure.user_id == person.id)))
    received = list(db.session.scalars(select(Handover).join(handover_successor,
                                                             handover_successor.c.handover_id == Handover.id)
                                       .where(handover_successor.c.user_id == person.id)))
    open_ids = visible_handovers(viewer, {h.id for h in given + received})
    shown = {"given": [h for h in given if h.id in open_ids], "received": [h for h in received if h.id in open_ids]}
    return shown if shown["given"] or shown["received"] else {}


def init() -> None:
    from .at_risk import HANDOVER_NOTE_TYPES
    from .profile import SECTIONS
    from .ranking import VISIBLE_SOURCES
    register_source("handover", _handover_of, refresh_handovers, lambda: db.session.scalars(select(Handover.id)))
    for kind in KINDS:
        VISIBLE_SOURCES[kind] = visible_handovers
    SECTIONS["handovers"] = handovers_of
    HANDOVER_NOTE_TYPES.add("handover_note")
