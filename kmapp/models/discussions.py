"""Structured discussion: threads of one CoP or of the programme-wide space, and their posts.

A thread may hang on a meeting's agenda item (to prepare it or to follow it up), is open
between `opens_at` and `closes_at` (UTC), and once closed or locked is read-only with its
outcome on top. Posts are Markdown rendered once when written (as minutes are)."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from .base import utcnow
from .enums import one_of
from .meetings import Meeting
from .people import Community, User


class ThreadKind(StrEnum):
    DISCUSSION = "discussion"
    QUESTION = "question"  # may mark one reply as the accepted answer


class Thread(db.Model):
    """A discussion thread; `community_id` NULL is the programme-wide space."""
    __tablename__ = "discussion_thread"
    __table_args__ = (
        one_of("kind", ThreadKind, "thread_kind_known"),
        CheckConstraint("closes_at IS NULL OR closes_at > opens_at", name="closes_after_opening"),
        Index("ix_discussion_thread_space", "community_id", "last_post_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int | None] = mapped_column(ForeignKey("community.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    agenda_item: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(12), default=ThreadKind.DISCUSSION.value)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    opens_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closes_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome_md: Mapped[str] = mapped_column(Text, default="")
    outcome_html: Mapped[str | None] = mapped_column(Text)
    # No foreign key (posts and threads would refer to each other); posts are hidden, never deleted.
    accepted_post_id: Mapped[int | None] = mapped_column(Integer)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("asset.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    community: Mapped[Community | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    author: Mapped[User | None] = relationship()
    posts: Mapped[list["Post"]] = relationship(back_populates="thread", cascade="all, delete-orphan",
                                               order_by="Post.id", foreign_keys="Post.thread_id")

    @validates("outcome_md")
    def _render_outcome(self, _key: str, text: str) -> str:
        from ..communities.minutes import render_minutes_html  # the one safe Markdown renderer
        self.outcome_html = render_minutes_html(text)
        return text


class Post(db.Model):
    """One message of a thread (the first is the opening). A hidden post keeps its text for its
    author and the moderators; everyone else reads the reason only."""
    __tablename__ = "discussion_post"
    __table_args__ = (Index("ix_discussion_post_author_recent", "author_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("discussion_thread.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    # Stems of the text (kmapp/discussions/finding.py), space-separated, for the search tab.
    search_terms: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    hidden_at: Mapped[datetime | None] = mapped_column(DateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    hidden_reason: Mapped[str] = mapped_column(String(300), default="")

    thread: Mapped[Thread] = relationship(back_populates="posts", foreign_keys=[thread_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])

    @validates("body_md")
    def _render_body(self, _key: str, text: str) -> str:
        from ..communities.minutes import render_minutes_html
        self.body_html = render_minutes_html(text)
        return text

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None
