"""Who knows about a topic: people ranked by their topic evidence.

Invariant: the ranking counts every piece of evidence (it orders people by what they did,
whoever may read it), but a person is listed to a viewer only with the evidence that viewer
may open (assets by asset visibility, attendance by the attendee-list rule, declarations not
hidden), and only if at least one such piece is left: nobody is shown to know about a topic
on the strength of something the viewer may not see.

Score = sum over the sources that carry every query term of the weight of what the person did
with it (WEIGHTS); the explanation on the page is the count of each kind the viewer may open.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Asset, TopicEvidenceKind, Meeting, TopicEvidence, User
from ..policy import asset_visibility_clause, attendance_visibility_clause
from .topics import query_terms

WEIGHTS = {TopicEvidenceKind.LED: 3, TopicEvidenceKind.AUTHORED: 3, TopicEvidenceKind.HANDOVER: 3, TopicEvidenceKind.RECEIVED: 2,
           TopicEvidenceKind.DECLARED: 2, TopicEvidenceKind.ATTENDED: 1}
CANDIDATES = 40
CANDIDATE_MARGIN = 10  # ranked beyond the number shown, for people whose evidence the viewer may not open
PAGE = 20


def _visible_assets(viewer: User, ids: set[int]) -> set[int]:
    return set(db.session.scalars(select(Asset.id).where(Asset.id.in_(ids), asset_visibility_clause(viewer))))


def _visible_attendance(viewer: User, ids: set[int]) -> set[int]:
    return set(db.session.scalars(select(Meeting.id).where(Meeting.id.in_(ids), attendance_visibility_clause(viewer))))


# {kind: which of these source ids the viewer may open}. Meeting topics (and who ran the
# meeting, a CoP lead, public on the CoP page) are open to every signed-in user; declarations
# that are hidden have no evidence rows. Other areas add their kinds (handovers).
VISIBLE_SOURCES: dict[str, Callable[[User, set[int]], set[int]]] = {
    str(TopicEvidenceKind.AUTHORED): _visible_assets,
    str(TopicEvidenceKind.LED): lambda viewer, ids: set(ids),
    str(TopicEvidenceKind.ATTENDED): _visible_attendance,
    str(TopicEvidenceKind.DECLARED): lambda viewer, ids: set(ids),
}


@dataclass
class Expert:
    person: User
    score: int  # over all evidence
    sources: dict[str, set[int]] = field(default_factory=dict)  # {kind: source ids the viewer may open}

    def count(self, kind: str) -> int:
        return len(self.sources.get(str(kind), ()))

    @property
    def declared(self) -> bool:
        return bool(self.sources.get(str(TopicEvidenceKind.DECLARED)))

    @property
    def explanation(self) -> str:
        """What the viewer may open, in words (ranking counts more)."""
        from .explain import evidence_phrases, joined
        return joined(evidence_phrases({kind: len(ids) for kind, ids in self.sources.items()}, self.declared))


def _matching_sources(terms: list[str], user_ids: list[int] | None = None):
    """(user, kind, source) whose source carries every one of `terms`."""
    statement = select(TopicEvidence.user_id, TopicEvidence.kind, TopicEvidence.source_id).where(
        TopicEvidence.term.in_(terms))
    if user_ids is not None:
        statement = statement.where(TopicEvidence.user_id.in_(user_ids))
    statement = statement.group_by(TopicEvidence.user_id, TopicEvidence.kind, TopicEvidence.source_id)
    if len(terms) > 1:
        statement = statement.having(func.count(distinct(TopicEvidence.term)) == len(terms))
    return statement


def ranked_people(terms: list[str], limit: int = CANDIDATES, agency_id: int | None = None) -> list[tuple[int, int]]:
    """[(user id, score)] best first, over all evidence; only active accounts."""
    if not terms:
        return []
    matched = _matching_sources(terms).subquery()
    score = func.sum(case({str(kind): weight for kind, weight in WEIGHTS.items()}, value=matched.c.kind, else_=0))
    statement = (select(matched.c.user_id, score.label("score")).join(User, User.id == matched.c.user_id)
                 .where(User.active.is_(True)).group_by(matched.c.user_id)
                 .order_by(score.desc(), matched.c.user_id).limit(limit))
    if agency_id is not None:
        statement = statement.where(User.agency_id == agency_id)
    return [(user_id, int(points)) for user_id, points in db.session.execute(statement)]


def visible_sources(viewer: User, terms: list[str], user_ids: list[int]) -> dict[int, dict[str, set[int]]]:
    """{user id: {kind: source ids carrying every term that `viewer` may open}}."""
    found: dict[int, dict[str, set[int]]] = {}
    for user_id, kind, source_id in db.session.execute(_matching_sources(terms, user_ids)):
        found.setdefault(user_id, {}).setdefault(kind, set()).add(source_id)
    by_kind: dict[str, set[int]] = {}
    for kinds in found.values():
        for kind, ids in kinds.items():
            by_kind.setdefault(kind, set()).update(ids)
    openable = {kind: VISIBLE_SOURCES.get(kind, lambda viewer, ids: set())(viewer, ids)
                for kind, ids in by_kind.items()}
    return {user_id: {kind: ids & openable[kind] for kind, ids in kinds.items() if ids & openable[kind]}
            for user_id, kinds in found.items()}


def find_experts(viewer: User, query: str, limit: int = PAGE, agency_id: int | None = None) -> list[Expert]:
    """The people who know most about `query` that `viewer` may be shown, best first."""
    terms = query_terms(query)
    ranked = ranked_people(terms, limit + CANDIDATE_MARGIN, agency_id)
    if not ranked:
        return []
    shown = visible_sources(viewer, terms, [user_id for user_id, _ in ranked])
    kept = [(user_id, score) for user_id, score in ranked if shown.get(user_id)][:limit]
    people = {person.id: person for person in db.session.scalars(
        select(User).options(joinedload(User.agency)).where(User.id.in_([user_id for user_id, _ in kept])))}
    return [Expert(people[user_id], score, shown[user_id]) for user_id, score in kept]
