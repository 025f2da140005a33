"""How dates read on the pages: one short form in every list, the long form only on detail pages.

Lists, tables and drop-downs say "8 Nov 2026" (English too: "8 Nov 2026", not "Nov 8, 2026");
the page of one meeting or one asset says "8 November 2026". Exports keep ISO dates: these
filters are for people, not for spreadsheets. Date-times are shown in the configured time zone.
"""
from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_time

LIST_DATE = "d MMM y"
DETAIL_DATE = "d MMMM y"
DETAIL_DATE_WITH_DAY = "EEEE, d MMMM y"


def list_date(value: date | datetime | None) -> str:
    """"8 Nov 2026": the one date format of lists, tables and options."""
    return format_date(value, LIST_DATE) if value else "—"


def list_datetime(value: datetime | None) -> str:
    """"8 Nov 2026 14.05": a list date with the time, where several events share a day."""
    return f"{format_date(value, LIST_DATE)} {format_time(value, 'short')}" if value else "—"


def detail_date(value: date | datetime | None, weekday: bool = False) -> str:
    """"8 November 2026" (with `weekday`: "Minggu, 8 November 2026"), for a detail page."""
    if not value:
        return "—"
    return format_date(value, DETAIL_DATE_WITH_DAY if weekday else DETAIL_DATE)


def init_app(app: Flask) -> None:
    app.add_template_filter(list_date, "list_date")
    app.add_template_filter(list_datetime, "list_datetime")
    app.add_template_filter(detail_date, "detail_date")
