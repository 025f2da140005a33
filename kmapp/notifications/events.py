"""Events that notify people. The change that causes one queues a job in its own transaction;
the worker then writes every recipient's notification in one statement (a batch, not a
commit per person) and queues the e-mails of those who want them at once."""
import json

from sqlalchemy import String, exists, func, literal, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..jobs import handler
from ..jobs.queue import enqueue
from ..models import Asset, Delivery, Meeting, Notification, NotificationPreference, User, utcnow
from . import recipients

ASSET_JOB = "notify.asset"
MEETING_JOB = "notify.meeting"


def announce_new_asset(asset: Asset, actor: User | None) -> None:
    """Call in the transaction that publishes `asset`."""
    enqueue(ASSET_JOB, {"asset_id": asset.id, "actor_id": actor.id if actor else None}, key=f"{ASSET_JOB}:{asset.id}")


def announce_new_meeting(meeting: Meeting) -> None:
    """Call in the transaction that records `meeting`: its CoP's facilitators are to accompany it."""
    enqueue(MEETING_JOB, {"meeting_id": meeting.id}, key=f"{MEETING_JOB}:{meeting.id}")


def fan_out(kind: str, params: dict, recipient_ids, topic_key: str | None = None) -> int:
    """Write one notification of `kind` for every id `recipient_ids` (a SELECT) yields; returns
    how many. With `topic_key`, people who already have a notification with that key are
    skipped (a reminder is said once). Mails for those who chose immediate delivery are
    queued in the same transaction."""
    now = utcnow()
    chosen = recipient_ids.subquery()
    rows = select(chosen.c[0], literal(kind), literal(json.dumps(params, sort_keys=True)), literal(now),
                  literal(topic_key, String))
    if topic_key is not None:
        told = aliased(Notification)
        rows = rows.where(~exists().where(told.user_id == chosen.c[0], told.topic_key == topic_key))
    insert = db.insert(Notification).from_select(["user_id", "kind", "params", "created_at", "topic_key"], rows)
    # SQLAlchemy reports an INSERT's row count only when asked (PostgreSQL gave -1 otherwise).
    written = db.session.execute(insert, execution_options={"preserve_rowcount": True}).rowcount
    from .mail import mail_enabled, queue_mail
    if written and mail_enabled():
        immediate = db.session.scalars(
            select(NotificationPreference.user_id).where(
                NotificationPreference.user_id.in_(select(chosen.c[0])),
                NotificationPreference.delivery == Delivery.IMMEDIATE.value))
        for user_id in immediate:
            queue_mail(user_id)
    return written


@handler(ASSET_JOB)
def notify_new_asset(payload: dict, job) -> None:
    asset = db.session.get(Asset, payload["asset_id"])
    if asset is None:
        return  # removed before the worker came to it
    fan_out("asset.new", {"asset_id": asset.id, "title": asset.title, "community_id": asset.community_id,
                          "community": asset.community.name},
            recipients.asset_recipients(asset, payload.get("actor_id")))


@handler(MEETING_JOB)
def notify_new_meeting(payload: dict, job) -> None:
    meeting = db.session.get(Meeting, payload["meeting_id"])
    if meeting is None or meeting.accompanied_at is not None:
        return
    fan_out("meeting.accompany", {"meeting_id": meeting.id, "topic": meeting.topic,
                                  "community": meeting.community.name, "held_on": meeting.held_on.isoformat()},
            recipients.facilitators_of(meeting.community_id))


def notify_person(user_id: int, kind: str, params: dict) -> int:
    """One person's notification, written in the caller's transaction (an assignment, say)."""
    return fan_out(kind, params, select(User.id).where(User.id == user_id, User.active.is_(True)))


def unread_count(user_id: int) -> int:
    """The header's count (a partial index holds only unread rows)."""
    return db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.user_id == user_id, Notification.read_at.is_(None)))
