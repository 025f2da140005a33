"""Departures (transfer or retirement) and the knowledge handover (serah terima pengetahuan) each one needs."""
from datetime import date, datetime

from sqlalchemy import (CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text,
                        text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import DepartureKind, HandoverState, PositionClass, Visibility, one_of
from .people import Agency, User

# The default retirement ages (batas usia pensiun) per position class; BKD is the authority, so admins
# change them in HandoverSettings. A person whose class is not recorded retires at DEFAULT_RETIREMENT_AGE.
DEFAULT_RETIREMENT_AGE = 58
DEFAULT_RETIREMENT_AGES = {
    PositionClass.ADMINISTRATIVE: 58,
    PositionClass.FUNCTIONAL_JUNIOR: 58,
    PositionClass.FUNCTIONAL_MIDDLE: 60,
    PositionClass.SENIOR_EXECUTIVE: 60,
    PositionClass.FUNCTIONAL_TOP: 65,
}
DEFAULT_OVERDUE_DAYS = 30


class Departure(db.Model):
    """An employee marked as leaving: transfer to another agency, or retirement, from `leaving_on`.

    At most one departure per person is live (not cancelled): a partial unique index.
    """
    __tablename__ = "departure"
    __table_args__ = (
        one_of("kind", DepartureKind, "kind_known"),
        CheckConstraint("kind = 'transfer' OR to_agency_id IS NULL", name="only_transfer_has_destination"),
        Index("uq_departure_live_user", "user_id", unique=True,
              sqlite_where=text("cancelled_at IS NULL"), postgresql_where=text("cancelled_at IS NULL")),
        Index("ix_departure_leaving_on", "leaving_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    leaving_on: Mapped[date] = mapped_column(Date)
    to_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    to_agency: Mapped[Agency | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])
    handover: Mapped["Handover | None"] = relationship(back_populates="departure", cascade="all, delete-orphan",
                                                       uselist=False)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


handover_successor = Table(
    "handover_successor",
    db.metadata,
    Column("handover_id", ForeignKey("handover.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# The structured capture, in the order the form asks for it.
CAPTURE_FIELDS = ("duties", "deadlines", "contacts", "pending_matters", "document_locations", "lessons_learned")


class Handover(db.Model):
    """The knowledge handover of one departure: filled by the departing employee (helped by the CoP lead),
    confirmed by the supervisor, and published as a "handover note" asset from its capture meeting."""
    __tablename__ = "handover"
    __table_args__ = (
        one_of("state", HandoverState, "state_known"),
        one_of("visibility", Visibility, "visibility_known"),
        CheckConstraint("state != 'confirmed' OR confirmed_at IS NOT NULL", name="confirmed_has_time"),
        CheckConstraint("state NOT IN ('submitted', 'confirmed') OR submitted_at IS NOT NULL",
                        name="submitted_has_time"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    departure_id: Mapped[int] = mapped_column(ForeignKey("departure.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(12), default=HandoverState.NOT_STARTED.value)
    duties: Mapped[str] = mapped_column(Text, default="")              # main duties and the processes behind them
    deadlines: Mapped[str] = mapped_column(Text, default="")           # recurring deadlines
    contacts: Mapped[str] = mapped_column(Text, default="")            # important contacts, inside and outside
    pending_matters: Mapped[str] = mapped_column(Text, default="")     # pending matters and decisions
    document_locations: Mapped[str] = mapped_column(Text, default="")  # where the documents live
    lessons_learned: Mapped[str] = mapped_column(Text, default="")
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("asset.id", ondelete="SET NULL"))
    visibility: Mapped[str] = mapped_column(String(10), default=Visibility.AGENCY.value)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    departure: Mapped[Departure] = relationship(back_populates="handover")
    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])
    successors: Mapped[list[User]] = relationship(secondary=handover_successor, order_by=User.name)
    meeting = relationship("Meeting")
    asset = relationship("Asset")


class HandoverSettings(db.Model):
    """Retirement age per position class and when an unsubmitted handover is overdue; one row (id 1),
    defaults without it."""
    __tablename__ = "handover_settings"
    __table_args__ = (
        CheckConstraint("overdue_days BETWEEN 1 AND 365", name="overdue_days_range"),
        *(CheckConstraint(f"age_{cls.value} BETWEEN 40 AND 75", name=f"age_{cls.value}_range")
          for cls in PositionClass),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    overdue_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_OVERDUE_DAYS)
    age_administrative: Mapped[int] = mapped_column(Integer, default=58)
    age_functional_junior: Mapped[int] = mapped_column(Integer, default=58)
    age_functional_middle: Mapped[int] = mapped_column(Integer, default=60)
    age_senior_executive: Mapped[int] = mapped_column(Integer, default=60)
    age_functional_top: Mapped[int] = mapped_column(Integer, default=65)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    def retirement_ages(self) -> dict[str, int]:
        """Position class -> retirement age, the shape retirement_date() takes."""
        return {cls.value: getattr(self, f"age_{cls.value}") for cls in PositionClass}
