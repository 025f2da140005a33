"""Starting a thread and replying: the open period, the rate limit, following, notifying.
Each function adds to the session; the route commits (one transaction with its audit row and job)."""
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _, ngettext
from sqlalchemy import func, select

from ..audit import record_change
from ..dates import list_datetime
from ..extensions import db
from ..models import Community, Meeting, Post, Thread, User, Watch, WatchTarget, utcnow
from ..notifications.watching import is_watching
from .finding import terms_of
from .periods import CLOSED, LOCKED, UPCOMING, state_of


class PostRefused(Exception):
    """Posting is not possible now; the message says why (and when), the form keeps the text."""


@dataclass
class ThreadInput:
    title: str
    body: str
    kind: str
    opens_at: object
    closes_at: object
    meeting: Meeting | None = None
    agenda_item: str = ""


def check_rate(author: User) -> None:
    """At most DISCUSSION_MAX_POSTS posts per DISCUSSION_RATE_MINUTES per person."""
    limit = int(current_app.config["DISCUSSION_MAX_POSTS"])
    minutes = int(current_app.config["DISCUSSION_RATE_MINUTES"])
    since = utcnow() - timedelta(minutes=minutes)
    recent = db.session.scalar(select(func.count()).select_from(Post).where(
        Post.author_id == author.id, Post.created_at >= since))
    if recent >= limit:
        raise PostRefused(ngettext(
            "Anda sudah mengirim %(num)d tulisan dalam %(minutes)s menit terakhir. Tunggu sebentar, lalu kirim lagi; "
            "teks Anda masih ada di bawah.",
            "Anda sudah mengirim %(num)d tulisan dalam %(minutes)s menit terakhir. Tunggu sebentar, lalu kirim lagi; "
            "teks Anda masih ada di bawah.", recent, minutes=minutes))


def check_open(thread: Thread) -> None:
    """Refuse a post outside the thread's period, naming its dates."""
    state = state_of(thread)
    if state == LOCKED:
        raise PostRefused(_("Diskusi ini dikunci oleh moderator dan tidak menerima tanggapan. Teks Anda masih ada "
                            "di bawah untuk disalin."))
    if state == UPCOMING:
        raise PostRefused(_("Diskusi ini baru dibuka %(opens)s. Teks Anda masih ada di bawah untuk disalin.",
                            opens=list_datetime(thread.opens_at)))
    if state == CLOSED:
        raise PostRefused(_("Diskusi ini menerima tanggapan dari %(opens)s sampai %(closes)s dan sekarang sudah "
                            "ditutup. Teks Anda masih ada di bawah untuk disalin.",
                            opens=list_datetime(thread.opens_at), closes=list_datetime(thread.closes_at)))


def follow(user: User, thread: Thread) -> None:
    """Authors and repliers follow the (flushed) thread; they can stop with one click."""
    if not is_watching(user.id, WatchTarget.THREAD.value, thread.id):
        db.session.add(Watch(user_id=user.id, target=WatchTarget.THREAD.value, target_id=thread.id))


def _new_post(thread: Thread, author: User, body: str, with_title: bool = False) -> Post:
    now = utcnow()
    post = Post(thread=thread, author=author, body_md=body, created_at=now,
                search_terms=terms_of(thread.title if with_title else "", body))
    thread.last_post_at = now
    db.session.add(post)
    return post


def start_thread(community: Community | None, fields: ThreadInput, author: User) -> Thread:
    """A new thread with its opening post; its author follows it."""
    check_rate(author)
    thread = Thread(community=community, meeting=fields.meeting, agenda_item=fields.agenda_item.strip(),
                    kind=fields.kind, title=fields.title.strip(), author=author, opens_at=fields.opens_at,
                    closes_at=fields.closes_at, outcome_md="")
    db.session.add(thread)
    first = _new_post(thread, author, fields.body, with_title=True)
    db.session.flush()
    follow(author, thread)
    record_change("thread.created", thread, None, {
        "title": thread.title, "community_id": thread.community_id, "meeting_id": thread.meeting_id,
        "kind": thread.kind, "opens_at": thread.opens_at, "closes_at": thread.closes_at}, actor=author)
    from .notify import announce_post
    announce_post(first)
    return thread


def reply(thread: Thread, author: User, body: str) -> Post:
    """A reply inside the open period; followers and people mentioned hear of it."""
    check_open(thread)
    check_rate(author)
    post = _new_post(thread, author, body)
    db.session.flush()
    follow(author, thread)
    from .notify import announce_post
    announce_post(post)
    return post
