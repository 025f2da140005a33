"""Agencies, their communities of practice, and the people who use the portal."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import utcnow
from .enums import MemberRole, PositionClass, Role, one_of


class Agency(db.Model):
    """An OPD (perangkat daerah); its headcount is the denominator of utilisation."""
    __tablename__ = "agency"
    __table_args__ = (CheckConstraint("headcount >= 0", name="headcount_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    headcount: Mapped[int] = mapped_column(Integer, default=0)

    communities: Mapped[list["Community"]] = relationship(back_populates="agency", order_by="Community.name")

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"


class User(UserMixin, db.Model):
    """A civil servant (identified by NIP) or other staff (identified by username)."""
    __tablename__ = "user"
    __table_args__ = (
        CheckConstraint("nip IS NOT NULL OR username IS NOT NULL", name="has_login_name"),
        one_of("position_class", PositionClass, "position_class_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nip: Mapped[str | None] = mapped_column(String(18), unique=True)
    username: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    locale: Mapped[str] = mapped_column(String(5), default="id")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Decides the retirement age (kmapp/handover/departures.py); NULL: not recorded, the default age applies.
    position_class: Mapped[str | None] = mapped_column(String(24))
    # Who confirms this person's knowledge handover (atasan langsung).
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)

    agency: Mapped[Agency | None] = relationship()
    supervisor: Mapped["User | None"] = relationship(remote_side=[id], foreign_keys=[supervisor_id])
    # Loaded on demand: the signed-in user gets both with his session (auth/sessions.py);
    # an uploader's or reviewer's name on a page needs neither.
    role_rows: Mapped[list["UserRole"]] = relationship(cascade="all, delete-orphan", back_populates="user")
    memberships: Mapped[list["CommunityMember"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    # Flask-Login asks for this; the login session id is kept separately (see UserSession).
    session_token = None  # set per request to the session id, not a column

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return bool(self.active)

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def login_name(self) -> str:
        return self.nip or self.username or ""

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, role: Role | str) -> bool:
        return str(role) in self.roles

    def set_roles(self, roles) -> None:
        wanted = {str(Role(r)) for r in roles}
        self.role_rows = [row for row in self.role_rows if row.role in wanted]
        for role in wanted - self.roles:
            self.role_rows.append(UserRole(role=role))

    def community_ids(self, *member_roles: MemberRole) -> frozenset[int]:
        """Ids of the CoPs where this user holds one of `member_roles` (any role if none)."""
        wanted = {str(r) for r in member_roles}
        return frozenset(m.community_id for m in self.memberships if not wanted or m.role in wanted)

    def __repr__(self) -> str:
        return f"<User {self.login_name}>"


class UserRole(db.Model):
    __tablename__ = "user_role"
    __table_args__ = (one_of("role", Role, "role_known"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    user: Mapped[User] = relationship(back_populates="role_rows")


class Community(db.Model):
    """A Community of Practice (CoP) of one agency."""
    __tablename__ = "community"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    theme: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    agency: Mapped[Agency] = relationship(back_populates="communities")
    members: Mapped[list["CommunityMember"]] = relationship(
        back_populates="community", cascade="all, delete-orphan")

    def people(self, role: MemberRole) -> list[User]:
        return sorted((m.user for m in self.members if m.role == role), key=lambda u: u.name)

    def __repr__(self) -> str:
        return f"<Community {self.name}>"


class CommunityMember(db.Model):
    """One person's role in one CoP: lead, member, or assigned facilitator."""
    __tablename__ = "community_member"
    __table_args__ = (one_of("role", MemberRole, "member_role_known"),)

    community_id: Mapped[int] = mapped_column(
        ForeignKey("community.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20), default=MemberRole.MEMBER.value)

    community: Mapped[Community] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="memberships")


class UserSession(db.Model):
    """A signed-in browser. The cookie carries a random token whose hash is stored here,
    so deleting the row ends that session even if the cookie was copied."""
    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(300))

    user: Mapped[User] = relationship()


class LoginAttempt(db.Model):
    """Every sign-in attempt (and current-password check); kept in the database so throttling
    holds across workers."""
    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_key: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(45), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # SHA-256 of the device cookie's nonce when the browser was trusted for this account, else
    # NULL (an unknown device); the throttle counts a trusted device's failures by it.
    device_hash: Mapped[str | None] = mapped_column(String(64), index=True)
