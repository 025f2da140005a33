"""Quarterly targets and what each agency achieved against them.

An agency meets a Triwulan's target when, within that quarter, its CoPs held at least
`min_meetings` meetings, of which at least `min_accompanied` were accompanied, and
published at least `min_assets` assets that count.

Which assets count (the one rule; the dashboard, agency pages, CoP pages, report and
exports all take their figures from `figures_by_agency_and_year`): a published asset
counts for the Triwulan of its publication date if it came out of a community meeting,
OR if it was published before ASSET_MEETING_REQUIRED_FROM (1 October 2025, the start of
Triwulan IV 2025). Before that date the target was an output target (all 51 agencies met
Triwulan I-III 2025 while only 42 held meetings in Triwulan III); from that date an
upload without a meeting "is not a community, it is only uploading data" and does not
count. `counts_towards_target` states the rule in Python, `_counted_assets` in SQL.
Figures come from aggregate queries grouped by agency and quarter, never per-agency loops.
"""
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Integer, cast, extract, func, or_, select

from ..assets.rules import meeting_required_from
from ..audit import record_change, snapshot
from ..extensions import db
from ..models import Agency, Asset, AssetStatus, Community, Meeting, QuarterTarget
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


def counts_towards_target(published_on: date | None, meeting_id: int | None, required_from: date) -> bool:
    """The rule for one published asset (see the module docstring): from a meeting, or
    published before the meeting rule started."""
    return published_on is not None and (meeting_id is not None or published_on < required_from)


def _counted_assets(required_from: date):
    """`counts_towards_target` as a WHERE clause over Asset."""
    return (Asset.status == AssetStatus.PUBLISHED,
            or_(Asset.meeting_id.is_not(None), Asset.published_on < required_from))


def _quarter_expr(column):
    # Floor division: SQLAlchemy 2 renders "/" as true division (7/3 -> 2.33), which would
    # split one quarter into three groups.
    return (cast(extract("month", column), Integer) + 2) // 3


def figures_by_agency(year: int, agency_ids: list[int] | None = None, required_from: date | None = None
                      ) -> dict[tuple[int, int], QuarterFigures]:
    """{(agency_id, quarter): QuarterFigures} for one year, from two grouped queries."""
    spread = figures_by_agency_and_year(year, year, agency_ids, required_from)
    return {(agency_id, quarter): figures for (agency_id, _, quarter), figures in spread.items()}


def figures_by_agency_and_year(first_year: int, last_year: int, agency_ids: list[int] | None = None,
                               required_from: date | None = None) -> dict[tuple[int, int, int], QuarterFigures]:
    """{(agency_id, year, quarter): QuarterFigures} for a span of years, from two grouped queries.

    Assets are counted by `counts_towards_target`; `required_from` defaults to the setting
    ASSET_MEETING_REQUIRED_FROM.
    """
    required_from = required_from or meeting_required_from()
    meetings = (select(Community.agency_id, Meeting.year, Meeting.quarter, func.count(Meeting.id),
                       func.count(Meeting.accompanied_at))
                .join(Community, Meeting.community_id == Community.id)
                .where(Meeting.year >= first_year, Meeting.year <= last_year)
                .group_by(Community.agency_id, Meeting.year, Meeting.quarter))
    asset_year = cast(extract("year", Asset.published_on), Integer)
    asset_quarter = _quarter_expr(Asset.published_on)
    assets = (select(Community.agency_id, asset_year, asset_quarter, func.count(Asset.id))
              .join(Community, Asset.community_id == Community.id)
              .where(*_counted_assets(required_from),
                     Asset.published_on >= date(first_year, 1, 1), Asset.published_on <= date(last_year, 12, 31))
              .group_by(Community.agency_id, asset_year, asset_quarter))
    if agency_ids is not None:
        meetings = meetings.where(Community.agency_id.in_(agency_ids))
        assets = assets.where(Community.agency_id.in_(agency_ids))
    result: dict[tuple[int, int, int], QuarterFigures] = {}
    for agency_id, year, quarter, count, accompanied in db.session.execute(meetings):
        result[(agency_id, int(year), int(quarter))] = QuarterFigures(count, accompanied, 0)
    for agency_id, year, quarter, count in db.session.execute(assets):
        key = (agency_id, int(year), int(quarter))
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


TARGET_FIELDS = ["year", "quarter", "agency_id", "min_meetings", "min_assets", "min_accompanied"]


def save_target(year: int, quarter: int, agency_id: int | None, target: Target) -> QuarterTarget | None:
    """Set the default (agency_id None) or an agency's override for one Triwulan, audited.

    Returns the row, or None when nothing changed (no audit noise for unchanged values).
    """
    row = db.session.execute(select(QuarterTarget).where(
        QuarterTarget.year == year, QuarterTarget.quarter == quarter,
        QuarterTarget.agency_id.is_(None) if agency_id is None else QuarterTarget.agency_id == agency_id,
    )).scalar_one_or_none()
    before = snapshot(row, TARGET_FIELDS) if row else None
    if row is None:
        row = QuarterTarget(year=year, quarter=quarter, agency_id=agency_id)
        db.session.add(row)
    row.min_meetings, row.min_assets = target.min_meetings, target.min_assets
    row.min_accompanied = target.min_accompanied
    after = snapshot(row, TARGET_FIELDS)
    if before == after:
        return None
    db.session.flush()
    record_change("quarter_target.created" if before is None else "quarter_target.updated", row, before, after)
    return row


def delete_override(row: QuarterTarget) -> None:
    """Remove an agency's override (the default applies again), audited. Defaults stay."""
    if row.agency_id is None:
        raise ValueError("the default target of a quarter is changed, not deleted")
    record_change("quarter_target.deleted", row, snapshot(row, TARGET_FIELDS), None)
    db.session.delete(row)


def overrides_for_year(year: int) -> list[QuarterTarget]:
    """The agencies' own targets of a year, by agency name then Triwulan."""
    return list(db.session.scalars(
        select(QuarterTarget).join(Agency, QuarterTarget.agency_id == Agency.id)
        .where(QuarterTarget.year == year).order_by(Agency.name, QuarterTarget.quarter)))
