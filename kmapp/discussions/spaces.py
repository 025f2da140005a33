"""Lists of threads and what the new-thread form offers."""
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Meeting, Post, Thread

FOLLOW_UP_DAYS = 14
MAX_AGENDA_ITEMS = 30


def recent_threads(where, limit: int) -> list[Thread]:
    return list(db.session.scalars(select(Thread).where(where).order_by(Thread.last_post_at.desc()).limit(limit)))


def thread_posts(thread: Thread) -> list[Post]:
    """A thread's posts in order, their authors loaded in one more query (not one per post)."""
    return list(db.session.scalars(select(Post).where(Post.thread_id == thread.id)
                                   .options(selectinload(Post.author)).order_by(Post.id)))


def first_post_id(thread: Thread) -> int | None:
    """The opening post (it cannot be the accepted answer)."""
    return db.session.scalar(select(func.min(Post.id)).where(Post.thread_id == thread.id))


def post_counts(threads: list[Thread]) -> dict[int, int]:
    """Visible posts per thread, in one query."""
    ids = [thread.id for thread in threads]
    if not ids:
        return {}
    return dict(db.session.execute(select(Post.thread_id, func.count()).where(
        Post.thread_id.in_(ids), Post.hidden_at.is_(None)).group_by(Post.thread_id)).all())


def agenda_items(meeting: Meeting | None) -> list[str]:
    """The lines of a meeting's agenda, list markers taken off."""
    if meeting is None or not meeting.agenda:
        return []
    items = []
    for line in meeting.agenda.splitlines():
        item = line.strip().lstrip("-*•0123456789.) ").strip()[:300]
        if item and item not in items:
            items.append(item)
    return items[:MAX_AGENDA_ITEMS]


def default_days(meeting: Meeting | None, today: date) -> tuple[date, date | None]:
    """Open today; before a meeting, until its day (to prepare); after it, two weeks (to follow up)."""
    if meeting is None:
        return today, None
    if meeting.held_on >= today:
        return today, meeting.held_on
    return today, today + timedelta(days=FOLLOW_UP_DAYS)


def phase(thread: Thread) -> str | None:
    """"prepare" before its meeting, "follow_up" after it."""
    if thread.meeting is None:
        return None
    return "prepare" if thread.opens_at.date() < thread.meeting.held_on else "follow_up"


def meeting_threads(meeting: Meeting, user) -> list[Thread]:
    """The threads on a meeting's agenda that `user` may read (for the meeting page)."""
    from ..policy import thread_readable_clause
    return list(db.session.scalars(select(Thread).where(Thread.meeting_id == meeting.id, thread_readable_clause(user))
                                   .order_by(Thread.opens_at)))


MEETING_CHOICES = 20


def meeting_choices(thread: Thread) -> list[tuple[str, str]]:
    """The CoP's latest meetings, for hanging a thread on one."""
    from ..dates import list_date
    if thread.community_id is None:
        return []
    meetings = db.session.scalars(select(Meeting).where(Meeting.community_id == thread.community_id)
                                  .order_by(Meeting.held_on.desc()).limit(MEETING_CHOICES))
    return [(str(m.id), f"{list_date(m.held_on)} · {m.topic}") for m in meetings]
