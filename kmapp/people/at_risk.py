"""Knowledge at risk (pengetahuan berisiko hilang): people strong on a topic who leave within
LOOKAHEAD_DAYS while nothing captures what they know.

A person is at risk on a topic when
- he leaves (transfer or retirement, recorded or forecast from the NIP) within the look-ahead,
- the topic's evidence (kmapp/people/ranking.py WEIGHTS: led meetings, written assets, handovers
  given, attendance, declarations) weighs at least STRONG_SCORE, with at least MIN_OWN_WORK
  sources he led, wrote or handed over (attending alone makes nobody the one who knows), and
- no confirmed handover of his exists, and no published handover note that he wrote or whose
  meeting he led or attended carries the topic.

Topics are the portal's own vocabulary: asset tags and declared expertise, each as its stemmed
terms, so "arsip dinamis" is one topic and a meeting on "pengelolaan kearsipan dinamis" counts
for it. Strength counts all evidence; the explanation a viewer reads counts what he may open.
"""
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..clock import local_today
from ..dates import list_date
from ..extensions import db
from ..models import (Asset, AssetStatus, Attendance, DeclaredExpertise, Meeting, Tag, TopicEvidence,
                      TopicEvidenceKind, User)
from .explain import evidence_phrases, joined
from .ranking import VISIBLE_SOURCES, WEIGHTS
from .topics import topic_terms

LOOKAHEAD_DAYS = 365
STRONG_SCORE = 9  # e.g. three meetings led, or two assets and a meeting
MIN_OWN_WORK = 2
TOPICS_SHOWN = 3
OWN_WORK = {str(TopicEvidenceKind.LED), str(TopicEvidenceKind.AUTHORED), str(TopicEvidenceKind.HANDOVER)}
HANDOVER_NOTE_TYPES: set[str] = set()  # asset types that capture a handover (the handover area adds its own)


@dataclass
class TopicStrength:
    label: str  # the topic as the portal writes it (a tag, a declaration)
    score: int  # over all evidence
    shown: dict[str, int] = field(default_factory=dict)  # {kind: sources the viewer may open}

    @property
    def explanation(self) -> str:
        return joined(evidence_phrases(self.shown))


@dataclass
class AtRisk:
    person: User
    departure: object  # kmapp.handover.departures.DepartureFact
    topics: list[TopicStrength]

    @property
    def leaving_words(self) -> str:
        departure, day = self.departure, list_date(self.departure.leaving_on)
        if departure.kind != "retirement":
            return gettext("pindah tugas %(day)s", day=day)
        if departure.forecast:
            return gettext("pensiun %(day)s (perkiraan dari NIP)", day=day)
        return gettext("pensiun %(day)s", day=day)

    @property
    def handover_words(self) -> str:
        return {"in_progress": gettext("serah terima sedang diisi"),
                "submitted": gettext("serah terima menunggu konfirmasi atasan")}.get(
            self.departure.handover_state, gettext("belum ada serah terima"))


def _vocabulary(terms_in_use: set[str]) -> dict[tuple[str, ...], str]:
    """{sorted stemmed terms: label} of every tag and declaration touching `terms_in_use`."""
    names = set(db.session.scalars(select(Tag.name))) | set(db.session.scalars(select(DeclaredExpertise.name)))
    topics: dict[tuple[str, ...], str] = {}
    for name in sorted(names):
        terms = tuple(sorted(topic_terms(name)))
        if terms and set(terms) <= terms_in_use:
            topics.setdefault(terms, name)
    return topics


def _sources_by_person(user_ids: list[int]) -> dict[int, dict[tuple[str, int], set[str]]]:
    """{user: {(kind, source id): terms}} for these people."""
    found: dict[int, dict[tuple[str, int], set[str]]] = {}
    for user_id, term, kind, source_id in db.session.execute(select(
            TopicEvidence.user_id, TopicEvidence.term, TopicEvidence.kind, TopicEvidence.source_id)
            .where(TopicEvidence.user_id.in_(user_ids))):
        found.setdefault(user_id, {}).setdefault((kind, source_id), set()).add(term)
    return found


