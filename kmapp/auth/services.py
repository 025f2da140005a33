"""Signing in: find the account, apply throttling, verify the password."""
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import User
from .nip import is_nip_shaped
from .passwords import hash_password, needs_rehash, verify_password
from .throttle import check_throttle, record_attempt


@dataclass(frozen=True)
class SignInResult:
    user: User | None = None
    throttled_minutes: int = 0

    @property
    def ok(self) -> bool:
        return self.user is not None


def account_key(login: str) -> str:
    return (login or "").strip().lower()


def find_account(login: str) -> User | None:
    """By NIP when 18 digits were typed, otherwise by username (case-insensitive)."""
    key = account_key(login)
    column = User.nip if is_nip_shaped(key) else User.username
    return db.session.execute(select(User).where(column == key)).scalar_one_or_none()


def sign_in(login: str, password: str, address: str) -> SignInResult:
    """Check credentials. Unknown account, wrong password and inactive account look alike."""
    key = account_key(login)
    decision = check_throttle(key, address)
    if decision.blocked:
        return SignInResult(throttled_minutes=decision.retry_after_minutes)
    user = find_account(key)
    valid = verify_password(user.password_hash if user else None, password)
    succeeded = bool(user and valid and user.active)
    record_attempt(key, address, succeeded)
    if not succeeded:
        return SignInResult()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return SignInResult(user=user)
