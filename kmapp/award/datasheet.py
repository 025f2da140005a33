"""The portal's data sheet of one agency for the award: the same figures for every assessor,
for the award's year and the year before. The counting is the programme area's
(kmapp/programme/targets.py, figures.py); this module only puts it together per agency."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..maturity.comparison import published_history
from ..maturity.presenting import LEVEL_NAME, score_text
from ..models import Agency, Asset, AssetStatus, Community
from ..programme.figures import (Utilisation, assets_by_km_stage, assets_by_seci_stage, period_of,
                                 readers_by_agency)
from ..programme.targets import QuarterFigures, figures_by_agency_and_year

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class YearSheet:
    year: int
    quarters: tuple[QuarterFigures, ...]   # Triwulan I-IV: meetings, accompanied, counted assets
    asset_types: dict[str, int]
    km_stages: dict[str, int]
    seci_stages: dict[str | None, int]
    assets_published: int
    assets_from_meetings: int
    utilisation: Utilisation
    reviewed: int          # reviews recorded in the year
    overdue: int           # published assets whose review date passed in or before the year, not reviewed since

    @property
    def meetings(self) -> int:
        return sum(q.meetings for q in self.quarters)

    @property
    def accompanied(self) -> int:
        return sum(q.accompanied for q in self.quarters)

    @property
    def accompaniment_rate(self) -> float | None:
        return self.accompanied / self.meetings if self.meetings else None


@dataclass(frozen=True)
class DataSheet:
    agency: Agency
    years: tuple[YearSheet, ...]  # the award's year first
    maturity: tuple[str | None, ...]  # per year, as `years`; see maturity_score_and_level


def maturity_score_and_level(agency_id: int, year: int) -> str | None:
    """The agency's published maturity score and level for `year` ("94/100, level 5 (Inovasi)"),
    or None ("belum dinilai"): the maturity round of that year, once published."""
    for result in published_history(agency_id):
        if result.year == year:
            return _("%(score)s/100, level %(level)d (%(name)s)", score=score_text(result.total),
                     level=result.level, name=LEVEL_NAME[result.level])
    return None


def data_sheet(agency: Agency, award_year: int, today: date) -> DataSheet:
    """Every figure of the sheet, from grouped queries over this agency only."""
    years = (award_year, award_year - 1)
    quarters = figures_by_agency_and_year(min(years), max(years), [agency.id])
    return DataSheet(agency, tuple(_year_sheet(agency, year, quarters, today) for year in years),
                     tuple(maturity_score_and_level(agency.id, year) for year in years))


def _year_sheet(agency: Agency, year: int, quarters, today: date) -> YearSheet:
    period = period_of(year)
    published = (Asset.status == AssetStatus.PUBLISHED, Community.agency_id == agency.id,
                 Asset.published_on >= period.first, Asset.published_on <= period.last)
    types = dict(db.session.execute(select(Asset.asset_type, func.count(Asset.id)).join(Community)
                                    .where(*published).group_by(Asset.asset_type)).all())
    from_meetings = db.session.scalar(select(func.count(Asset.id)).join(Community)
                                      .where(*published, Asset.meeting_id.is_not(None))) or 0
    mine = (Asset.status == AssetStatus.PUBLISHED, Community.agency_id == agency.id)
    reviewed = db.session.scalar(select(func.count(Asset.id)).join(Community).where(
        *mine, Asset.last_reviewed_on >= period.first, Asset.last_reviewed_on <= period.last)) or 0
    overdue = db.session.scalar(select(func.count(Asset.id)).join(Community).where(
        *mine, Asset.next_review_on < min(period.last, today))) or 0
    return YearSheet(
        year=year, quarters=tuple(quarters.get((agency.id, year, q), QuarterFigures()) for q in QUARTERS),
        asset_types=types, km_stages=assets_by_km_stage(period, [agency.id]),
        seci_stages=assets_by_seci_stage(period, [agency.id]), assets_published=sum(types.values()),
        assets_from_meetings=from_meetings,
        utilisation=Utilisation(readers_by_agency(period, [agency.id]).get(agency.id, 0), agency.headcount),
        reviewed=reviewed, overdue=overdue)
