"""Keeping the topic evidence (models.TopicEvidence) in step with what it is derived from.

Invariant: after every commit, each published asset, each meeting and each declaration has
exactly the evidence rows its current state gives. The session hooks below note which sources
a flush touched and rewrite their rows just before the commit, in the same transaction, so a
rolled-back change leaves no trace and a committed one is never missed; bulk loads that go
around the ORM call `rebuild_topic_evidence()` (also `flask people-reindex`).
"""
from collections.abc import Iterable, Iterator

from sqlalchemy import delete, event, func, insert, select

from ..extensions import db
from ..models import (Asset, AssetStatus, Attendance, DeclaredExpertise, TopicEvidenceKind, ExpertiseSettings, Meeting,
                      Tag, TopicEvidence, asset_tag)
from .topics import topic_terms

STALE = "kmapp_topic_sources_stale"
CHUNK = 500
# Extra sources (e.g. handovers) register here: {name: (refresh(ids), all_ids())}.
SOURCES: dict[str, tuple] = {}


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _rows(user_id: int | None, kind: TopicEvidenceKind, source_id: int, terms: dict[str, str]) -> list[dict]:
    if user_id is None:
        return []
    return [{"term": term, "user_id": user_id, "kind": str(kind), "source_id": source_id, "label": label}
            for term, label in terms.items()]


def _replace(kinds: tuple[TopicEvidenceKind, ...], source_ids: list[int], rows: list[dict]) -> None:
    db.session.execute(delete(TopicEvidence).where(TopicEvidence.kind.in_([str(k) for k in kinds]),
                                                   TopicEvidence.source_id.in_(source_ids)))
    if rows:
        db.session.execute(insert(TopicEvidence), rows)


def refresh_assets(asset_ids: Iterable[int]) -> None:
    """Authorship evidence of these assets from their title and tags (published ones only)."""
    for ids in _chunks(asset_ids):
        assets = db.session.execute(select(Asset.id, Asset.title, Asset.created_by_id).where(
            Asset.id.in_(ids), Asset.status == AssetStatus.PUBLISHED)).all()
        tags: dict[int, list[str]] = {}
        for asset_id, name in db.session.execute(select(asset_tag.c.asset_id, Tag.name).join(
                Tag, Tag.id == asset_tag.c.tag_id).where(asset_tag.c.asset_id.in_(ids))):
            tags.setdefault(asset_id, []).append(name)
        rows = [row for asset_id, title, author in assets
                for row in _rows(author, TopicEvidenceKind.AUTHORED, asset_id, topic_terms(title, *tags.get(asset_id, [])))]
        _replace((TopicEvidenceKind.AUTHORED,), ids, rows)


def refresh_meetings(meeting_ids: Iterable[int]) -> None:
    """Who led (logged) and who attended these meetings, on the words of their topic."""
    for ids in _chunks(meeting_ids):
        meetings = db.session.execute(select(Meeting.id, Meeting.topic, Meeting.created_by_id)
                                      .where(Meeting.id.in_(ids))).all()
        attendees: dict[int, list[int]] = {}
        for meeting_id, user_id in db.session.execute(select(Attendance.meeting_id, Attendance.user_id).where(
                Attendance.meeting_id.in_(ids), Attendance.user_id.is_not(None))):
            attendees.setdefault(meeting_id, []).append(user_id)
        rows = []
        for meeting_id, topic, leader in meetings:
            terms = topic_terms(topic)
            rows += _rows(leader, TopicEvidenceKind.LED, meeting_id, terms)
            for user_id in attendees.get(meeting_id, []):
                rows += _rows(user_id, TopicEvidenceKind.ATTENDED, meeting_id, terms)
        _replace((TopicEvidenceKind.LED, TopicEvidenceKind.ATTENDED), ids, rows)


def refresh_declared(user_ids: Iterable[int]) -> None:
    """Declared expertise counts unless its owner hid it (then it is not shown nor ranked)."""
    for ids in _chunks(user_ids):
        hidden = set(db.session.scalars(select(ExpertiseSettings.user_id).where(
            ExpertiseSettings.user_id.in_(ids), ExpertiseSettings.hide_declared.is_(True))))
        db.session.execute(delete(TopicEvidence).where(TopicEvidence.kind == str(TopicEvidenceKind.DECLARED),
                                                       TopicEvidence.user_id.in_(ids)))
        rows = [row for declared in db.session.scalars(select(DeclaredExpertise).where(
                    DeclaredExpertise.user_id.in_(ids), DeclaredExpertise.user_id.not_in(hidden)))
                for row in _rows(declared.user_id, TopicEvidenceKind.DECLARED, declared.id, topic_terms(declared.name))]
        if rows:
            db.session.execute(insert(TopicEvidence), rows)


def rebuild_topic_evidence() -> int:
    """Every row again from the sources (after a bulk load or an upgrade); returns the row count."""
    db.session.execute(delete(TopicEvidence))
    refresh_assets(db.session.scalars(select(Asset.id)))
    refresh_meetings(db.session.scalars(select(Meeting.id)))
    refresh_declared(db.session.scalars(select(DeclaredExpertise.user_id).distinct()))
    for refresh, all_ids in SOURCES.values():
        refresh(all_ids())
    return db.session.scalar(select(func.count()).select_from(TopicEvidence))


# --- the session hooks -------------------------------------------------------------------------

def note_stale(session, kind: str, source_id: int | None) -> None:
    if source_id is not None:
        session.info.setdefault(STALE, set()).add((kind, source_id))


def _after_flush(session, _context) -> None:
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, Asset):
            note_stale(session, "asset", obj.id)
        elif isinstance(obj, Meeting):
            note_stale(session, "meeting", obj.id)
        elif isinstance(obj, Attendance):
            note_stale(session, "meeting", obj.meeting_id)
        elif isinstance(obj, (DeclaredExpertise, ExpertiseSettings)):
            note_stale(session, "declared", obj.user_id)
        else:
            for name, (kind_of, _refresh) in _EXTRA_HOOKS.items():
                source_id = kind_of(obj)
                if source_id is not None:
                    note_stale(session, name, source_id)


# Other areas' objects that are evidence sources: {name: (source id of obj or None, refresh)}.
_EXTRA_HOOKS: dict[str, tuple] = {}


def register_source(name: str, source_id_of, refresh, all_ids) -> None:
    """Let another area's objects feed the evidence (e.g. handovers)."""
    _EXTRA_HOOKS[name] = (source_id_of, refresh)
    SOURCES[name] = (refresh, all_ids)


def _before_commit(session) -> None:
    if not session.info.get(STALE) and not (session.new or session.dirty or session.deleted):
        return
    session.flush()
    stale = session.info.pop(STALE, set())
    if not stale:
        return
    by_kind: dict[str, set[int]] = {}
    for kind, source_id in stale:
        by_kind.setdefault(kind, set()).add(source_id)
    refresh_assets(by_kind.pop("asset", ()))
    refresh_meetings(by_kind.pop("meeting", ()))
    refresh_declared(by_kind.pop("declared", ()))
    for name, ids in by_kind.items():
        _EXTRA_HOOKS[name][1](ids)


def _forget(session) -> None:
    session.info.pop(STALE, None)


def init_app(_app) -> None:
    from .handovers import init as init_handovers
    init_handovers()
    for name, listener in (("after_flush", _after_flush), ("before_commit", _before_commit),
                           ("after_rollback", _forget)):
        if not event.contains(db.session, name, listener):
            event.listen(db.session, name, listener)
