"""Community meetings (pertemuan komunitas), their attendance, and locked quarters."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from .base import utcnow
from .enums import MeetingFormat, SeciStage, one_of
from .people import Community, User


class Meeting(db.Model):
    """A CoP meeting. Year and quarter are derived from `held_on`, never typed."""
    __tablename__ = "meeting"
    __table_args__ = (
        one_of("format", MeetingFormat, "format_known"),
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        CheckConstraint("head_count >= 0", name="head_count_not_negative"),
        Index("ix_meeting_year_quarter", "year", "quarter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(300))
    agenda: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(10), default=MeetingFormat.OFFLINE.value)
    place: Mapped[str] = mapped_column(String(300), default="")
    head_count: Mapped[int] = mapped_column(Integer, default=0)
    minutes_md: Mapped[str] = mapped_column(Text, default="")
    # The minutes as sanitised HTML, rendered when `minutes_md` is set (see _render_minutes):
    # pages never render Markdown. NULL only for rows written around the ORM (bulk loads).
    minutes_html: Mapped[str | None] = mapped_column(Text)
    accompanied_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    accompanied_at: Mapped[datetime | None] = mapped_column(DateTime)
    facilitator_feedback: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    community: Mapped[Community] = relationship()
    accompanied_by: Mapped[User | None] = relationship(foreign_keys=[accompanied_by_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    attendances: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan")
    seci_rows: Mapped[list["MeetingSeciStage"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin")

    @validates("minutes_md")
    def _render_minutes(self, _key: str, text: str) -> str:
        """Every writer of the minutes (forms, seed, imports) stores their HTML with them."""
        from ..communities.minutes import render_minutes_html  # the renderer belongs to the meetings area
        self.minutes_html = render_minutes_html(text)
        return text

    @property
    def accompanied(self) -> bool:
        return self.accompanied_at is not None

    @property
    def seci_stages(self) -> list[str]:
        order = list(SeciStage)
        return sorted((row.stage for row in self.seci_rows), key=lambda s: order.index(SeciStage(s)))

    def set_seci_stages(self, stages) -> None:
        wanted = {str(SeciStage(s)) for s in stages}
        self.seci_rows = [row for row in self.seci_rows if row.stage in wanted]
        for stage in wanted - {row.stage for row in self.seci_rows}:
            self.seci_rows.append(MeetingSeciStage(stage=stage))


class MeetingSeciStage(db.Model):
    __tablename__ = "meeting_seci_stage"
    __table_args__ = (one_of("stage", SeciStage, "seci_stage_known"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)


class Attendance(db.Model):
    """One attendee: an employee of the portal, or an external guest by name."""
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id", name="uq_attendance_meeting_user"),
        CheckConstraint("user_id IS NOT NULL OR guest_name IS NOT NULL", name="who_attended"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    guest_name: Mapped[str | None] = mapped_column(String(200))
    guest_institution: Mapped[str | None] = mapped_column(String(200))

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    user: Mapped[User | None] = relationship()


class QuarterLock(db.Model):
    """A finished Triwulan closed by an admin: only admins may change its meetings."""
    __tablename__ = "quarter_lock"
    __table_args__ = (CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),)

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    locked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    locked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
