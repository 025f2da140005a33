"""One agency's programme page: its CoPs, quarter-by-quarter history, meetings, assets,
utilisation and the assets whose yearly review is overdue."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ..extensions import db
from ..models import Agency, Asset, AssetStatus, Community, Meeting
from ..policy import asset_visibility_clause
from .dashboard import QUARTERS, Cell
from .figures import Utilisation, readers_by_quarter, year_span
from .targets import QuarterFigures, evaluate, figures_by_agency_and_year, target_for, targets_for_year

RECENT = 10
OVERDUE_LISTED = 20


@dataclass(frozen=True)
class YearHistory:
    year: int
    cells: tuple[Cell, ...]
    quarter_utilisation: tuple[Utilisation, ...]
    utilisation: Utilisation


@dataclass
class AgencyOverview:
    agency: Agency
    history: list[YearHistory]  # newest year first
    meetings: list[Meeting]
    meeting_count: int
    assets: list[Asset]          # the most recent the viewer may see
    asset_count: int             # all published assets of the agency
    overdue: list[Asset]         # overdue reviews the viewer may see
    overdue_count: int


def agency_overview(agency: Agency, viewer, today: date) -> AgencyOverview:
    """Everything the agency page shows, from grouped queries over this agency only."""
    first_year, last_year = year_span(today)
    achieved = figures_by_agency_and_year(first_year, last_year, [agency.id])
    readers = readers_by_quarter(agency.id)
    history = []
    for year in range(last_year, first_year - 1, -1):
        targets = targets_for_year(year)  # a few rows per year: the years are few
        cells = []
        for quarter in QUARTERS:
            figures = achieved.get((agency.id, year, quarter), QuarterFigures())
            target = target_for(targets, agency.id, quarter)
            cells.append(Cell(quarter, evaluate(figures, target, year, quarter, today), figures, target,
                              overridden=(agency.id, quarter) in targets))
        history.append(YearHistory(
            year, tuple(cells),
            tuple(Utilisation(readers.get((year, q), 0), agency.headcount) for q in QUARTERS),
            Utilisation(readers.get((year, None), 0), agency.headcount)))
    mine = Community.agency_id == agency.id
    published = (Asset.status == AssetStatus.PUBLISHED, mine)
    overdue = (*published, Asset.next_review_on < today)
    return AgencyOverview(
        agency=agency, history=history,
        meetings=list(db.session.scalars(select(Meeting).join(Community).where(mine)
                                         .order_by(Meeting.held_on.desc(), Meeting.id.desc()).limit(RECENT))),
        meeting_count=db.session.scalar(select(func.count(Meeting.id)).join(Community).where(mine)),
        assets=_visible_assets(viewer, published, Asset.published_on.desc(), RECENT),
        asset_count=db.session.scalar(select(func.count(Asset.id)).join(Community).where(*published)),
        overdue=_visible_assets(viewer, overdue, Asset.next_review_on, OVERDUE_LISTED),
        overdue_count=db.session.scalar(select(func.count(Asset.id)).join(Community).where(*overdue)),
    )


def _visible_assets(viewer, conditions, order, limit: int) -> list[Asset]:
    """Titles are listed only where the viewer may open them; the counts cover all."""
    statement = (select(Asset).join(Community).where(*conditions, asset_visibility_clause(viewer))
                 .order_by(order, Asset.id.desc()).limit(limit))
    return list(db.session.scalars(statement))
