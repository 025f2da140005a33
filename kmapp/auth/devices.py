"""Device cookies: a browser that has signed in to an account is trusted for that account.

OWASP "Slow Down Online Guessing Attacks with Device Cookies". After a successful sign-in the
browser gets the cookie `km_device`: up to MAX_ENTRIES entries `account id|nonce|time|signature`,
newest first, joined by ".", so several people can share one office PC. The signature is an
HMAC-SHA256 under the app's SECRET_KEY (itsdangerous, its own salt), and carries the issue time so
an entry expires after DEVICE_COOKIE_DAYS even if a copy is replayed. The account is named by its
id, not its NIP: the cookie jar of a shared PC does not list colleagues' NIPs, and one entry
serves whichever of NIP or username is typed. The nonce is random and only its SHA-256 is stored
(LoginAttempt.device_hash), so the database cannot be turned back into cookies.

A trusted device only escapes the account's lock (throttle.py); it never replaces the password.
"""
import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app, request
from itsdangerous import BadSignature, TimestampSigner

COOKIE_NAME = "km_device"
MAX_ENTRIES = 5  # about 85 bytes each: the cookie stays well under the 4 KB browsers allow
_ENTRY_SEPARATOR = "."  # outside the URL-safe base64 that entries are made of
_SALT = "kmapp.auth.device-cookie"


@dataclass(frozen=True)
class _Entry:
    user_id: int
    nonce: str
    raw: str


def device_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _signer() -> TimestampSigner:
    # Like Flask's session: verify with the fallback keys too, so rotating SECRET_KEY is gentle.
    keys = [*(current_app.config.get("SECRET_KEY_FALLBACKS") or []), current_app.secret_key]
    return TimestampSigner(keys, salt=_SALT, sep="|", digest_method=hashlib.sha256)


def _max_age_seconds() -> int:
    return int(current_app.config["DEVICE_COOKIE_DAYS"]) * 24 * 3600


def _parse(raw: str) -> _Entry | None:
    try:
        value = _signer().unsign(raw, max_age=_max_age_seconds()).decode()
    except (BadSignature, UnicodeDecodeError):  # forged, tampered, expired or another key
        return None
    user_id, _, nonce = value.partition("|")
    return _Entry(int(user_id), nonce, raw) if user_id.isdigit() and nonce else None


def _valid_entries() -> list[_Entry]:
    raw_cookie = request.cookies.get(COOKIE_NAME, "")
    parsed = (_parse(raw) for raw in raw_cookie.split(_ENTRY_SEPARATOR)[:MAX_ENTRIES] if raw)
    return [entry for entry in parsed if entry is not None]


def trusted_devices() -> dict[int, str]:
    """{account id: device hash} for each valid entry in this request's device cookie."""
    devices: dict[int, str] = {}
    for entry in _valid_entries():
        devices.setdefault(entry.user_id, device_hash(entry.nonce))
    return devices


def remember_device(response, user_id: int) -> None:
    """After a successful sign-in: a fresh entry for `user_id` first, then the newest others."""
    fresh = _signer().sign(f"{user_id}|{secrets.token_urlsafe(16)}").decode()
    others = [entry.raw for entry in _valid_entries() if entry.user_id != user_id]
    response.set_cookie(
        COOKIE_NAME, _ENTRY_SEPARATOR.join([fresh, *others][:MAX_ENTRIES]),
        max_age=_max_age_seconds(), path="/", httponly=True, samesite="Lax",
        secure=bool(current_app.config["SESSION_COOKIE_SECURE"]))
