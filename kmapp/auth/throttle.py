"""Throttling of failed sign-ins and wrong current passwords, kept in the database so it holds
across worker processes.

Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies", see devices.py)
split attempts at an account in two, so a stranger's guessing cannot lock the owner out:
- a trusted device (this browser carries a valid device cookie for the account) is exempt from
  the account's lock. It has one small limit of its own, counted by its device hash: even a
  copied device cookie gets only a few guesses per window, then that cookie is locked itself;
- unknown devices (everyone else) share three limits, counting only unknown-device failures:
  per account from one address, which stops guessing one password from one PC;
  per account from anywhere (higher), which stops a distributed guess at one account and
  pauses sign-in from new devices only, never from the owner's trusted browser;
  per address (much higher), which stops one machine spraying many accounts.
A whole office shares one NAT address, so the address limit never applies to an account
that has signed in successfully from that address before: one colleague's typos cannot
lock the rest of the office out.
"""
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from ..models import LoginAttempt, utcnow

KNOWN_ADDRESS_DAYS = 90


class Lock(StrEnum):
    """Which limit refused the attempt: each gets its own message."""
    DEVICE = "device"                    # this trusted browser guessed wrong too often
    NEW_DEVICES = "new_devices"          # unknown devices are paused for this account
    ADDRESS = "address"                  # this address sprayed many accounts


@dataclass(frozen=True)
class ThrottleDecision:
    blocked: bool
    retry_after_minutes: int = 0
    lock: Lock | None = None


def _failures(since, **where) -> tuple[int, object]:
    query = select(func.count(), func.min(LoginAttempt.at)).where(
        LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since)
    for column, value in where.items():
        query = query.where(getattr(LoginAttempt, column) == value)  # None -> IS NULL
    count, oldest = db.session.execute(query).one()
    return count, oldest


def _known_address(account_key: str, address: str) -> bool:
    since = utcnow() - timedelta(days=KNOWN_ADDRESS_DAYS)
    return db.session.execute(select(LoginAttempt.id).where(
        LoginAttempt.account_key == account_key, LoginAttempt.address == address,
        LoginAttempt.succeeded.is_(True), LoginAttempt.at >= since).limit(1)).first() is not None


def _limits(account_key: str, address: str, device: str | None) -> list[tuple[Lock, int, dict]]:
    config = current_app.config
    if device:
        return [(Lock.DEVICE, config["LOGIN_MAX_FAILURES_PER_DEVICE"], {"device_hash": device})]
    unknown = {"device_hash": None}
    limits = [
        (Lock.NEW_DEVICES, config["LOGIN_MAX_FAILURES_PER_ACCOUNT_ADDRESS"],
         {"account_key": account_key, "address": address, **unknown}),
        (Lock.NEW_DEVICES, config["LOGIN_MAX_FAILURES_UNKNOWN_DEVICES_PER_ACCOUNT"],
         {"account_key": account_key, **unknown}),
    ]
    if not _known_address(account_key, address):
        limits.append((Lock.ADDRESS, config["LOGIN_MAX_FAILURES_PER_ADDRESS"], {"address": address, **unknown}))
    return limits


def check_throttle(account_key: str, address: str, device: str | None = None) -> ThrottleDecision:
    """Whether a new attempt at `account_key` from `address` must be refused now; `device` is
    this browser's device hash when it is trusted for the account, else None."""
    window = timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])
    since = utcnow() - window
    for lock, limit, where in _limits(account_key, address, device):
        count, oldest = _failures(since, **where)
        if count >= limit:
            wait = (oldest + window) - utcnow()
            return ThrottleDecision(True, max(1, int(wait.total_seconds() // 60) + 1), lock)
    return ThrottleDecision(False)


def record_attempt(account_key: str, address: str, succeeded: bool, device: str | None = None) -> None:
    db.session.add(LoginAttempt(account_key=account_key[:64], address=address[:45], succeeded=succeeded,
                                device_hash=device))
