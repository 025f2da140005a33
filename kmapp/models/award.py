"""The Knowledge Management Award (KMA): a yearly round with its rubric, the agencies'
nominations, the assessors' score sheets and, once finalised, the ranking."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (Boolean, CheckConstraint, Date, DateTime, Float, ForeignKey, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import one_of
from .people import Agency, User


class RoundStatus(StrEnum):
    OPEN = "open"            # nominations and scoring under way
    FINALISED = "finalised"  # results published; changes need a reopening with a reason


class SheetStatus(StrEnum):
    """Shared by nominations and score sheets: a kept draft, or sent."""
    DRAFT = "draft"
    SUBMITTED = "submitted"


class AwardRound(db.Model):
    """One year's award (KMA 2025, KMA 2026...)."""
    __tablename__ = "award_round"
    __table_args__ = (
        one_of("status", RoundStatus, "status_known"),
        CheckConstraint("winners_count BETWEEN 1 AND 200", name="winners_count_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(200))
    winners_count: Mapped[int] = mapped_column(Integer, default=15)
    submission_deadline: Mapped[date] = mapped_column(Date)
    ceremony_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default=RoundStatus.OPEN.value)
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    criteria: Mapped[list["AwardCriterion"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="AwardCriterion.position")

    @property
    def finalised(self) -> bool:
        return self.status == RoundStatus.FINALISED


class AwardCriterion(db.Model):
    """One line of the rubric: an aspect with its weight and its score scale."""
    __tablename__ = "award_criterion"
    __table_args__ = (
        UniqueConstraint("round_id", "code", name="uq_award_criterion_code"),
        CheckConstraint("weight BETWEEN 0 AND 100", name="weight_range"),
        CheckConstraint("scale_min >= 0 AND scale_max > scale_min AND scale_max <= 100", name="scale_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer)
    scale_min: Mapped[int] = mapped_column(Integer, default=1)
    scale_max: Mapped[int] = mapped_column(Integer, default=5)
    position: Mapped[int] = mapped_column(Integer, default=0)

    round: Mapped[AwardRound] = relationship(back_populates="criteria")


class Nomination(db.Model):
    """An agency's entry: a narrative per aspect, evidence from the portal, attachments."""
    __tablename__ = "award_nomination"
    __table_args__ = (
        UniqueConstraint("round_id", "agency_id", name="uq_award_nomination_agency"),
        one_of("status", SheetStatus, "status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=SheetStatus.DRAFT.value)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    round: Mapped[AwardRound] = relationship()
    agency: Mapped[Agency] = relationship()
    submitted_by: Mapped[User | None] = relationship()
    narratives: Mapped[list["NominationNarrative"]] = relationship(cascade="all, delete-orphan")
    evidence: Mapped[list["NominationEvidence"]] = relationship(cascade="all, delete-orphan")
    attachments: Mapped[list["NominationAttachment"]] = relationship(
        cascade="all, delete-orphan", order_by="NominationAttachment.id")

    @property
    def submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class NominationNarrative(db.Model):
    __tablename__ = "award_narrative"

    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nomination.id", ondelete="CASCADE"),
                                               primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id", ondelete="CASCADE"),
                                              primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")


class NominationEvidence(db.Model):
    """A meeting or an asset of the agency, named as evidence (exactly one of the two)."""
    __tablename__ = "award_evidence"
    __table_args__ = (
        CheckConstraint("(meeting_id IS NULL) <> (asset_id IS NULL)", name="meeting_or_asset"),
        UniqueConstraint("nomination_id", "meeting_id", "asset_id", name="uq_award_evidence_item"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nomination.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"))

    meeting = relationship("Meeting")
    asset = relationship("Asset")


class NominationAttachment(db.Model):
    """A file sent with a nomination, checked by content like an asset's, stored outside static/."""
    __tablename__ = "award_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("award_nomination.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AssessorAssignment(db.Model):
    """An assessor assigned to score one agency in one round."""
    __tablename__ = "award_assignment"

    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)

    agency: Mapped[Agency] = relationship()
    assessor: Mapped[User] = relationship()


class ScoreSheet(db.Model):
    """One assessor's scores for one agency."""
    __tablename__ = "award_score_sheet"
    __table_args__ = (
        UniqueConstraint("round_id", "agency_id", "assessor_id", name="uq_award_score_sheet"),
        one_of("status", SheetStatus, "status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    assessor_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=SheetStatus.DRAFT.value)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    agency: Mapped[Agency] = relationship()
    assessor: Mapped[User] = relationship()
    scores: Mapped[list["AspectScore"]] = relationship(cascade="all, delete-orphan")

    @property
    def submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED


class AspectScore(db.Model):
    """A score (NULL while the draft leaves it empty) and its comment for one criterion."""
    __tablename__ = "award_aspect_score"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("award_score_sheet.id", ondelete="CASCADE"), primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id", ondelete="CASCADE"),
                                              primary_key=True)
    value: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class AwardResult(db.Model):
    """The ranking as finalised: kept so that history never changes with later edits."""
    __tablename__ = "award_result"
    __table_args__ = (UniqueConstraint("round_id", "rank", name="uq_award_result_rank"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True, index=True)
    rank: Mapped[int] = mapped_column(Integer)
    total: Mapped[float] = mapped_column(Float)
    assessors: Mapped[int] = mapped_column(Integer)
    winner: Mapped[bool] = mapped_column(Boolean, default=False)

    agency: Mapped[Agency] = relationship()
