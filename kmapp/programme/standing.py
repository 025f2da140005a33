"""Where an agency stands against its Triwulan target, in the words people act on.

A `Shortfall` is what is still missing for a target (never negative); `shortfall_words` says it
as "kurang 1 pertemuan, 1 aset". The running Triwulan's standing adds the days left and whether
the deadline is close enough to warn (DEADLINE_WARNING_DAYS). The counting itself is
targets.py's: this module only compares its figures with the target.
"""
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date, gettext, ngettext

from ..assets.rules import meeting_required
from ..quarters import quarter_bounds, quarter_of
from .targets import QuarterFigures, Status, Target, evaluate, figures_by_agency, target_for, targets_for_year

# From this many days before a Triwulan ends, an unmet target is shown as a warning.
DEADLINE_WARNING_DAYS = 30


@dataclass(frozen=True)
class Shortfall:
    meetings: int = 0
    accompanied: int = 0
    assets: int = 0

    def __bool__(self) -> bool:
        return bool(self.meetings or self.accompanied or self.assets)

    @property
    def needs_meetings(self) -> bool:
        """The next step is a meeting (an accompanied one counts as a meeting too)."""
        return bool(self.meetings or self.accompanied)


def shortfall_of(figures: QuarterFigures, target: Target) -> Shortfall:
    return Shortfall(max(0, target.min_meetings - figures.meetings),
                     max(0, target.min_accompanied - figures.accompanied),
                     max(0, target.min_assets - figures.assets))


def assets_from_meetings_only(year: int, quarter: int) -> bool:
    """Whether the quarter falls under the Triwulan IV 2025 rule (only meeting assets count)."""
    return meeting_required(quarter_bounds(year, quarter)[0])


def shortfall_words(shortfall: Shortfall, year: int, quarter: int) -> str:
    """"kurang 1 pertemuan, 1 aset dari pertemuan" (or "" when nothing is missing)."""
    parts = []
    if shortfall.meetings:
        parts.append(ngettext("%(num)s pertemuan", "%(num)s pertemuan", shortfall.meetings))
    if shortfall.accompanied:
        parts.append(ngettext("%(num)s pertemuan didampingi", "%(num)s pertemuan didampingi", shortfall.accompanied))
    if shortfall.assets:
        parts.append(ngettext("%(num)s aset dari pertemuan", "%(num)s aset dari pertemuan", shortfall.assets)
                     if assets_from_meetings_only(year, quarter)
                     else ngettext("%(num)s aset", "%(num)s aset", shortfall.assets))
    return gettext("kurang %(items)s", items=", ".join(parts)) if parts else ""


def target_words(target: Target) -> str:
    """"1 pertemuan, 1 aset" (the accompanied minimum only when there is one)."""
    parts = [ngettext("%(num)s pertemuan", "%(num)s pertemuan", target.min_meetings)]
    if target.min_accompanied:
        parts.append(ngettext("%(num)s didampingi", "%(num)s didampingi", target.min_accompanied))
    parts.append(ngettext("%(num)s aset", "%(num)s aset", target.min_assets))
    return ", ".join(parts)


@dataclass(frozen=True)
class QuarterStanding:
    """An agency's figures for the running Triwulan against its target."""
    agency_id: int
    year: int
    quarter: int
    figures: QuarterFigures
    target: Target
    status: Status
    ends_on: date
    days_left: int

    @property
    def shortfall(self) -> Shortfall:
        return shortfall_of(self.figures, self.target)

    @property
    def near_deadline(self) -> bool:
        """Not met yet and the quarter ends within DEADLINE_WARNING_DAYS."""
        return self.status == Status.IN_PROGRESS and self.days_left <= DEADLINE_WARNING_DAYS

    def missing_words(self) -> str:
        return shortfall_words(self.shortfall, self.year, self.quarter)

    def target_words(self) -> str:
        return target_words(self.target)

    def deadline_words(self) -> str:
        """"berakhir 31 Des (31 hari lagi)"."""
        left = (gettext("hari ini") if self.days_left == 0
                else ngettext("%(num)s hari lagi", "%(num)s hari lagi", self.days_left))
        return gettext("berakhir %(day)s (%(left)s)", day=format_date(self.ends_on, "d MMM"), left=left)


def running_standings(agency_ids: list[int], today: date) -> dict[int, QuarterStanding]:
    """{agency_id: standing in the Triwulan that contains `today`}, from two grouped queries."""
    year, quarter = quarter_of(today)
    achieved = figures_by_agency(year, agency_ids)
    targets = targets_for_year(year)
    ends_on = quarter_bounds(year, quarter)[1]
    standings = {}
    for agency_id in agency_ids:
        figures = achieved.get((agency_id, quarter), QuarterFigures())
        target = target_for(targets, agency_id, quarter)
        standings[agency_id] = QuarterStanding(agency_id, year, quarter, figures, target,
                                               evaluate(figures, target, year, quarter, today), ends_on,
                                               (ends_on - today).days)
    return standings
