"""Server-side login sessions. The signed cookie holds a random token; the database holds
its hash. Ending a session deletes the row, so a cookie copied earlier stops working."""
import hashlib
import secrets
from datetime import timedelta

from flask import current_app, request
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import User, UserSession, utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> str:
    """Create a session row for `user` and return the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    lifetime: timedelta = current_app.config["PERMANENT_SESSION_LIFETIME"]
    db.session.add(UserSession(
        token_hash=_digest(token), user_id=user.id, expires_at=utcnow() + lifetime,
        address=request.remote_addr if request else None,
        user_agent=(request.user_agent.string or "")[:300] if request else None,
    ))
    user.session_token = token
    return token


def load_user_by_token(token: str) -> User | None:
    """Flask-Login's user loader: the live, unexpired session's active user."""
    # Every request runs this: the user and his agency come in the same round trip (on
    # PostgreSQL each query is a round trip), his roles and memberships in one more each.
    signed_in = joinedload(UserSession.user)
    row = db.session.execute(
        select(UserSession).where(UserSession.token_hash == _digest(token))
        .options(signed_in.joinedload(User.agency), signed_in.selectinload(User.role_rows),
                 signed_in.selectinload(User.memberships))).scalar_one_or_none()
    if row is None or row.expires_at < utcnow() or not row.user.active:
        return None
    row.user.session_token = token
    return row.user


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(delete(UserSession).where(UserSession.token_hash == _digest(token)))


def end_all_sessions(user: User, keep_token: str | None = None) -> None:
    """On password change or deactivation: every other browser is signed out."""
    query = delete(UserSession).where(UserSession.user_id == user.id)
    if keep_token:
        query = query.where(UserSession.token_hash != _digest(keep_token))
    db.session.execute(query)
