"""Throttling of failed sign-ins, kept in the database so it holds across worker processes.

Three limits over a sliding window:
- per account from one address: stops guessing one password from one PC;
- per account from anywhere (higher): stops a distributed guess at one account;
- per address (much higher): stops one machine spraying many accounts.
A whole office shares one NAT address, so the address limit never applies to an account
that has signed in successfully from that address before: one colleague's typos cannot
lock the rest of the office out.
"""
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import LoginAttempt, utcnow

KNOWN_ADDRESS_DAYS = 90


@dataclass(frozen=True)
class ThrottleDecision:
    blocked: bool
    retry_after_minutes: int = 0


def _failures(since, **where) -> tuple[int, object]:
    query = select(func.count(), func.min(LoginAttempt.at)).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since)
    for column, value in where.items():
        query = query.where(getattr(LoginAttempt, column) == value)
    count, oldest = db.session.execute(query).one()
    return count, oldest


def _known_address(account_key: str, address: str) -> bool:
    since = utcnow() - timedelta(days=KNOWN_ADDRESS_DAYS)
    return db.session.execute(select(LoginAttempt.id).where(
        LoginAttempt.account_key == account_key, LoginAttempt.address == address,
        LoginAttempt.succeeded.is_(True), LoginAttempt.at >= since).limit(1)).first() is not None


def check_throttle(account_key: str, address: str) -> ThrottleDecision:
    """Whether a new attempt for `account_key` from `address` must be refused now."""
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_WINDOW_MINUTES"])
    since = utcnow() - window
    limits = [
        (config["LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS"], {"account_key": account_key, "address": address}),
        (config["LOGIN_MAX_FAILURES_PER_ACCOUNT"], {"account_key": account_key}),
    ]
    if not _known_address(account_key, address):
        limits.append((config["LOGIN_MAX_FAILURES_PER_ADDRESS"], {"address": address}))
    for limit, where in limits:
        count, oldest = _failures(since, **where)
        if count >= limit:
            wait = (oldest + window) - utcnow()
            return ThrottleDecision(True, max(1, int(wait.total_seconds() // 60) + 1))
    return ThrottleDecision(False)


def record_attempt(account_key: str, address: str, succeeded: bool) -> None:
    db.session.add(LoginAttempt(account_key=account_key[:64], address=address[:45], succeeded=succeeded))
