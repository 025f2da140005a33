"""Quarterly targets and what each agency achieved against them.

An agency meets a Triwulan's target when, within that quarter, its CoPs held at least
`min_meetings` meetings, of which at least `min_accompanied` were accompanied, and
published at least `min_assets` assets that came out of a community meeting (the
Triwulan IV 2025 rule: uploads without a meeting do not count).
Figures come from aggregate queries grouped by agency and quarter, never per-agency loops.
"""
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Integer, cast, extract, func, select

from ..extensions import db
from ..models import Asset, AssetStatus, Community, Meeting, QuarterTarget
from ..quarters import quarter_bounds

BUILT_IN_TARGET = (1, 1, 0)  # meetings, assets, accompanied: used when no target was set


@dataclass(frozen=True)
class Target:
    min_meetings: int
    min_assets: int
    min_accompanied: int


@dataclass(frozen=True)
class QuarterFigures:
    meetings: int = 0
    accompanied: int = 0
    assets: int = 0


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


def targets_for_year(year: int) -> dict[tuple[int | None, int], Target]:
    """{(agency_id or None for the default, quarter): Target} as set by the admins."""
    rows = db.session.execute(select(QuarterTarget).where(QuarterTarget.year == year)).scalars()
    return {(row.agency_id, row.quarter): Target(row.min_meetings, row.min_assets, row.min_accompanied)
            for row in rows}


def target_for(targets: dict, agency_id: int, quarter: int) -> Target:
    """The agency's override, else the year's default, else the built-in minimum."""
    return targets.get((agency_id, quarter)) or targets.get((None, quarter)) or Target(*BUILT_IN_TARGET)


def _quarter_expr(column):
    return (cast(extract("month", column), Integer) + 2) / 3


def figures_by_agency(year: int, agency_ids: list[int] | None = None) -> dict[tuple[int, int], QuarterFigures]:
    """{(agency_id, quarter): QuarterFigures} for one year, from two grouped queries."""
    meetings = (select(Community.agency_id, Meeting.quarter, func.count(Meeting.id),
                       func.count(Meeting.accompanied_at))
                .join(Community, Meeting.community_id == Community.id)
                .where(Meeting.year == year).group_by(Community.agency_id, Meeting.quarter))
    asset_quarter = _quarter_expr(Asset.published_on)
    assets = (select(Community.agency_id, asset_quarter, func.count(Asset.id))
              .join(Community, Asset.community_id == Community.id)
              .where(Asset.meeting_id.is_not(None), Asset.status == AssetStatus.PUBLISHED,
                     Asset.published_on >= date(year, 1, 1), Asset.published_on <= date(year, 12, 31))
              .group_by(Community.agency_id, asset_quarter))
    if agency_ids is not None:
        meetings = meetings.where(Community.agency_id.in_(agency_ids))
        assets = assets.where(Community.agency_id.in_(agency_ids))
    result: dict[tuple[int, int], QuarterFigures] = {}
    for agency_id, quarter, count, accompanied in db.session.execute(meetings):
        result[(agency_id, int(quarter))] = QuarterFigures(count, accompanied, 0)
    for agency_id, quarter, count in db.session.execute(assets):
        key = (agency_id, int(quarter))
        held = result.get(key, QuarterFigures())
        result[key] = QuarterFigures(held.meetings, held.accompanied, count)
    return result


def evaluate(figures: QuarterFigures, target: Target, year: int, quarter: int, today: date) -> Status:
    """Met as soon as every minimum is reached; otherwise open until the quarter ends."""
    first, last = quarter_bounds(year, quarter)
    met = (figures.meetings >= target.min_meetings and figures.assets >= target.min_assets
           and figures.accompanied >= target.min_accompanied)
    if met:
        return Status.MET
    if today < first:
        return Status.NOT_STARTED
    return Status.IN_PROGRESS if today <= last else Status.NOT_MET
