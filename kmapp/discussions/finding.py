"""The search tab of discussions: words of posts reduced by the same Indonesian analyser as the
asset index (kmapp/search/analysis.py), kept on each post and matched in SQL.

Invariant: the thread visibility clause and the hidden-post filter are part of the one query, so
nothing the viewer may not read is counted or shown. Discussions are few beside assets (a few
thousand posts), so a scan of their stems is cheap and needs no second index to keep in step.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import Post, Thread
from ..policy import thread_readable_clause
from ..search.analysis import analyze

MAX_QUERY_TERMS = 8
EXCERPT_CHARS = 220


def terms_of(*texts: str) -> str:
    """What `Post.search_terms` stores: the distinct stems, space-delimited on both ends."""
    stems = sorted({term for text in texts if text for term in analyze(text)})
    return f" {' '.join(stems)} " if stems else ""


@dataclass(frozen=True)
class Hit:
    thread: Thread
    post: Post


def _matching(user, q: str):
    stems = list(dict.fromkeys(analyze(q or "")))[:MAX_QUERY_TERMS]
    if not stems:
        return None
    clauses = [Post.search_terms.contains(f" {stem} ", autoescape=True) for stem in stems]
    return (select(Post.thread_id, func.max(Post.id).label("post_id")).join(Thread, Thread.id == Post.thread_id)
            .where(Post.hidden_at.is_(None), thread_readable_clause(user), *clauses)
            .group_by(Post.thread_id))


def count_discussions(user, q: str) -> int:
    matching = _matching(user, q)
    if matching is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(matching.subquery())) or 0


def find_discussions(user, q: str, limit: int = 20) -> list[Hit]:
    """Threads whose posts hold every word of `q`, the latest first, with their latest matching post."""
    matching = _matching(user, q)
    if matching is None:
        return []
    found = matching.subquery()
    rows = db.session.execute(select(Thread, Post).join(found, found.c.thread_id == Thread.id)
                              .join(Post, Post.id == found.c.post_id)
                              .order_by(Thread.last_post_at.desc()).limit(limit)).all()
    return [Hit(thread, post) for thread, post in rows]


def excerpt(post: Post) -> str:
    """Plain text (the template escapes it), cut at a word."""
    text = " ".join(post.body_md.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