def strong_topics(sources: dict[tuple[str, int], set[str]],
                  vocabulary: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], set[tuple[str, int]]]:
    """{topic terms: the sources that carry them} for the topics this evidence makes strong."""
    strong = {}
    for terms, _label in vocabulary.items():
        carrying = {source for source, carried in sources.items() if carried.issuperset(terms)}
        score = sum(WEIGHTS[source[0]] for source in carrying)
        if score >= STRONG_SCORE and sum(1 for kind, _ in carrying if kind in OWN_WORK) >= MIN_OWN_WORK:
            strong[terms] = carrying
    # A topic inside a stronger, longer one ("arsip" inside "arsip dinamis") with the same
    # sources says nothing new: keep the longer.
    return {terms: carrying for terms, carrying in strong.items()
            if not any(set(terms) < set(other) and strong[other] == carrying for other in strong)}


def _captured_terms(user_ids: list[int]) -> dict[int, list[set[str]]]:
    """{user: [terms of each published handover note he wrote, led or attended]}."""
    if not HANDOVER_NOTE_TYPES:
        return {}
    notes = db.session.scalars(select(Asset).options(joinedload(Asset.tags)).where(
        Asset.status == AssetStatus.PUBLISHED, Asset.asset_type.in_(HANDOVER_NOTE_TYPES))).unique().all()
    captured: dict[int, list[set[str]]] = {}
    for note in notes:
        terms = set(topic_terms(note.title, *(tag.name for tag in note.tags)))
        people = {note.created_by_id}
        if note.meeting_id:
            meeting = db.session.get(Meeting, note.meeting_id)
            people |= {meeting.created_by_id} | set(db.session.scalars(
                select(Attendance.user_id).where(Attendance.meeting_id == note.meeting_id)))
        for user_id in people & set(user_ids):
            captured.setdefault(user_id, []).append(terms)
    return captured


def knowledge_at_risk(viewer: User, agency_id: int | None = None, today: date | None = None) -> list[AtRisk]:
    """The leaving people of the agency (all agencies if None) whose strong topics nothing captures,
    soonest departure first; each with up to TOPICS_SHOWN topics, strongest first."""
    from ..handover.departures import confirmed_handover_user_ids, departures_within
    today = today or local_today()
    confirmed = confirmed_handover_user_ids()
    leaving = {fact.user_id: fact for fact in departures_within(LOOKAHEAD_DAYS, agency_id, today)
               if fact.user_id not in confirmed}
    if not leaving:
        return []
    sources = _sources_by_person(list(leaving))
    vocabulary = _vocabulary({term for person in sources.values() for terms in person.values() for term in terms})
    captured = _captured_terms(list(sources))
    strong_by_person = {}
    for user_id, person_sources in sources.items():
        strong = {terms: carrying for terms, carrying in strong_topics(person_sources, vocabulary).items()
                  if not any(note.issuperset(terms) for note in captured.get(user_id, []))}
        if strong:
            strong_by_person[user_id] = strong
    return _presented(viewer, leaving, strong_by_person, vocabulary)


def _presented(viewer, leaving, strong_by_person, vocabulary) -> list[AtRisk]:
    by_kind: dict[str, set[int]] = {}
    for strong in strong_by_person.values():
        for carrying in strong.values():
            for kind, source_id in carrying:
                by_kind.setdefault(kind, set()).add(source_id)
    openable = {kind: VISIBLE_SOURCES.get(kind, lambda viewer, ids: set())(viewer, ids) for kind, ids in by_kind.items()}
    people = {person.id: person for person in db.session.scalars(
        select(User).options(joinedload(User.agency)).where(User.id.in_(list(strong_by_person))))}
    found = []
    for user_id, strong in strong_by_person.items():
        topics = []
        for terms, carrying in strong.items():
            shown: dict[str, int] = {}
            for kind, source_id in carrying:
                if source_id in openable[kind]:
                    shown[kind] = shown.get(kind, 0) + 1
            if shown:  # a topic whose every source is closed to the viewer is not named to him
                topics.append(TopicStrength(vocabulary[terms], sum(WEIGHTS[kind] for kind, _ in carrying), shown))
        topics.sort(key=lambda topic: (-topic.score, topic.label))
        if topics:
            found.append(AtRisk(people[user_id], leaving[user_id], topics[:TOPICS_SHOWN]))
    found.sort(key=lambda item: (item.departure.leaving_on, item.person.name))
    return found
