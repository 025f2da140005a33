"""The programme's rules for assets, as plain functions: the Triwulan IV rule and renewal."""
import calendar
from datetime import date, datetime, timedelta

from flask import current_app

from ..clock import local_today

DEFAULT_REVIEW_MONTHS = 12
DUE_SOON_DAYS = 30


def today() -> date:
    """The day in Jakarta (see kmapp.clock)."""
    return local_today()


def meeting_required_from() -> date:
    """ASSET_MEETING_REQUIRED_FROM as a date (a date in config.py, a string from the environment)."""
    value = current_app.config.get("ASSET_MEETING_REQUIRED_FROM") or date(2025, 10, 1)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def meeting_required(created_on: date) -> bool:
    """Since Triwulan IV 2025 every asset must come out of a community meeting."""
    return created_on >= meeting_required_from()


def review_months(asset_type: str) -> int:
    """Months between reviews for this type (REVIEW_MONTHS_BY_TYPE, else REVIEW_MONTHS_DEFAULT)."""
    by_type = current_app.config.get("REVIEW_MONTHS_BY_TYPE") or {}
    default = current_app.config.get("REVIEW_MONTHS_DEFAULT", DEFAULT_REVIEW_MONTHS)
    return int(by_type.get(str(asset_type), default))


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_date(asset_type: str, from_day: date) -> date:
    return add_months(from_day, review_months(asset_type))


def is_overdue(asset, on: date | None = None) -> bool:
    return asset.next_review_on is not None and asset.next_review_on < (on or today())


def is_due_soon(asset, on: date | None = None) -> bool:
    """Due within DUE_SOON_DAYS (and not yet overdue)."""
    on = on or today()
    return (asset.next_review_on is not None and not is_overdue(asset, on)
            and asset.next_review_on <= on + timedelta(days=DUE_SOON_DAYS))
