"""The year's work plan, drawn from what the portal already holds, never typed twice: the
Triwulan schedule with the targets the dashboard measures against (kmapp/programme/targets.py),
and the success indicators from the same settings the figures use."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..assets.rules import meeting_required_from, review_months
from ..award.rounds import round_for_year
from ..extensions import db
from ..models import MaturityRound, QuarterTarget
from ..programme.figures import UTILISATION_TARGET
from ..programme.targets import Target, target_for, targets_for_year
from ..quarters import quarter_bounds


@dataclass(frozen=True)
class PlannedQuarter:
    quarter: int
    starts_on: date
    ends_on: date
    target: Target  # the default for every agency that has no override
    assets_from_meetings: bool  # only assets from a meeting count (from Triwulan IV 2025)


@dataclass(frozen=True)
class WorkPlan:
    year: int
    quarters: list[PlannedQuarter]
    agencies_with_own_targets: int
    utilisation_target: float
    review_months: int
    award_winners: int | None
    award_deadline: date | None
    award_ceremony: date | None
    maturity_deadline: date | None


def work_plan(year: int) -> WorkPlan:
    targets = targets_for_year(year)
    required_from = meeting_required_from()
    quarters = []
    for quarter in range(1, 5):
        starts_on, ends_on = quarter_bounds(year, quarter)
        quarters.append(PlannedQuarter(quarter, starts_on, ends_on, target_for(targets, None, quarter),
                                       starts_on >= required_from))
    overrides = db.session.scalar(select(func.count(func.distinct(QuarterTarget.agency_id)))
                                  .where(QuarterTarget.year == year, QuarterTarget.agency_id.is_not(None)))
    award = round_for_year(year)
    maturity = db.session.scalar(select(MaturityRound).where(MaturityRound.year == year))
    return WorkPlan(year, quarters, overrides or 0, UTILISATION_TARGET, review_months("guide"),
                    award.winners_count if award else None, award.submission_deadline if award else None,
                    award.ceremony_on if award else None, maturity.deadline if maturity else None)
