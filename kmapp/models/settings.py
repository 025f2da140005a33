"""Choices the programme office (BPSDM admins) makes for the whole portal, one row per setting."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .people import User


class AttendeeVisibility(StrEnum):
    """Who sees the names on a meeting's attendance list (head counts are public)."""
    MEMBERS = "members"   # the CoP's members, leads and facilitators, and admins
    AGENCY = "agency"     # ... and every employee of the CoP's agency
    ALL = "all"           # every signed-in user


class MinutesVisibility(StrEnum):
    """Who reads a meeting's minutes."""
    PUBLIC_ASSETS = "public_assets"  # everyone once the meeting produced an asset open to all; else members
    MEMBERS = "members"
    AGENCY = "agency"
    ALL = "all"


# name -> (allowed values, default). The CHECK constraint below mirrors it (a new name needs a migration).
SETTING_VALUES = {
    "attendee_visibility": (AttendeeVisibility, AttendeeVisibility.MEMBERS),
    "minutes_visibility": (MinutesVisibility, MinutesVisibility.PUBLIC_ASSETS),
}


def _known_values_sql() -> str:
    return " OR ".join(f"(name = '{key}' AND value IN ({', '.join(repr(str(v)) for v in values)}))"
                       for key, (values, _default) in SETTING_VALUES.items())


class ProgrammeSetting(db.Model):
    """One setting; a name without a row has its default (SETTING_VALUES)."""
    __tablename__ = "programme_setting"
    __table_args__ = (CheckConstraint(_known_values_sql(), name="known_value"),)

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(64))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    updated_by: Mapped[User | None] = relationship()
