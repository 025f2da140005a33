"""Who knows what: the topic evidence behind the expert locator, and declared expertise."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import utcnow
from .enums import one_of


class TopicEvidenceKind(StrEnum):
    """What a person did with a topic; the weights live in kmapp/people/ranking.py."""
    AUTHORED = "authored"  # created an asset whose title or tags carry the term
    LED = "led"  # logged (ran) a CoP meeting whose topic carries it
    ATTENDED = "attended"  # attended such a meeting
    HANDOVER = "handover"  # gave a handover whose duties and processes carry it
    RECEIVED = "received"  # named successor in such a handover
    DECLARED = "declared"  # declared it himself (shown as declared, never checked)


class TopicEvidence(db.Model):
    """One person, one stemmed term, one source: the per-person topic profile.

    Derived data, rewritten per source as assets, meetings, handovers and declarations change
    (kmapp/people/evidence.py) and rebuilt whole by `flask people-reindex`. Rows are kept for
    sources a viewer may not open: the ranking counts everything, pages show what the viewer
    may open (the source is joined back to its visibility rule).
    """
    __tablename__ = "topic_evidence"
    __table_args__ = (
        one_of("kind", TopicEvidenceKind, "evidence_kind_known"),
        # Covering for the search (term -> people, sources): no table access.
        UniqueConstraint("term", "user_id", "kind", "source_id", name="uq_topic_evidence_term_user_source"),
        Index("ix_topic_evidence_source", "kind", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(60))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    source_id: Mapped[int] = mapped_column(Integer)  # asset, meeting or handover id; user id when declared
    label: Mapped[str] = mapped_column(String(60))  # the word as written (a stem is not always readable)


class DeclaredExpertise(db.Model):
    """A topic a person says he knows about: free text, reviewed by nobody, shown as declared."""
    __tablename__ = "declared_expertise"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_declared_expertise_user_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExpertiseSettings(db.Model):
    """A person's choices about his declared expertise (a row only once he made one)."""
    __tablename__ = "expertise_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    hide_declared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
