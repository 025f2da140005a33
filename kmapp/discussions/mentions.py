"""Mentions: "@login" (a username or an NIP) in a post names a person to notify."""
import re

from sqlalchemy import or_, select

from ..extensions import db
from ..models import User

MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9][A-Za-z0-9._-]{1,63})")
MAX_MENTIONS = 20  # a post naming more people is an announcement, not a mention


def mentioned_logins(text: str) -> list[str]:
    found = dict.fromkeys(match.rstrip("._-") for match in MENTION.findall(text or ""))
    return list(found)[:MAX_MENTIONS]


def mentioned_user_ids(text: str) -> list[int]:
    """Active people named in `text` (whether they may read the thread is checked when notifying)."""
    logins = mentioned_logins(text)
    if not logins:
        return []
    return list(db.session.scalars(select(User.id).where(
        User.active.is_(True), or_(User.username.in_(logins), User.nip.in_(logins)))))
