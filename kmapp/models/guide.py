"""The programme guide (Panduan Program): pages in Markdown, every edit kept as a version."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import one_of
from .people import User


class GuideSection(StrEnum):
    """Where a page sits: the work plan, roles and authority, step-by-step modules, other pages."""
    PLAN = "plan"
    ROLES = "roles"
    MODULE = "module"
    OTHER = "other"


class GuidePage(db.Model):
    __tablename__ = "guide_page"
    __table_args__ = (one_of("section", GuideSection, "section_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    section: Mapped[str] = mapped_column(String(10), default=GuideSection.OTHER.value)
    position: Mapped[int] = mapped_column(Integer, default=100)
    title: Mapped[str] = mapped_column(String(200))
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")  # rendered once, when saved
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    # Reviewed yearly like the assets: a stale guide is worse than none.
    last_reviewed_on: Mapped[date | None] = mapped_column(Date)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    versions: Mapped[list["GuidePageVersion"]] = relationship(
        back_populates="page", order_by="GuidePageVersion.version_no.desc()", cascade="all, delete-orphan")


class GuidePageVersion(db.Model):
    """What a page said after each edit (the current one included)."""
    __tablename__ = "guide_page_version"
    __table_args__ = (UniqueConstraint("page_id", "version_no", name="uq_guide_page_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("guide_page.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body_md: Mapped[str] = mapped_column(Text, default="")
    change_note: Mapped[str] = mapped_column(String(300), default="")
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    edited_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    page: Mapped[GuidePage] = relationship(back_populates="versions")
    edited_by: Mapped[User | None] = relationship()
