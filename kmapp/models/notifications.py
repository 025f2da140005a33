"""What the portal tells people: notifications, what they watch, how they want to hear."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow
from .enums import one_of


class Delivery(StrEnum):
    """How a person wants to hear: only in the portal, a daily e-mail, or an e-mail at once."""
    IN_APP = "in_app"
    DIGEST = "digest"
    IMMEDIATE = "immediate"


class WatchTarget(StrEnum):
    COMMUNITY = "community"
    TAG = "tag"
    THREAD = "thread"  # a discussion thread (kmapp/discussions)


class Notification(db.Model):
    """One thing one person should know. The text is rendered when shown, in the reader's
    language, from `kind` and `params` (JSON): nothing user-written is ever formatted into a
    translated string."""
    __tablename__ = "notification"
    __table_args__ = (
        # The header's count on every page: only the unread rows of one person are touched.
        Index("ix_notification_unread", "user_id", sqlite_where=text("read_at IS NULL"),
              postgresql_where=text("read_at IS NULL")),
        Index("ix_notification_user_recent", "user_id", "id"),
        # A reminder is written once per person and subject (e.g. one asset's review date).
        Index("uq_notification_topic", "user_id", "topic_key", unique=True,
              sqlite_where=text("topic_key IS NOT NULL"), postgresql_where=text("topic_key IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(DateTime)  # sent alone or in a digest
    topic_key: Mapped[str | None] = mapped_column(String(120))


class Watch(db.Model):
    """A CoP or a tag someone follows beyond his own CoPs (one click on its page)."""
    __tablename__ = "watch"
    __table_args__ = (one_of("target", WatchTarget, "watch_target_known"),
                      Index("ix_watch_target", "target", "target_id"))

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    target: Mapped[str] = mapped_column(String(12), primary_key=True)
    target_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class NotificationPreference(db.Model):
    """A person's choice of delivery; no row means in the portal only."""
    __tablename__ = "notification_preference"
    __table_args__ = (one_of("delivery", Delivery, "delivery_known"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(10), default=Delivery.IN_APP.value)
    digest_sent_at: Mapped[datetime | None] = mapped_column(DateTime)
