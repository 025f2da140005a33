"""Signing in and checking a current password: find the account, apply throttling (with this
browser's device cookie, see throttle.py), verify the password, record the attempt."""
from dataclasses import dataclass, field

from sqlalchemy import select

from ..extensions import db
from ..models import User
from .nip import is_nip_shaped
from .passwords import hash_password, needs_rehash, verify_password
from .throttle import ThrottleDecision, check_throttle, record_attempt


@dataclass(frozen=True)
class SignInResult:
    """The outcome of a password check: the user when it passed, the refusal when throttled."""
    user: User | None = None
    throttle: ThrottleDecision = field(default_factory=lambda: ThrottleDecision(False))

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


def sign_in(login: str, password: str, address: str, devices: dict[int, str] | None = None) -> SignInResult:
    """Check credentials. Unknown account, wrong password and inactive account look alike.
    `devices` maps account ids to this browser's device hashes (devices.trusted_devices())."""
    key = account_key(login)
    user = find_account(key)
    device = (devices or {}).get(user.id) if user else None
    decision = check_throttle(key, address, device)
    if decision.blocked:
        return SignInResult(throttle=decision)
    valid = verify_password(user.password_hash if user else None, password)
    succeeded = bool(user and valid and user.active)
    record_attempt(key, address, succeeded, device)
    if not succeeded:
        return SignInResult()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return SignInResult(user=user)


def check_current_password(user: User, password: str, address: str, devices: dict[int, str]) -> SignInResult:
    """The password-change form's check, throttled and recorded like a sign-in at the account's
    login name, so a stolen session cannot guess its way to the password."""
    key = account_key(user.login_name)
    device = devices.get(user.id)
    decision = check_throttle(key, address, device)
    if decision.blocked:
        return SignInResult(throttle=decision)
    valid = verify_password(user.password_hash, password)
    record_attempt(key, address, valid, device)
    return SignInResult(user=user if valid else None)
