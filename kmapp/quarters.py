"""Triwulan arithmetic: the programme counts everything per year and quarter."""
from datetime import date, timedelta


def quarter_of(day: date) -> tuple[int, int]:
    """(year, quarter) of a date: January-March is Triwulan I, ..., October-December IV."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a Triwulan."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    first = date(year, 3 * quarter - 2, 1)
    next_first = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, next_first - timedelta(days=1)


def current_quarter(today: date | None = None) -> tuple[int, int]:
    return quarter_of(today or date.today())
