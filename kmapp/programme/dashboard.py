"""The programme dashboard as data: the agency x Triwulan matrix, quarter totals,
utilisation and asset stages for one year, filtered, with the agencies behind first.

`build_dashboard` runs a fixed handful of grouped queries (see figures.py and
targets.py) and then only arranges their results; nothing here queries per agency.
"""
from dataclasses import dataclass, field
from datetime import date

from . import figures as fig
from .standing import Shortfall, shortfall_of, shortfall_words, target_words
from .targets import QuarterFigures, Status, Target, evaluate, figures_by_agency, target_for, targets_for_year

QUARTERS = (1, 2, 3, 4)
# Worst first: the order in which agencies and cells are listed.
STATUS_RANK = {Status.NOT_MET: 0, Status.IN_PROGRESS: 1, Status.NOT_STARTED: 2, Status.MET: 3}


@dataclass(frozen=True)
class Filters:
    year: int
    quarter: int | None = None  # None: the whole year
    kind: str | None = None     # agency kind, None: all
    behind_only: bool = False


@dataclass(frozen=True)
class Cell:
    quarter: int
    status: Status
    figures: QuarterFigures
    target: Target
    overridden: bool  # the agency has its own target for this quarter

    @property
    def shortfall(self) -> Shortfall:
        return shortfall_of(self.figures, self.target)

    def missing_words(self, year: int) -> str:
        """"kurang 1 aset dari pertemuan" ("" when nothing is missing)."""
        return shortfall_words(self.shortfall, year, self.quarter)

    def target_words(self) -> str:
        return target_words(self.target)


@dataclass(frozen=True)
class AgencyRow:
    id: int
    code: str
    name: str
    kind: str
    headcount: int
    cells: tuple[Cell, ...]
    utilisation: fig.Utilisation

    def cell(self, quarter: int) -> Cell:
        return self.cells[quarter - 1]

    def considered(self, quarter: int | None) -> tuple[Cell, ...]:
        return self.cells if quarter is None else (self.cell(quarter),)

    def is_behind(self, quarter: int | None) -> bool:
        """Missed the target of the chosen quarter (or of any quarter of the year)."""
        return any(cell.status == Status.NOT_MET for cell in self.considered(quarter))


@dataclass(frozen=True)
class BehindAgency:
    """An agency behind target, with what the programme office needs to follow it up."""
    row: AgencyRow
    missed: tuple[Cell, ...]    # the quarters of the period whose target it missed
    leads: tuple[str, ...]      # its CoPs' leads
    last_meeting: date | None   # its CoPs' latest meeting, any year


@dataclass(frozen=True)
class QuarterTotal:
    """A Triwulan as the programme reports it: "42 agencies held 45 meetings, 33 accompanied"."""
    quarter: int
    agencies: int
    agencies_met: int
    agencies_with_meetings: int
    meetings: int
    accompanied: int
    assets: int

    @property
    def accompaniment_rate(self) -> float | None:
        return self.accompanied / self.meetings if self.meetings else None


@dataclass
class Dashboard:
    filters: Filters
    period: fig.Period
    rows: list[AgencyRow]
    totals: list[QuarterTotal]
    default_targets: dict[int, Target]
    km_stages: dict[str, int]
    seci_stages: dict[str | None, int]
    utilisation: fig.Utilisation
    agencies_total: int = 0
    behind: list[AgencyRow] = field(default_factory=list)

    def total(self, quarter: int) -> QuarterTotal:
        return self.totals[quarter - 1]


def build_dashboard(filters: Filters, today: date) -> Dashboard:
    """Everything the dashboard, the exports and the printed report show, for `filters`."""
    agencies = fig.agencies(filters.kind)
    ids = [agency.id for agency in agencies]
    period = fig.period_of(filters.year, filters.quarter)
    targets = targets_for_year(filters.year)
    # Every agency's figures (a few hundred groups): read from the covering index in one pass,
    # rather than CoP by CoP through every asset they ever published.
    achieved = figures_by_agency(filters.year)
    readers = fig.readers_by_agency(period, ids)
    rows = [_agency_row(agency, filters.year, targets, achieved, readers, today) for agency in agencies]
    asset_scope = ids if filters.kind else None  # every agency: no need to filter by agency
    ordered = behind_first(rows, filters.quarter)
    behind = [row for row in ordered if row.is_behind(filters.quarter)]
    return Dashboard(
        filters=filters, period=period,
        rows=behind if filters.behind_only else ordered,
        totals=quarter_totals(rows),
        default_targets={q: target_for(targets, None, q) for q in QUARTERS},
        km_stages=fig.assets_by_km_stage(period, asset_scope),
        seci_stages=fig.assets_by_seci_stage(period, asset_scope),
        utilisation=fig.overall_utilisation(period, {agency.id: agency.headcount for agency in agencies}),
        agencies_total=len(rows), behind=behind,
    )


def behind_details(dashboard: Dashboard) -> list[BehindAgency]:
    """The agencies behind target with their missed quarters, CoP leads and last meeting: for the
    pages that follow them up (two more queries; the exports do without)."""
    behind, quarter = dashboard.behind, dashboard.filters.quarter
    ids = [row.id for row in behind]
    leads, last_meetings = fig.lead_names_by_agency(ids), fig.last_meeting_by_agency(ids)
    return [BehindAgency(row, tuple(cell for cell in row.considered(quarter) if cell.status == Status.NOT_MET),
                         tuple(leads.get(row.id, ())), last_meetings.get(row.id)) for row in behind]


def _agency_row(agency, year: int, targets: dict, achieved: dict, readers: dict, today: date) -> AgencyRow:
    cells = []
    for quarter in QUARTERS:
        figures = achieved.get((agency.id, quarter), QuarterFigures())
        target = target_for(targets, agency.id, quarter)
        cells.append(Cell(quarter, evaluate(figures, target, year, quarter, today), figures, target,
                          overridden=(agency.id, quarter) in targets))
    return AgencyRow(agency.id, agency.code, agency.name, agency.kind, agency.headcount, tuple(cells),
                     fig.Utilisation(readers.get(agency.id, 0), agency.headcount))


def behind_first(rows: list[AgencyRow], quarter: int | None) -> list[AgencyRow]:
    """Missed targets first (most missed quarters first), then open ones, then the lowest
    utilisation, then by name."""
    def key(row: AgencyRow):
        cells = row.considered(quarter)
        worst = min(STATUS_RANK[cell.status] for cell in cells)
        missed = sum(cell.status == Status.NOT_MET for cell in cells)
        ratio = row.utilisation.ratio
        return worst, -missed, ratio is None, ratio or 0.0, row.name
    return sorted(rows, key=key)


def quarter_totals(rows: list[AgencyRow]) -> list[QuarterTotal]:
    """Per Triwulan: agencies that met the target, that held a meeting, and the counts."""
    totals = []
    for quarter in QUARTERS:
        cells = [row.cell(quarter) for row in rows]
        totals.append(QuarterTotal(
            quarter=quarter, agencies=len(cells),
            agencies_met=sum(cell.status == Status.MET for cell in cells),
            agencies_with_meetings=sum(cell.figures.meetings > 0 for cell in cells),
            meetings=sum(cell.figures.meetings for cell in cells),
            accompanied=sum(cell.figures.accompanied for cell in cells),
            assets=sum(cell.figures.assets for cell in cells),
        ))
    return totals
