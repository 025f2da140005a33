"""Knowledge assets, their files and versions, tags, and how employees use them."""
from datetime import date, datetime

from sqlalchemy import (Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, String, Table,
                        Text, UniqueConstraint, false)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import AccessKind, AssetStatus, AssetType, KmStage, Visibility, one_of
from .meetings import Meeting
from .people import Community, User

asset_tag = Table(
    "asset_tag",
    db.metadata,
    Column("asset_id", ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)


class Asset(db.Model):
    """A knowledge asset (aset pengetahuan) owned by a CoP, ideally born in a meeting."""
    __tablename__ = "asset"
    __table_args__ = (
        one_of("asset_type", AssetType, "asset_type_known"),
        one_of("km_stage", KmStage, "km_stage_known"),
        one_of("visibility", Visibility, "visibility_known"),
        one_of("status", AssetStatus, "status_known"),
        # Covering for the dashboard's asset figures (per agency and quarter, per KM and SECI
        # stage): a year's published assets are counted from the index alone (migration 0010).
        Index("ix_asset_published_figures", "published_on", "status", "meeting_id", "community_id", "km_stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text, default="")
    asset_type: Mapped[str] = mapped_column(String(20))
    km_stage: Mapped[str] = mapped_column(String(20))
    visibility: Mapped[str] = mapped_column(String(10), default=Visibility.ALL.value)
    status: Mapped[str] = mapped_column(String(10), default=AssetStatus.PUBLISHED.value)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    published_on: Mapped[date | None] = mapped_column(Date)
    last_reviewed_on: Mapped[date | None] = mapped_column(Date)
    next_review_on: Mapped[date | None] = mapped_column(Date, index=True)
    # Set when text could not be read from a file (encrypted, malformed): shown on the page.
    extraction_warning: Mapped[str | None] = mapped_column(Text)

    community: Mapped[Community] = relationship()
    meeting: Mapped[Meeting | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=asset_tag, order_by=Tag.name)
    files: Mapped[list["AssetFile"]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="AssetFile.id")

    @property
    def agency(self):
        return self.community.agency


class AssetFile(db.Model):
    """One document of an asset; every upload of it is kept as a version."""
    __tablename__ = "asset_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    asset: Mapped[Asset] = relationship(back_populates="files")
    versions: Mapped[list["AssetFileVersion"]] = relationship(
        back_populates="file", cascade="all, delete-orphan", order_by="AssetFileVersion.version_no")

    @property
    def current(self) -> "AssetFileVersion":
        return self.versions[-1]


class AssetFileVersion(db.Model):
    """A stored upload. `storage_name` is random; the original name is only displayed."""
    __tablename__ = "asset_file_version"
    __table_args__ = (UniqueConstraint("file_id", "version_no", name="uq_asset_file_version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("asset_file.id", ondelete="CASCADE"), index=True)
    version_no: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255))
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    change_note: Mapped[str] = mapped_column(Text, default="")
    # Text read from the file for the search index, once per version (NULL: not read yet),
    # so that a reindex never parses the documents again.
    extracted_text: Mapped[str | None] = mapped_column(Text, deferred=True)
    extraction_warning: Mapped[str | None] = mapped_column(Text)
    # Text recognised in a scan (kmapp/ocr): indexed as body text like extracted_text, kept
    # apart so search can say a hit came from recognised text. Status: queued, running,
    # done, failed, unavailable (NULL: not a scan). The searchable PDF is a derived file.
    ocr_status: Mapped[str | None] = mapped_column(String(16))
    ocr_text: Mapped[str | None] = mapped_column(Text, deferred=True)
    ocr_note: Mapped[str | None] = mapped_column(Text)
    ocr_pdf_name: Mapped[str | None] = mapped_column(String(64))

    file: Mapped[AssetFile] = relationship(back_populates="versions")
    uploaded_by: Mapped[User | None] = relationship()


class AssetAccess(db.Model):
    """Who opened or downloaded an asset: one row per user, asset and day.

    The reader's agency is copied at access time, so utilisation stays right after a
    transfer (mutasi) and the dashboard can aggregate without joining users.
    """
    __tablename__ = "asset_access"
    __table_args__ = (
        UniqueConstraint("asset_id", "user_id", "accessed_on", name="uq_asset_access_daily"),
        one_of("kind", AccessKind, "access_kind_known"),
        # Covering for utilisation (distinct readers per agency in a period): the dashboard
        # counts from the index alone, never touching the 2-million-row table (migration 0004).
        Index("ix_asset_access_agency_day_user", "agency_id", "accessed_on", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    accessed_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(10), default=AccessKind.OPEN.value)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)



class PeriodReader(db.Model):
    """An employee who opened at least one asset in a period, under the agency he read for
    (the access row's agency): one row per agency, year, quarter and user, where quarter 0
    stands for the whole year.

    Utilisation (distinct readers per agency and period) is counted from these rows rather
    than from asset_access: their number grows with employees x periods, not with accesses.
    Written in the same transaction as every access (kmapp/assets/readers.py); `flask check`
    compares it with asset_access and `check --repair` rebuilds it (migration 0010).
    """
    __tablename__ = "period_reader"
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 0 AND 4", name="quarter_range"),
        # Overall utilisation counts each person once across agencies: walked in user order.
        Index("ix_period_reader_period_user", "year", "quarter", "user_id", "agency_id"),
        {"sqlite_with_rowid": False},
    )

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)


class AssetVote(db.Model):
    """The "was this useful?" answer of one user for one asset."""
    __tablename__ = "asset_vote"

    asset_id: Mapped[int] = mapped_column(ForeignKey("asset.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    useful: Mapped[bool] = mapped_column(Boolean)
    voted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SearchOutbox(db.Model):
    """Assets whose search-index entry is stale; written in the same transaction as the
    change and deleted only after the index commit (see kmapp/search)."""
    __tablename__ = "search_outbox"
    # A drain deletes the rows it read by id, after its index commit: an id used again by a
    # row added meanwhile would be deleted unindexed. SQLite reuses the largest id once the
    # table is empty unless the table says AUTOINCREMENT (PostgreSQL's sequences never do).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_id: Mapped[int] = mapped_column(Integer, index=True)  # no FK: deletions are queued too
    # Narrowed visibility or a withdrawal: indexed before anything else waiting.
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PendingUpload(db.Model):
    """A file received with a form that had errors elsewhere, kept for its sender under a token.

    Only the token's SHA-256 is stored; the file waits in the pending area of the upload
    folder until the form is sent again, another file replaces it, or `expires_at` passes
    (kmapp/assets/pending.py).
    """
    __tablename__ = "pending_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    storage_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
