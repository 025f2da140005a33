"""When a thread takes posts: between its opening and closing times, unless a moderator locked it.
Dates are chosen as days in Jakarta; a thread closes at the end of its last day."""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from zoneinfo import ZoneInfo

from flask_babel import get_timezone

from ..clock import local_today
from ..models import Thread, utcnow

UPCOMING, OPEN, CLOSED, LOCKED = "upcoming", "open", "closed", "locked"


def utc_at_local_midnight(day: date) -> datetime:
    """The start of `day` in the portal's time zone, as naive UTC (as timestamps are stored)."""
    local = datetime.combine(day, time.min).replace(tzinfo=ZoneInfo(str(get_timezone())))
    return local.astimezone(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class Period:
    opens_at: datetime
    closes_at: datetime | None


def period_from_days(opens_on: date | None, closes_on: date | None, now: datetime | None = None) -> Period:
    """Opening today means now; the thread closes when its last day ends."""
    now = now or utcnow()
    opens_at = now if opens_on is None or opens_on <= local_today() else utc_at_local_midnight(opens_on)
    closes_at = utc_at_local_midnight(closes_on + timedelta(days=1)) if closes_on else None
    return Period(opens_at, closes_at)


def state_of(thread: Thread, now: datetime | None = None) -> str:
    now = now or utcnow()
    if thread.locked:
        return LOCKED
    if now < thread.opens_at:
        return UPCOMING
    if thread.closes_at is not None and now >= thread.closes_at:
        return CLOSED
    return OPEN
