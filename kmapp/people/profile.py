"""What a people page shows: the person's work in the portal, as far as the viewer may see it.

Work facts only: name, agency, official email, CoP roles, assets written, meetings led and
attended, handovers, declared expertise. Never the NIP (it carries the birth date). Each list
is filtered by the viewer's rights before it is counted (policy.asset_visibility_clause,
policy.attendance_visibility_clause); a hidden declaration is shown to its owner only.
"""
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import (Asset, Attendance, CommunityMember, DeclaredExpertise, ExpertiseSettings, Meeting, MemberRole,
                      TopicEvidence, User)
from ..policy import asset_visibility_clause, attendance_visibility_clause
from .ranking import VISIBLE_SOURCES

LIST_LIMIT = 15
TOPIC_LIMIT = 12


@dataclass
class Shown:
    """A list cut at LIST_LIMIT with the number of items the viewer may see."""
    items: list
    total: int


@dataclass
class Profile:
    person: User
    roles: list[CommunityMember]
    topics: list[tuple[str, int]]  # (word, sources the viewer may open)
    authored: Shown
    led: Shown
    attended: Shown
    declared: list[DeclaredExpertise]
    declared_hidden: bool
    extra: dict = field(default_factory=dict)  # sections other areas add (handovers)


# Other areas add sections: {name: fn(viewer, person) -> object for the template}.
SECTIONS: dict[str, Callable] = {}


def _shown(statement, order) -> Shown:
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    return Shown(list(db.session.scalars(statement.order_by(*order).limit(LIST_LIMIT)).unique()), total)


def declared_hidden(person: User) -> bool:
    settings = db.session.get(ExpertiseSettings, person.id)
    return bool(settings and settings.hide_declared)


def declared_expertise(person: User) -> list[DeclaredExpertise]:
    return list(db.session.scalars(select(DeclaredExpertise).where(DeclaredExpertise.user_id == person.id)
                                   .order_by(DeclaredExpertise.name)))


def visible_topics(viewer: User, person: User, limit: int = TOPIC_LIMIT) -> list[tuple[str, int]]:
    """The words of the person's evidence, by the number of sources the viewer may open."""
    rows = db.session.execute(select(TopicEvidence.term, TopicEvidence.label, TopicEvidence.kind,
                                     TopicEvidence.source_id).where(TopicEvidence.user_id == person.id)).all()
    by_kind: dict[str, set[int]] = {}
    for _term, _label, kind, source_id in rows:
        by_kind.setdefault(kind, set()).add(source_id)
    openable = {kind: VISIBLE_SOURCES.get(kind, lambda viewer, ids: set())(viewer, ids) for kind, ids in by_kind.items()}
    sources: dict[str, set] = {}
    labels: dict[str, Counter] = {}
    for term, label, kind, source_id in rows:
        if source_id in openable[kind]:
            sources.setdefault(term, set()).add((kind, source_id))
            labels.setdefault(term, Counter())[label] += 1
    ranked = sorted(sources, key=lambda term: (-len(sources[term]), term))[:limit]
    return [(labels[term].most_common(1)[0][0], len(sources[term])) for term in ranked]


def person_profile(viewer: User, person: User) -> Profile:
    authored = (select(Asset).options(joinedload(Asset.community), selectinload(Asset.tags))
                .where(Asset.created_by_id == person.id, asset_visibility_clause(viewer)))
    led = select(Meeting).options(joinedload(Meeting.community)).where(Meeting.created_by_id == person.id)
    attended = (select(Meeting).options(joinedload(Meeting.community)).join(Attendance, Attendance.meeting_id == Meeting.id)
                .where(Attendance.user_id == person.id, attendance_visibility_clause(viewer)))
    roles = [m for m in db.session.scalars(select(CommunityMember).options(joinedload(CommunityMember.community))
                                           .where(CommunityMember.user_id == person.id,
                                                  CommunityMember.role.in_([str(MemberRole.LEAD),
                                                                            str(MemberRole.FACILITATOR)])))]
    hidden = declared_hidden(person)
    own = viewer.id == person.id
    profile = Profile(person=person, roles=sorted(roles, key=lambda m: m.community.name),
                      topics=visible_topics(viewer, person),
                      authored=_shown(authored, (Asset.published_on.desc(), Asset.id.desc())),
                      led=_shown(led, (Meeting.held_on.desc(), Meeting.id.desc())),
                      attended=_shown(attended, (Meeting.held_on.desc(), Meeting.id.desc())),
                      declared=declared_expertise(person) if own or not hidden else [],
                      declared_hidden=hidden)
    profile.extra = {name: section(viewer, person) for name, section in SECTIONS.items()}
    return profile
