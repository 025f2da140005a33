"""Today's date where the programme lives (Jakarta), whatever time zone the server runs in."""
from datetime import date, datetime, timezone

from flask_babel import get_timezone


def local_today(now: datetime | None = None) -> date:
    """The date in the portal's time zone (BABEL_DEFAULT_TIMEZONE, Asia/Jakarta).

    On a server running on UTC, a meeting held at 06:00 WIB would otherwise be dated
    "in the future", and a Triwulan would end seven hours late.
    """
    return (now or datetime.now(timezone.utc)).astimezone(get_timezone()).date()


def local_now(now: datetime | None = None) -> datetime:
    """The wall-clock time in the portal's time zone (e.g. when daily digests may go out)."""
    return (now or datetime.now(timezone.utc)).astimezone(get_timezone())
