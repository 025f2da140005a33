"""What moderators (and a question's author) do to a thread; every change is audited."""
from datetime import timedelta

from ..audit import record_change
from ..extensions import db
from ..models import Post, Thread, User, utcnow


def hide_post(post: Post, reason: str, moderator: User) -> None:
    """Hidden from readers; its author and the moderators still see it, with the reason."""
    before = {"hidden": post.hidden, "reason": post.hidden_reason}
    post.hidden_at, post.hidden_by_id, post.hidden_reason = utcnow(), moderator.id, reason.strip()
    if post.thread.accepted_post_id == post.id:
        post.thread.accepted_post_id = None
    record_change("post.hidden", post, before, {"hidden": True, "reason": post.hidden_reason}, actor=moderator)


def show_post(post: Post, moderator: User) -> None:
    before = {"hidden": post.hidden, "reason": post.hidden_reason}
    post.hidden_at, post.hidden_by_id, post.hidden_reason = None, None, ""
    record_change("post.shown", post, before, {"hidden": False}, actor=moderator)


def set_locked(thread: Thread, locked: bool, moderator: User) -> None:
    record_change("thread.locked" if locked else "thread.unlocked", thread, {"locked": thread.locked},
                  {"locked": locked}, actor=moderator)
    thread.locked = locked


def accept_answer(thread: Thread, post: Post | None, actor: User) -> None:
    """Mark `post` as the question's answer (None takes the mark away)."""
    before = {"accepted_post_id": thread.accepted_post_id}
    thread.accepted_post_id = post.id if post is not None else None
    record_change("thread.answer_accepted", thread, before, {"accepted_post_id": thread.accepted_post_id}, actor=actor)
    if post is not None and post.author_id != actor.id:
        from .notify import announce_accepted
        announce_accepted(post)


def write_outcome(thread: Thread, outcome: str, close_now: bool, moderator: User) -> None:
    """The outcome shown on top of the thread; closing now ends its period at once."""
    before = {"outcome": thread.outcome_md, "closes_at": thread.closes_at}
    thread.outcome_md = outcome.strip()
    now = utcnow()
    if close_now and (thread.closes_at is None or thread.closes_at > now):
        if thread.opens_at >= now:  # closed before it opened: the period becomes an instant
            thread.opens_at = now - timedelta(seconds=1)
        thread.closes_at = now
    record_change("thread.outcome", thread, before, {"outcome": thread.outcome_md, "closes_at": thread.closes_at},
                  actor=moderator)
    db.session.flush()


def link_meeting(thread: Thread, meeting, agenda_item: str, moderator: User) -> None:
    """Hang the thread on its meeting (or take it off, with None)."""
    before = {"meeting_id": thread.meeting_id, "agenda_item": thread.agenda_item}
    thread.meeting, thread.agenda_item = meeting, agenda_item.strip() if meeting else ""
    thread.meeting_id = meeting.id if meeting else None
    record_change("thread.meeting_linked", thread, before,
                  {"meeting_id": thread.meeting_id, "agenda_item": thread.agenda_item}, actor=moderator)
