"""What the programme office expects of each agency per Triwulan."""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .people import Agency


class QuarterTarget(db.Model):
    """A target for one Triwulan: for every agency (agency_id NULL) or an override for one."""
    __tablename__ = "quarter_target"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        CheckConstraint("min_meetings >= 0 AND min_assets >= 0 AND min_accompanied >= 0",
                        name="minimums_not_negative"),
        # One default and at most one override per agency per quarter (NULLs never collide
        # in a plain unique constraint, hence two partial indexes).
        Index("uq_quarter_target_default", "year", "quarter", unique=True,
              sqlite_where=text("agency_id IS NULL"), postgresql_where=text("agency_id IS NULL")),
        Index("uq_quarter_target_agency", "year", "quarter", "agency_id", unique=True,
              sqlite_where=text("agency_id IS NOT NULL"), postgresql_where=text("agency_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    min_meetings: Mapped[int] = mapped_column(Integer, default=1)
    min_assets: Mapped[int] = mapped_column(Integer, default=1)
    min_accompanied: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    agency: Mapped[Agency | None] = relationship()
