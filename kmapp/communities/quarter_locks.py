"""Closing a finished Triwulan: afterwards only admins may change its meetings."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..audit import record_change
from ..extensions import db
from ..labels import triwulan
from ..models import Meeting, QuarterLock, User
from ..quarters import quarter_bounds, quarter_of


# Meetings may be dated from 2000 on (forms.EARLIEST_MEETING), so their quarters too.
FIRST_LOCKABLE_YEAR = 2000


class QuarterNotFinished(Exception):
    """Only a Triwulan that has ended can be locked."""


def is_plausible_year(year: int, today: date) -> bool:
    """Whether a Triwulan of `year` can hold meetings or a lock: from 2000 up to next year.
    Anything else in a URL is a mistake, and date arithmetic past year 9999 would fail."""
    return FIRST_LOCKABLE_YEAR <= year <= today.year + 1


@dataclass(frozen=True)
class QuarterRow:
    year: int
    quarter: int
    meetings: int
    lock: QuarterLock | None
    finished: bool

    @property
    def label(self) -> str:
        return triwulan(self.year, self.quarter)


def quarter_rows(today: date) -> list[QuarterRow]:
    """Every Triwulan from the first recorded meeting to today, newest first."""
    counts = dict(((year, quarter), count) for year, quarter, count in db.session.execute(
        select(Meeting.year, Meeting.quarter, func.count()).group_by(Meeting.year, Meeting.quarter)))
    locks = {(lock.year, lock.quarter): lock for lock in db.session.execute(select(QuarterLock)).scalars()}
    current = quarter_of(today)
    first_year = min([year for year, _q in counts] + [year for year, _q in locks] + [current[0]])
    rows = []
    for year in range(current[0], first_year - 1, -1):
        for quarter in range(4, 0, -1):
            if (year, quarter) > current:
                continue
            rows.append(QuarterRow(year, quarter, counts.get((year, quarter), 0), locks.get((year, quarter)),
                                   finished=quarter_bounds(year, quarter)[1] < today))
    return rows


def lock_quarter(year: int, quarter: int, actor: User, today: date) -> bool:
    """Lock a finished Triwulan; False if it was already locked."""
    if quarter_bounds(year, quarter)[1] >= today:
        raise QuarterNotFinished(_("%(quarter)s belum berakhir; hanya triwulan yang sudah selesai yang dapat "
                                   "dikunci.", quarter=triwulan(year, quarter)))
    if db.session.get(QuarterLock, (year, quarter)) is not None:
        return False
    lock = QuarterLock(year=year, quarter=quarter, locked_by_id=actor.id)
    db.session.add(lock)
    record_change("quarter.locked", ("quarter_lock", f"{year}-{quarter}"), None,
                  {"year": year, "quarter": quarter}, actor=actor)
    return True


def unlock_quarter(year: int, quarter: int, actor: User) -> bool:
    """Open a locked Triwulan again; False if it was not locked."""
    lock = db.session.get(QuarterLock, (year, quarter))
    if lock is None:
        return False
    db.session.delete(lock)
    record_change("quarter.unlocked", ("quarter_lock", f"{year}-{quarter}"),
                  {"year": year, "quarter": quarter, "locked_by_id": lock.locked_by_id,
                   "locked_at": lock.locked_at.isoformat()}, None, actor=actor)
    return True
