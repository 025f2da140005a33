"""Who hears of a post: the thread's followers (a reply) and the people it mentions (a mention),
only if they may read the thread; never its author. One INSERT ... SELECT per kind, in a job."""
from sqlalchemy import and_, exists, or_, select

from ..extensions import db
from ..jobs import handler
from ..jobs.queue import enqueue
from ..models import CommunityMember, Post, Role, Thread, User, UserRole, Watch, WatchTarget
from ..notifications.events import fan_out
from ..policy import PROGRAMME_SPACE_ROLES
from .mentions import mentioned_user_ids
from .spaces import first_post_id

POST_JOB = "notify.post"
ACCEPTED_JOB = "notify.accepted"


def announce_post(post: Post) -> None:
    """Call in the transaction that writes `post` (flushed: it has an id)."""
    enqueue(POST_JOB, {"post_id": post.id}, key=f"{POST_JOB}:{post.id}")


def announce_accepted(post: Post) -> None:
    """Call in the transaction that marks `post` as the accepted answer: its author hears of it."""
    enqueue(ACCEPTED_JOB, {"post_id": post.id})


def readers_clause(thread: Thread):
    """`policy.can_read_thread` as a condition on User rows."""
    def has_role(*roles: Role):
        return exists().where(UserRole.user_id == User.id, UserRole.role.in_([r.value for r in roles]))
    if thread.community_id is None:
        return has_role(*PROGRAMME_SPACE_ROLES)
    return or_(has_role(Role.ADMIN), exists().where(CommunityMember.user_id == User.id,
                                                      CommunityMember.community_id == thread.community_id))


def _params(thread: Thread, post: Post) -> dict:
    return {"thread_id": thread.id, "post_id": post.id, "title": thread.title,
            "community": thread.community.name if thread.community else None}


@handler(POST_JOB)
def notify_post(payload: dict, job) -> None:
    post = db.session.get(Post, payload["post_id"])
    if post is None or post.hidden:
        return
    thread = post.thread
    audience = and_(User.active.is_(True), readers_clause(thread), User.id != (post.author_id or 0))
    mentioned = mentioned_user_ids(post.body_md)
    if mentioned:
        fan_out("thread.mention", _params(thread, post), select(User.id).where(audience, User.id.in_(mentioned)))
    if post.id == first_post_id(thread):
        return  # a new thread: only its author follows it yet
    followers = select(Watch.user_id).where(Watch.target == WatchTarget.THREAD.value, Watch.target_id == thread.id)
    fan_out("thread.reply", _params(thread, post),
            select(User.id).where(audience, User.id.in_(followers), User.id.notin_(mentioned or [0])))


@handler(ACCEPTED_JOB)
def notify_accepted(payload: dict, job) -> None:
    post = db.session.get(Post, payload["post_id"])
    if post is None or post.author_id is None or post.thread.accepted_post_id != post.id:
        return  # the mark was taken away (or moved) before the worker came to it
    thread = post.thread
    fan_out("thread.accepted", _params(thread, post), select(User.id).where(
        User.id == post.author_id, User.active.is_(True), readers_clause(thread)))
