"""The maturity instrument (versioned), the yearly maturity rounds and each agency's assessment.

An instrument version is frozen (`frozen_at`) from the moment a round uses it; a change then
makes a new version. Indicators keep a stable `code` across versions: comparisons between
years go through it (kmapp/maturity/comparison.py).
"""
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import one_of
from .people import Agency, User

SCORE_MIN, SCORE_MAX = 1, 5


class AssessmentState(StrEnum):
    DRAFT = "draft"          # the CoP lead fills it in
    SUBMITTED = "submitted"  # waiting for the assessor's verification
    VERIFIED = "verified"    # the assessor's scores are final, waiting for publication
    PUBLISHED = "published"  # read-only; a correction reopens it (audited)


class EvidenceKind(StrEnum):
    MEETING = "meeting"
    ASSET = "asset"
    FILE = "file"


class MaturityInstrument(db.Model):
    """One version of the instrument: dimensions, indicators, and the level thresholds."""
    __tablename__ = "maturity_instrument"
    __table_args__ = (
        CheckConstraint("level_2_from > 20 AND level_2_from < level_3_from AND level_3_from < level_4_from "
                        "AND level_4_from < level_5_from AND level_5_from <= 100", name="thresholds_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    based_on_id: Mapped[int | None] = mapped_column(ForeignKey("maturity_instrument.id"))
    # Lowest total (out of 100) of each level; below level_2_from is level 1.
    level_2_from: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    level_3_from: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    level_4_from: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    level_5_from: Mapped[Decimal] = mapped_column(Numeric(4, 1))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime)

    created_by: Mapped[User | None] = relationship()
    # An instrument is small and always read whole: dimensions and indicators come in two queries.
    dimensions: Mapped[list["MaturityDimension"]] = relationship(
        back_populates="instrument", cascade="all, delete-orphan", order_by="MaturityDimension.position",
        lazy="selectin")

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    @property
    def thresholds(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        return (self.level_2_from, self.level_3_from, self.level_4_from, self.level_5_from)

    @property
    def indicators(self) -> list["MaturityIndicator"]:
        return [indicator for dimension in self.dimensions for indicator in dimension.indicators]


class MaturityDimension(db.Model):
    __tablename__ = "maturity_dimension"
    __table_args__ = (UniqueConstraint("instrument_id", "code", name="uq_maturity_dimension_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("maturity_instrument.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))

    instrument: Mapped[MaturityInstrument] = relationship(back_populates="dimensions")
    indicators: Mapped[list["MaturityIndicator"]] = relationship(
        back_populates="dimension", cascade="all, delete-orphan", order_by="MaturityIndicator.position",
        lazy="selectin")


class MaturityIndicator(db.Model):
    """An indicator with its stable code, a weight and what each level 1-5 looks like."""
    __tablename__ = "maturity_indicator"
    __table_args__ = (
        UniqueConstraint("instrument_id", "code", name="uq_maturity_indicator_code"),
        CheckConstraint("weight BETWEEN 1 AND 100", name="weight_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("maturity_instrument.id", ondelete="CASCADE"), index=True)
    dimension_id: Mapped[int] = mapped_column(ForeignKey("maturity_dimension.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    weight: Mapped[int] = mapped_column(Integer)
    level_1: Mapped[str] = mapped_column(Text)
    level_2: Mapped[str] = mapped_column(Text)
    level_3: Mapped[str] = mapped_column(Text)
    level_4: Mapped[str] = mapped_column(Text)
    level_5: Mapped[str] = mapped_column(Text)

    dimension: Mapped[MaturityDimension] = relationship(back_populates="indicators")
    instrument: Mapped[MaturityInstrument] = relationship()

    @property
    def descriptors(self) -> tuple[str, str, str, str, str]:
        return (self.level_1, self.level_2, self.level_3, self.level_4, self.level_5)


class MaturityRound(db.Model):
    """The year's assessment: one instrument version and a deadline for the self-assessments."""
    __tablename__ = "maturity_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("maturity_instrument.id"), index=True)
    deadline: Mapped[date] = mapped_column(Date)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    instrument: Mapped[MaturityInstrument] = relationship()
    assessments: Mapped[list["MaturityAssessment"]] = relationship(back_populates="round")


class MaturityAssessorAssignment(db.Model):
    """An assessor who verifies one agency's assessment in one round (never his own agency)."""
    __tablename__ = "maturity_assignment"

    round_id: Mapped[int] = mapped_column(ForeignKey("maturity_round.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True)
    assessor_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True, index=True)

    assessor: Mapped[User] = relationship()
    agency: Mapped[Agency] = relationship()


class MaturityAssessment(db.Model):
    """One agency's assessment in one round: self-assessment, verification, publication."""
    __tablename__ = "maturity_assessment"
    __table_args__ = (
        UniqueConstraint("round_id", "agency_id", name="uq_maturity_assessment_round_agency"),
        one_of("state", AssessmentState, "state_known"),
        CheckConstraint("level IS NULL OR level BETWEEN 1 AND 5", name="level_range"),
        CheckConstraint("self_level IS NULL OR self_level BETWEEN 1 AND 5", name="self_level_range"),
        Index("ix_maturity_assessment_agency", "agency_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("maturity_round.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    state: Mapped[str] = mapped_column(String(12), default=AssessmentState.DRAFT.value)
    self_total: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    self_level: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))  # the verified (final) total
    level: Mapped[int | None] = mapped_column(Integer)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    round: Mapped[MaturityRound] = relationship(back_populates="assessments")
    agency: Mapped[Agency] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    scores: Mapped[list["MaturityScore"]] = relationship(back_populates="assessment", cascade="all, delete-orphan")
    comments: Mapped[list["MaturityComment"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="MaturityComment.id")


class MaturityScore(db.Model):
    """The lead's score (with justification) and the assessor's verified score for one indicator."""
    __tablename__ = "maturity_score"
    __table_args__ = (
        UniqueConstraint("assessment_id", "indicator_id", name="uq_maturity_score_indicator"),
        CheckConstraint("self_score IS NULL OR self_score BETWEEN 1 AND 5", name="self_score_range"),
        CheckConstraint("verified_score IS NULL OR verified_score BETWEEN 1 AND 5", name="verified_score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("maturity_assessment.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("maturity_indicator.id"))
    self_score: Mapped[int | None] = mapped_column(Integer)
    justification: Mapped[str] = mapped_column(Text, default="")
    verified_score: Mapped[int | None] = mapped_column(Integer)
    verifier_reason: Mapped[str] = mapped_column(Text, default="")

    assessment: Mapped[MaturityAssessment] = relationship(back_populates="scores")
    indicator: Mapped[MaturityIndicator] = relationship()
    evidence: Mapped[list["MaturityEvidence"]] = relationship(
        back_populates="score", cascade="all, delete-orphan", order_by="MaturityEvidence.id")


class MaturityEvidence(db.Model):
    """Evidence for one score: a meeting or an asset of the portal, or an uploaded file."""
    __tablename__ = "maturity_evidence"
    __table_args__ = (
        one_of("kind", EvidenceKind, "kind_known"),
        CheckConstraint("(kind = 'meeting' AND meeting_id IS NOT NULL) OR (kind = 'asset' AND asset_id IS NOT NULL) "
                        "OR (kind = 'file' AND storage_name IS NOT NULL)", name="evidence_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    score_id: Mapped[int] = mapped_column(ForeignKey("maturity_score.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"))
    storage_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    original_name: Mapped[str | None] = mapped_column(String(255))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    score: Mapped[MaturityScore] = relationship(back_populates="evidence")
    meeting = relationship("Meeting")
    asset = relationship("Asset")


class MaturityComment(db.Model):
    """A facilitator's (or admin's) comment on an assessment."""
    __tablename__ = "maturity_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("maturity_assessment.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    assessment: Mapped[MaturityAssessment] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()


class MaturityWarningSettings(db.Model):
    """Thresholds of the "maturitas berisiko turun" signal; one row (id 1), defaults without it."""
    __tablename__ = "maturity_warning_settings"
    __table_args__ = (
        CheckConstraint("min_level BETWEEN 1 AND 5", name="min_level_range"),
        CheckConstraint("meeting_drop_percent BETWEEN 1 AND 100", name="meeting_drop_range"),
        CheckConstraint("utilisation_drop_points BETWEEN 1 AND 100", name="utilisation_drop_range"),
        CheckConstraint("overdue_reviews >= 1", name="overdue_reviews_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    min_level: Mapped[int] = mapped_column(Integer, default=4)
    meeting_drop_percent: Mapped[int] = mapped_column(Integer, default=50)
    utilisation_drop_points: Mapped[int] = mapped_column(Integer, default=10)
    overdue_reviews: Mapped[int] = mapped_column(Integer, default=3)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
